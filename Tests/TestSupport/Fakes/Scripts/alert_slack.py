#!/usr/bin/env python3
"""A fake of Slack's chat.postMessage for the pixel alert tests, over HTTPS.

Usage: alert_slack.py CERT KEY TOKEN [CHANNEL=ERROR[*COUNT] ...]. Listens on
127.0.0.1 (a free port) and prints `READY <port>`. POST
/api/chat.postMessage with `Authorization: Bearer TOKEN` and a JSON body
{"channel", "text"} answers Slack's {"ok": true, ...}; another token
answers {"ok": false, "error": "invalid_auth"}. A rule CHANNEL=ERROR makes
posts to CHANNEL answer {"ok": false, "error": ERROR}: always, or only the
first COUNT posts; the error `hang` never answers at all (the post is not
accepted; the client's connection stays open until the client goes away).
Every post is printed as `POST <channel> <ok, error or hang>`;
GET /_control/messages returns the messages accepted, in order, as JSON.
Exits when its standard input closes (the test process ended).
"""
import json
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CERT, KEY, TOKEN = sys.argv[1:4]
rules = {}
for rule in sys.argv[4:]:
    channel, _, failure = rule.partition("=")
    error, _, count = failure.partition("*")
    rules[channel] = {"error": error, "left": int(count) if count else None}

lock = threading.Lock()
messages = []


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/_control/messages":
            return self.reply(404, {"error": "not found"})
        with lock:
            snapshot = list(messages)
        self.reply(200, snapshot)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        if self.path != "/api/chat.postMessage":
            return self.reply(200, {"ok": False, "error": "unknown_method"})
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self.reply(200, {"ok": False, "error": "invalid_auth"})
        try:
            message = json.loads(body)
        except ValueError:
            return self.reply(200, {"ok": False, "error": "invalid_json"})
        channel, text = message.get("channel", ""), message.get("text", "")
        if not text:
            return self.reply(200, {"ok": False, "error": "no_text"})
        with lock:
            rule = rules.get(channel)
            error = None
            if rule and (rule["left"] is None or rule["left"] > 0):
                error = rule["error"]
                if rule["left"] is not None:
                    rule["left"] -= 1
            if error is None:
                messages.append({"channel": channel, "text": text})
            # One write per line, under the lock, so that lines never interleave.
            sys.stdout.write(f"POST {channel} {error or 'ok'}\n")
            sys.stdout.flush()
        if error == "hang":
            threading.Event().wait()
        if error:
            return self.reply(200, {"ok": False, "error": error})
        self.reply(200, {"ok": True, "channel": channel, "ts": f"{len(messages)}.000100"})

    def reply(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(CERT, KEY)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"READY {server.server_address[1]}", flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
