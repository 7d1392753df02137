"""A real SMTP server for the mail tests (aiosmtpd), with behaviour the tests choose.

Run with the Debian interpreter that has python3-aiosmtpd:
    /usr/bin/python3 smtp_server.py --port 2525 --spool DIR [--reject PATTERN=CODE]... [--tempfail N]
        [--tls starttls|implicit --tls-cert CERT.pem --tls-key KEY.pem] [--user NAME:PASSWORD] [--xoauth2 NAME:TOKEN]
        [--drop-data N]

Every accepted message is written to DIR as NNNNNN.eml (the bytes received) and NNNNNN.json (envelope: mail_from,
rcpt_tos, connection number), each written aside and renamed into place so a reader never sees half a file.
--reject "nobody@=550" answers RCPT with 550 for addresses containing "nobody@" (any 4xx or 5xx code).
--tempfail N answers the first N RCPT attempts of each address with 450, then accepts it.
--tls starttls requires STARTTLS before MAIL; --tls implicit speaks TLS from the first byte (as on port 465).
--user accepts AUTH PLAIN and LOGIN with that name and password only (and requires a sign-in before MAIL).
--xoauth2 accepts AUTH XOAUTH2 for that name with that bearer token only (and requires a sign-in before MAIL).
--exclude-auth MECHANISM stops offering that mechanism (e.g. PLAIN, to make a client use LOGIN).
--drop-data N closes the first N connections that send a whole message, before answering its DATA.
Prints READY when it listens; stops on SIGTERM or SIGINT.
"""
import argparse
import base64
import itertools
import json
import os
import signal
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, spool, rejects, tempfail, drops=0, xoauth2=None):
        self.spool = spool
        self.rejects = rejects
        self.tempfail = tempfail
        self.drops = drops
        self.xoauth2 = xoauth2
        self.messages = itertools.count(1)
        self.connections = itertools.count(1)
        self.attempts = {}
        self.lock = threading.Lock()

    def _connection(self, session):
        number = getattr(session, "test_connection", None)
        if number is None:
            number = next(self.connections)
            session.test_connection = number
        return number

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self._connection(session)
        lowered = address.lower()
        for pattern, code in self.rejects:
            if pattern in lowered:
                if code >= 500:
                    return f"{code} 5.1.1 <{address}>: Recipient address rejected: mailbox does not exist"
                return f"{code} 4.2.0 <{address}>: Recipient address temporarily refused"
        with self.lock:
            count = self.attempts.get(lowered, 0) + 1
            self.attempts[lowered] = count
        if count <= self.tempfail:
            return "450 4.2.1 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def auth_XOAUTH2(self, server, args):
        # RFC-less but documented by Microsoft and Google: base64("user=" name ^A "auth=Bearer " token ^A ^A).
        if len(args) == 2:
            blob = base64.b64decode(args[1])
        else:
            blob = await server.challenge_auth("", encode_to_b64=False)
            if not isinstance(blob, bytes):
                return AuthResult(success=False, handled=True)
        fields = dict(f.split("=", 1) for f in blob.decode("utf-8", "replace").split("\x01") if "=" in f)
        if self.xoauth2 is not None and (fields.get("user"), fields.get("auth")) == (self.xoauth2[0], "Bearer " + self.xoauth2[1]):
            return AuthResult(success=True, auth_data=LoginPassword(fields["user"].encode(), b""))
        return AuthResult(success=False, handled=False, message="535 5.7.3 Authentication unsuccessful")

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            drop = self.drops > 0
            if drop:
                self.drops -= 1
        if drop:
            server.transport.close()
            return "421 4.4.2 Connection dropped by the test"
        number = next(self.messages)
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        name = os.path.join(self.spool, f"{number:06d}")
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "connection": self._connection(session),
        }
        for suffix, data in ((".eml", content), (".json", json.dumps(meta).encode("utf-8"))):
            with open(name + suffix + ".part", "wb") as f:
                f.write(data)
            os.replace(name + suffix + ".part", name + suffix)
        return "250 2.0.0 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--spool", required=True)
    parser.add_argument("--reject", action="append", default=[])
    parser.add_argument("--tempfail", type=int, default=0)
    parser.add_argument("--tls", choices=["starttls", "implicit"])
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--user")
    parser.add_argument("--xoauth2")
    parser.add_argument("--drop-data", type=int, default=0)
    parser.add_argument("--exclude-auth", action="append", default=[])
    args = parser.parse_args()
    rejects = []
    for item in args.reject:
        pattern, code = item.rsplit("=", 1)
        rejects.append((pattern.lower(), int(code)))
    os.makedirs(args.spool, exist_ok=True)

    xoauth2 = tuple(args.xoauth2.split(":", 1)) if args.xoauth2 else None
    handler = Handler(args.spool, rejects, args.tempfail, args.drop_data, xoauth2)
    settings = {}
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        if args.tls == "implicit":
            settings["ssl_context"] = context
        else:
            settings["tls_context"] = context
            settings["require_starttls"] = True
    if args.user:
        name, password = args.user.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == name and auth_data.password.decode() == password
            return AuthResult(success=ok, handled=False)

        settings["authenticator"] = authenticator
    if args.user or args.xoauth2:
        settings["auth_required"] = True
        # Sign-in only inside TLS, as real relays insist, unless the test runs without TLS on purpose.
        settings["auth_require_tls"] = bool(args.tls)
    excluded = list(args.exclude_auth) + ([] if args.user else ["LOGIN", "PLAIN"])
    if excluded:
        settings["auth_exclude_mechanism"] = excluded
    controller = Controller(handler, hostname="127.0.0.1", port=args.port, **settings)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print("READY", flush=True)
    while not stop.wait(0.5):
        pass
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
