#!/usr/bin/env python3
"""moto's S3 on 127.0.0.1 (a port the OS picks) with IAM authentication on,
so requests must carry a valid SigV4 signature. Before turning
authentication on it creates an IAM user allowed s3:* and an access key,
then prints `READY <port> <access key id> <secret key>`. Exits when its
standard input closes (the test ended or died) or on SIGTERM."""
import json
import sys

import boto3
from moto import settings
from moto.core.authorization import ActionAuthenticatorMixin
from moto.server import ThreadedMotoServer

server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
_, port = server.get_host_and_port()
endpoint = f"http://127.0.0.1:{port}"

iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
                   aws_access_key_id="setup", aws_secret_access_key="setup")
iam.create_user(UserName="uploader")
iam.put_user_policy(UserName="uploader", PolicyName="s3", PolicyDocument=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}],
}))
key = iam.create_access_key(UserName="uploader")["AccessKey"]

# From here on every request is authenticated and its signature checked.
settings.INITIAL_NO_AUTH_ACTION_COUNT = 0
ActionAuthenticatorMixin.request_count = 0

print(f"READY {port} {key['AccessKeyId']} {key['SecretAccessKey']}", flush=True)
sys.stdin.read()
server.stop()
