#!/usr/bin/env python3
"""aiosmtpd on 127.0.0.1 (a port the OS picks) requiring TLS and AUTH.

Usage: smtp_fake.py CERT KEY OUTDIR MODE USER PASSWORD, MODE `starttls`
(plain connection, STARTTLS required before AUTH and mail) or `smtps`
(implicit TLS). Each message is parsed with Python's email package and a
JSON summary (envelope, headers, text and HTML bodies, and each
attachment's name, type, size and SHA-256) is written to OUTDIR before the
server answers 250, so it exists once the client's send returns.
Prints `READY <port>`; exits when standard input closes or on SIGTERM.

Recipients play a mail server's refusals (the pixel alert tests use them):
RCPT TO an address whose local part starts with `unknown` is refused
`550 5.1.1` (permanent), with `busy` `451 4.3.2` (transient) every time,
with `greylist` `451 4.7.1` the first time that address is seen only. Each
refusal is printed as `REFUSED <code> <address>`."""
import asyncio
import email
import hashlib
import json
import os
import ssl
import sys
import threading
import warnings
from email import policy

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

CERT, KEY, OUTDIR, MODE, USER, PASSWORD = sys.argv[1:7]
greylisted = set()
count = 0


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, options):
        local = address.split("@")[0]
        reply = None
        if local.startswith("unknown"):
            reply = "550 5.1.1 no such mailbox here"
        elif local.startswith("busy"):
            reply = "451 4.3.2 system not accepting messages, try later"
        elif local.startswith("greylist") and address not in greylisted:
            greylisted.add(address)
            reply = "451 4.7.1 greylisted, try again later"
        if reply:
            print(f"REFUSED {reply[:3]} {address}", flush=True)
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        global count
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        summary = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(message["From"]),
            "to": str(message["To"]),
            "cc": str(message["Cc"]) if message["Cc"] else None,
            "bcc_header": message["Bcc"] is not None,
            "subject": str(message["Subject"]),
            "message_id": str(message["Message-ID"]),
            "text": text.get_content() if text else None,
            "html": html.get_content() if html else None,
            "attachments": [
                {"filename": part.get_filename(), "content_type": part.get_content_type(),
                 "size": len(part.get_payload(decode=True)),
                 "sha256": hashlib.sha256(part.get_payload(decode=True)).hexdigest()}
                for part in message.iter_attachments()
            ],
            "tls": session.ssl is not None or MODE == "smtps",
            "authenticated": session.authenticated,
        }
        count += 1
        path = os.path.join(OUTDIR, f"message-{count:04}.json")
        with open(path + ".tmp", "w") as out:
            json.dump(summary, out)
        os.rename(path + ".tmp", path)
        print(f"RECEIVED {path}", flush=True)
        return "250 OK"


def authenticate(server, session, envelope, mechanism, data):
    ok = isinstance(data, LoginPassword) and data.login == USER.encode() and data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


def main():
    # In smtps mode AUTH needs no STARTTLS: the whole connection is TLS.
    warnings.simplefilter("ignore")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(CERT, KEY)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    if MODE == "starttls":
        factory = lambda: SMTP(Handler(), tls_context=context, require_starttls=True, authenticator=authenticate,
                               auth_required=True, auth_require_tls=True)
        server = loop.run_until_complete(loop.create_server(factory, "127.0.0.1", 0))
    else:
        factory = lambda: SMTP(Handler(), authenticator=authenticate, auth_required=True, auth_require_tls=False)
        server = loop.run_until_complete(loop.create_server(factory, "127.0.0.1", 0, ssl=context))
    print(f"READY {server.sockets[0].getsockname()[1]}", flush=True)

    def watch_stdin():
        sys.stdin.read()
        os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    loop.run_forever()


if __name__ == "__main__":
    main()
