"""A fake of the pixel platforms' event endpoints (Meta Conversions API,
TikTok Events API, GA4 Measurement Protocol) for the RetryEvents tests.

Listens on 127.0.0.1 (a free port) and prints `READY <port>`. The
destination id (Meta: the pixel id in the path; TikTok: event_source_id;
GA4: measurement_id) chooses the behaviour:
- containing "HOLD": the answer (HTTP 200) waits until the line RELEASE
  arrives on standard input;
- containing "ECHO": HTTP 400 whose body quotes the request's secret (raw,
  JSON-escaped and percent-encoded), as careless platforms do;
- containing "OK": HTTP 200 at once;
- otherwise the first request to each endpoint fails with HTTP 500 and
  later ones succeed with the platform's usual body.
Every request is printed as one line:
`REQUEST <method> <path> <access-token header or -> <body as base64>`.
Exits when its standard input closes (the test process ended).
"""
import base64
import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

seen = set()
lock = threading.Lock()
released = threading.Event()


def destination_and_secret(path, query, token, body):
    if path.startswith("/meta/"):
        secret = json.loads(body or b"{}").get("access_token", "")
        return path.split("/")[2], secret
    if path.startswith("/tiktok/"):
        return json.loads(body or b"{}").get("event_source_id", ""), token
    params = urllib.parse.parse_qs(query)
    return params.get("measurement_id", [""])[0], params.get("api_secret", [""])[0]


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        path, _, query = self.path.partition("?")
        token = self.headers.get("Access-Token", "-")
        with lock:
            # One write per line, under the lock: print() from several
            # threads can interleave a line with another's newline.
            sys.stdout.write(f"REQUEST POST {self.path} {token} {base64.b64encode(body).decode()}\n")
            sys.stdout.flush()
            first = path not in seen
            seen.add(path)
        destination, secret = destination_and_secret(path, query, token, body)
        if "HOLD" in destination:
            released.wait()
            self.succeed(path)
        elif "ECHO" in destination:
            escaped = json.dumps(secret)[1:-1].replace("/", "\\/")
            quoted = urllib.parse.quote(secret, safe="")
            text = f"Invalid OAuth access token: {secret} (as JSON {escaped}, as URL {quoted})"
            self.reply(400, {"error": {"message": text, "code": 190}})
        elif "OK" in destination:
            self.succeed(path)
        elif first:
            self.reply(500, {"error": {"message": "temporarily unavailable", "code": 2}})
        else:
            self.succeed(path)

    def succeed(self, path):
        if path.startswith("/tiktok/"):
            self.reply(200, {"code": 0, "message": "OK"})
        elif path.startswith("/ga4/"):
            self.reply(204, None)
        else:
            self.reply(200, {"events_received": 1})

    def reply(self, status, payload):
        data = b"" if payload is None else json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a held request past its deadline)

    def log_message(self, *args):
        pass


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"READY {server.server_address[1]}", flush=True)
    for line in sys.stdin:
        if line.strip() == "RELEASE":
            released.set()
    released.set()
    server.shutdown()


if __name__ == "__main__":
    main()
