"""A real SMTP server for the mail tests (aiosmtpd), with behaviour the tests choose.

Run with the Debian interpreter that has python3-aiosmtpd:
    /usr/bin/python3 smtp_server.py --port 2525 --spool DIR [--reject PATTERN=CODE]... [--tempfail N]

Every accepted message is written to DIR as NNNNNN.eml (the bytes received) and NNNNNN.json (envelope: mail_from,
rcpt_tos, connection number), each written aside and renamed into place so a reader never sees half a file.
--reject "nobody@=550" answers RCPT with 550 for addresses containing "nobody@" (any 4xx or 5xx code).
--tempfail N answers the first N RCPT attempts of each address with 450, then accepts it.
Prints READY when it listens; stops on SIGTERM or SIGINT.
"""
import argparse
import itertools
import json
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, spool, rejects, tempfail):
        self.spool = spool
        self.rejects = rejects
        self.tempfail = tempfail
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

    async def handle_DATA(self, server, session, envelope):
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
    args = parser.parse_args()
    rejects = []
    for item in args.reject:
        pattern, code = item.rsplit("=", 1)
        rejects.append((pattern.lower(), int(code)))
    os.makedirs(args.spool, exist_ok=True)

    controller = Controller(Handler(args.spool, rejects, args.tempfail), hostname="127.0.0.1", port=args.port)
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
