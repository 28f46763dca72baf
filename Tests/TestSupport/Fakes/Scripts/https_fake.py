#!/usr/bin/env python3
"""A small HTTPS server on 127.0.0.1 standing in for the services the
Integrations target calls: an OAuth 2.0 authorization server (PKCE S256
checked independently with hashlib), Slack's incoming webhooks and external
file upload, a Standard Webhooks receiver (signatures checked with hmac),
and a few plain endpoints for the HTTP client's tests.

Usage: https_fake.py CERT KEY. Settings from the environment:
FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_SLACK_TOKEN, FAKE_WEBHOOK_SECRETS
(space-separated whsec_ secrets the receiver accepts), FAKE_GCS_PUBLIC_KEY
(PEM file of the service account's public key: JWT assertions are checked
with the cryptography package) and FAKE_GCS_ACCOUNT (its client_email).
Prints `READY <port>`; exits when standard input closes or on SIGTERM.

Test control: POST /_control/fail?path=P&status=S&count=N[&retry_after=R]
makes the next N requests to P answer S; GET /_control/state returns what
the fake recorded, as JSON."""
import base64
import hashlib
import hmac
import json
import os
import secrets
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

CLIENT_ID = os.environ.get("FAKE_CLIENT_ID", "client")
CLIENT_SECRET = os.environ.get("FAKE_CLIENT_SECRET", "secret")
SLACK_TOKEN = os.environ.get("FAKE_SLACK_TOKEN", "")
WEBHOOK_KEYS = [base64.b64decode(s[len("whsec_"):]) for s in os.environ.get("FAKE_WEBHOOK_SECRETS", "").split()]

# The providers' paths (Pinterest, Snapchat, LinkedIn) and a generic pair.
AUTHORIZE_PATHS = {"/oauth/authorize", "/oauth/", "/login/oauth2/authorize", "/oauth/v2/authorization"}
TOKEN_PATHS = {"/oauth/token", "/v5/oauth/token", "/login/oauth2/access_token", "/oauth/v2/accessToken"}

lock = threading.Lock()
state = {"codes": {}, "refresh_tokens": set(), "requests": {}, "failures": {}, "token_auth": [],
         "slack_messages": [], "slack_uploads": {}, "slack_files": [], "webhooks": [], "rejected_webhooks": 0,
         "gcs_tokens": set(), "gcs_objects": [], "gcs_token_requests": 0}


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", content_type="application/json", headers=()):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        elif isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def injected_failure(self, path):
        with lock:
            state["requests"][path] = state["requests"].get(path, 0) + 1
            failure = state["failures"].get(path)
            if not failure or failure["count"] <= 0:
                return False
            failure["count"] -= 1
        headers = [("Retry-After", failure["retry_after"])] if failure.get("retry_after") else []
        self.reply(failure["status"], {"error": "injected", "status": failure["status"]}, headers=headers)
        return True

    def do_GET(self):
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        if self.injected_failure(url.path):
            return
        if url.path in AUTHORIZE_PATHS:
            if query.get("response_type") != "code" or query.get("code_challenge_method") != "S256" \
                    or query.get("client_id") != CLIENT_ID or not query.get("code_challenge"):
                return self.reply(400, {"error": "invalid_request"})
            code = secrets.token_urlsafe(16)
            with lock:
                state["codes"][code] = (query["code_challenge"], query["redirect_uri"], query.get("scope"))
            location = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query.get("state", "")})
            return self.reply(302, "", headers=[("Location", location)])
        if url.path == "/_control/state":
            with lock:
                snapshot = {"requests": state["requests"], "token_auth": state["token_auth"],
                            "slack_messages": state["slack_messages"], "slack_files": state["slack_files"],
                            "webhooks": state["webhooks"], "rejected_webhooks": state["rejected_webhooks"],
                            "gcs_objects": state["gcs_objects"], "gcs_token_requests": state["gcs_token_requests"]}
            return self.reply(200, snapshot)
        if url.path == "/hello":
            return self.reply(200, "hello", content_type="text/plain")
        if url.path == "/bytes":
            return self.reply(200, b"x" * int(query["size"]), content_type="application/octet-stream")
        if url.path == "/redirect":
            hops = int(query["n"])
            if hops == 0:
                return self.reply(200, "arrived", content_type="text/plain")
            return self.reply(302, "", headers=[("Location", f"/redirect?n={hops - 1}")])
        if url.path == "/slow":
            print(f"SLOW {url.query}", flush=True)  # the request arrived: tests may now cancel it
            time.sleep(float(query.get("seconds", "5")))
            return self.reply(200, "late", content_type="text/plain")
        self.reply(404, {"error": "not_found"})

    def do_POST(self):
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        body = self.body()
        if url.path == "/_control/fail":
            with lock:
                state["failures"][query["path"]] = {"status": int(query["status"]), "count": int(query["count"]),
                                                     "retry_after": query.get("retry_after")}
            return self.reply(204)
        if self.injected_failure(url.path):
            return
        if url.path in TOKEN_PATHS:
            return self.token(body)
        if url.path.startswith("/services/"):
            return self.slack_webhook(body)
        if url.path.startswith("/api/"):
            return self.slack_api(url.path[len("/api/"):], body)
        if url.path.startswith("/upload/") and not url.path.startswith("/upload/storage/"):
            with lock:
                state["slack_uploads"][url.path[len("/upload/"):]] = body
            return self.reply(200, f"OK - {len(body)}", content_type="text/plain")
        if url.path == "/webhook":
            return self.webhook(body)
        if url.path == "/gcs/token":
            return self.gcs_token(body)
        if url.path.startswith("/upload/storage/v1/b/"):
            return self.gcs_upload(url.path, query, body)
        if url.path == "/echo":
            return self.reply(200, body, content_type="application/octet-stream")
        self.reply(404, {"error": "not_found"})

    do_PUT = do_POST

    # OAuth 2.0 token endpoint (RFC 6749 section 4.1.3 and 6, RFC 7636 section 4.6).
    def token(self, body):
        form = {k: v[0] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()}
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Basic "):
            client_id, _, client_secret = base64.b64decode(auth[6:]).decode().partition(":")
            method = "client_secret_basic"
            if "client_secret" in form:
                return self.reply(400, {"error": "invalid_request", "error_description": "two client auth methods"})
        else:
            client_id, client_secret = form.get("client_id"), form.get("client_secret")
            method = "client_secret_post"
        with lock:
            state["token_auth"].append(method)
        if client_id != CLIENT_ID or not hmac.compare_digest((client_secret or "").encode(), CLIENT_SECRET.encode()):
            return self.reply(401, {"error": "invalid_client"})
        grant = form.get("grant_type")
        if grant == "authorization_code":
            with lock:
                entry = state["codes"].pop(form.get("code", ""), None)
            if entry is None:
                return self.reply(400, {"error": "invalid_grant", "error_description": "unknown or used code"})
            challenge, redirect_uri, scope = entry
            verifier = form.get("code_verifier", "")
            if b64url(hashlib.sha256(verifier.encode()).digest()) != challenge:
                return self.reply(400, {"error": "invalid_grant", "error_description": "PKCE verification failed"})
            if form.get("redirect_uri") != redirect_uri:
                return self.reply(400, {"error": "invalid_grant", "error_description": "redirect_uri mismatch"})
            return self.issue(scope)
        if grant == "refresh_token":
            with lock:
                known = form.get("refresh_token") in state["refresh_tokens"]
            if not known:
                return self.reply(400, {"error": "invalid_grant", "error_description": "refresh token revoked"})
            return self.issue(None, rotate=False)
        self.reply(400, {"error": "unsupported_grant_type"})

    def issue(self, scope, rotate=True):
        token = {"access_token": "at-" + secrets.token_urlsafe(24), "token_type": "bearer", "expires_in": 3600}
        if rotate:
            refresh = "rt-" + secrets.token_urlsafe(24)
            with lock:
                state["refresh_tokens"].add(refresh)
            token["refresh_token"] = refresh
        if scope:
            token["scope"] = scope
        self.reply(200, token)

    # Slack.
    def slack_webhook(self, body):
        try:
            message = json.loads(body)
        except ValueError:
            return self.reply(400, "invalid_payload", content_type="text/plain")
        if not isinstance(message, dict) or not message.get("text"):
            return self.reply(400, "no_text", content_type="text/plain")
        with lock:
            state["slack_messages"].append({"path": self.path, "text": message["text"]})
        self.reply(200, "ok", content_type="text/plain")

    def slack_api(self, method, body):
        if self.headers.get("Authorization") != f"Bearer {SLACK_TOKEN}":
            return self.reply(200, {"ok": False, "error": "invalid_auth"})
        if method == "files.getUploadURLExternal":
            form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
            if not form.get("filename") or not form.get("length", "").isdigit():
                return self.reply(200, {"ok": False, "error": "invalid_arguments"})
            file_id = "F" + secrets.token_hex(5).upper()
            with lock:
                state["slack_uploads"][file_id] = None
                state.setdefault("declared", {})[file_id] = (form["filename"], int(form["length"]))
            port = self.server.server_address[1]
            return self.reply(200, {"ok": True, "upload_url": f"https://127.0.0.1:{port}/upload/{file_id}",
                                    "file_id": file_id})
        if method == "files.completeUploadExternal":
            payload = json.loads(body)
            done = []
            with lock:
                for file in payload["files"]:
                    data = state["slack_uploads"].get(file["id"])
                    filename, length = state["declared"].get(file["id"], (None, -1))
                    if data is None or len(data) != length:
                        return self.reply(200, {"ok": False, "error": "file_upload_incomplete"})
                    state["slack_files"].append({"id": file["id"], "filename": filename, "title": file.get("title"),
                                                 "channel": payload.get("channel_id"),
                                                 "comment": payload.get("initial_comment"),
                                                 "sha256": hashlib.sha256(data).hexdigest(), "length": len(data)})
                    done.append({"id": file["id"], "title": file.get("title")})
            return self.reply(200, {"ok": True, "files": done})
        self.reply(200, {"ok": False, "error": "unknown_method"})

    # Standard Webhooks 1.0 receiver.
    def webhook(self, body):
        msg_id = self.headers.get("webhook-id", "")
        timestamp = self.headers.get("webhook-timestamp", "")
        signatures = self.headers.get("webhook-signature", "").split(" ")
        fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) <= 300
        signed = f"{msg_id}.{timestamp}.".encode() + body
        expected = [base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode() for key in WEBHOOK_KEYS]
        valid = fresh and any(s.startswith("v1,") and hmac.compare_digest(s[3:], e)
                              for s in signatures for e in expected)
        with lock:
            if valid:
                state["webhooks"].append({"id": msg_id, "body": body.decode(), "signatures": len(signatures)})
            else:
                state["rejected_webhooks"] += 1
        self.reply(204 if valid else 401, "" if valid else {"error": "bad signature"})


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def gcs_token(self, body):
    """RFC 7523 JWT bearer grant, the assertion checked as Google would."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding
    form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
    if form.get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer":
        return self.reply(400, {"error": "unsupported_grant_type"})
    try:
        header_b64, claims_b64, signature_b64 = form["assertion"].split(".")
        with open(os.environ["FAKE_GCS_PUBLIC_KEY"], "rb") as key_file:
            key = serialization.load_pem_public_key(key_file.read())
        key.verify(b64url_decode(signature_b64), f"{header_b64}.{claims_b64}".encode(), padding.PKCS1v15(),
                   hashes.SHA256())
        header, claims = json.loads(b64url_decode(header_b64)), json.loads(b64url_decode(claims_b64))
    except Exception as error:  # noqa: BLE001 - any failure is an invalid grant
        return self.reply(400, {"error": "invalid_grant", "error_description": type(error).__name__})
    port = self.server.server_address[1]
    now = time.time()
    if header.get("alg") != "RS256" or claims.get("iss") != os.environ.get("FAKE_GCS_ACCOUNT") \
            or claims.get("aud") != f"https://127.0.0.1:{port}/gcs/token" \
            or "devstorage" not in claims.get("scope", "") or not (claims["iat"] - 60 <= now <= claims["exp"]) \
            or claims["exp"] - claims["iat"] > 3600:
        return self.reply(400, {"error": "invalid_grant", "error_description": "bad claims"})
    token = "ya29." + secrets.token_urlsafe(24)
    with lock:
        state["gcs_tokens"].add(token)
        state["gcs_token_requests"] += 1
    self.reply(200, {"access_token": token, "token_type": "Bearer", "expires_in": 3599})


def gcs_upload(self, path, query, body):
    authorization = self.headers.get("Authorization", "")
    with lock:
        known = authorization.startswith("Bearer ") and authorization[7:] in state["gcs_tokens"]
    if not known:
        return self.reply(401, {"error": {"code": 401, "message": "Invalid Credentials"}})
    bucket = path[len("/upload/storage/v1/b/"):].split("/")[0]
    if query.get("uploadType") != "media" or not query.get("name"):
        return self.reply(400, {"error": {"code": 400, "message": "uploadType=media and name required"}})
    record = {"bucket": bucket, "name": query["name"], "size": str(len(body)),
              "contentType": self.headers.get("Content-Type"), "sha256": hashlib.sha256(body).hexdigest()}
    with lock:
        state["gcs_objects"].append(record)
    self.reply(200, {"kind": "storage#object", "bucket": bucket, "name": query["name"], "size": str(len(body))})


Handler.gcs_token = gcs_token
Handler.gcs_upload = gcs_upload


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[1], sys.argv[2])
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"READY {server.server_address[1]}", flush=True)
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    main()
