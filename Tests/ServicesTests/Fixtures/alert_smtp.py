#!/usr/bin/env python3
"""aiosmtpd for the pixel alert tests: implicit TLS and AUTH, with
recipients that play a mail server's refusals.

Usage: alert_smtp.py CERT KEY OUTDIR USER PASSWORD. Listens on 127.0.0.1
(a free port) and prints `READY <port>`. RCPT TO an address whose local
part starts with `unknown` is refused `550 5.1.1` (permanent), with `busy`
`451 4.3.2` (transient) every time, with `greylist` `451 4.7.1` the first
time that address is seen only. Each refusal is printed as
`REFUSED <code> <address>`. Each accepted message's envelope, subject and
text are written as JSON to OUTDIR before the server answers 250, so they
exist once the client's send returns. Exits when standard input closes.
"""
import asyncio
import email
import json
import os
import ssl
import sys
import threading
import warnings
from email import policy

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

CERT, KEY, OUTDIR, USER, PASSWORD = sys.argv[1:6]
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
        summary = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                   "subject": str(message["Subject"]), "text": text.get_content() if text else None}
        count += 1
        path = os.path.join(OUTDIR, f"message-{count:04}.json")
        with open(path + ".tmp", "w") as out:
            json.dump(summary, out)
        os.rename(path + ".tmp", path)
        return "250 OK"


def authenticate(server, session, envelope, mechanism, data):
    ok = isinstance(data, LoginPassword) and data.login == USER.encode() and data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


def main():
    # AUTH without STARTTLS is fine here: the whole connection is TLS.
    warnings.simplefilter("ignore")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(CERT, KEY)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
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
