"""``conflict-events broker``: run the embedded Kafka-protocol broker (Tansu) for local work.

Memory storage: everything is lost when it stops.  Prints the bootstrap address; Ctrl-C stops it.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from types import FrameType

from conflict_events.cli import CommandError
from conflict_events.stream.embedded import start_broker


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of ``broker``."""
    parser.add_argument("--port", type=int, default=None, help="TCP port on 127.0.0.1 (default: a free one).")


def run(args: argparse.Namespace) -> int:
    """Start the broker, print where it is, wait for Ctrl-C or SIGTERM, stop it."""
    try:
        broker = start_broker(args.port)
    except RuntimeError as exc:
        raise CommandError(str(exc)) from exc

    def _stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    try:
        print(f"broker listening on {broker.bootstrap} (memory storage; Ctrl-C stops it)", file=sys.stderr)
        print(f"export KAFKA_BOOTSTRAP_SERVERS={broker.bootstrap}", flush=True)
        while broker.process.poll() is None:
            time.sleep(0.5)
        raise CommandError(f"the broker exited on its own (code {broker.process.returncode})")
    except KeyboardInterrupt:
        return 0
    finally:
        broker.stop()
