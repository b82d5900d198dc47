"""A real SMTP server (aiosmtpd) for the notification tests.

Every accepted message is appended to --out as one JSON line (message id, envelope
recipients, subject, text part). Recipients whose address contains "avvisad" are refused
with 550 (a permanent failure); with --hang the server accepts the connection and never
answers DATA, like a mail server that stalls mid-delivery.
"""

import argparse
import asyncio
import email
import email.policy
import json
import signal

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out, hang):
        self.out = out
        self.hang = hang

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "avvisad" in address:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.hang:
            await asyncio.sleep(3600)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        record = {
            "message_id": message["Message-ID"],
            "to": envelope.rcpt_tos,
            "from": message["From"],
            "reply_to": message["Reply-To"],
            "subject": message["Subject"],
            "text": text.get_content() if text else None,
            "html": html.get_content() if html else None,
        }
        with open(self.out, "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--hang", action="store_true")
    args = parser.parse_args()
    controller = Controller(Sink(args.out, args.hang), hostname="127.0.0.1", port=args.port)
    controller.start()
    print(f"listening on 127.0.0.1:{args.port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    loop.run_until_complete(stop.wait())
    controller.stop()


if __name__ == "__main__":
    main()
