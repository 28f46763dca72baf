"""A fake of the pixel platforms' event endpoints (Meta Conversions API,
TikTok Events API, GA4 Measurement Protocol) for the RetryEvents tests.

Listens on 127.0.0.1 (a free port) and prints `READY <port>`. The first
request to each endpoint fails with HTTP 500; later ones succeed with the
platform's usual body. Every request is printed as one line:
`REQUEST <method> <path> <access-token header or -> <body as base64>`.
Exits when its standard input closes (the test process ended).
"""
import base64
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

seen = set()
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        path = self.path.split("?")[0]
        token = self.headers.get("Access-Token", "-")
        with lock:
            # One write per line, under the lock: print() from several
            # threads can interleave a line with another's newline.
            sys.stdout.write(f"REQUEST POST {self.path} {token} {base64.b64encode(body).decode()}\n")
            sys.stdout.flush()
            first = path not in seen
            seen.add(path)
        if first:
            self.reply(500, {"error": {"message": "temporarily unavailable", "code": 2}})
        elif path.startswith("/tiktok/"):
            self.reply(200, {"code": 0, "message": "OK"})
        elif path.startswith("/ga4/"):
            self.reply(204, None)
        else:
            self.reply(200, {"events_received": 1})

    def reply(self, status, payload):
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"READY {server.server_address[1]}", flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
