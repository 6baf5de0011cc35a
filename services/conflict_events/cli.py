"""The ``conflict-events`` command line: one subcommand per module, imported only when used.

Each command module exposes ``configure(parser)`` to add its options and ``run(args) -> int`` to do the
work; errors reach the user as one clear line and a non-zero exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from conflict_events import __version__

COMMANDS: dict[str, tuple[str, str]] = {
    "demo": (
        "conflict_events.stream.demo",
        "Run the whole product on the seed article with an embedded broker.",
    ),
    "worker": ("conflict_events.stream.worker_command", "Run the stream worker (articles -> events)."),
    "resolver": (
        "conflict_events.stream.resolver_command",
        "Run incident resolution alone (events -> conflict-incidents).",
    ),
    "publish": ("conflict_events.stream.publish_command", "Publish articles (JSONL or text files) to Kafka."),
    "tail": ("conflict_events.stream.tail_command", "Subscribe to a topic and print its messages."),
    "broker": ("conflict_events.stream.broker_command", "Start the embedded Kafka-protocol broker (Tansu)."),
    "extract": ("conflict_events.extract_command", "Extract events offline from JSONL or text (no Kafka)."),
    "eval": ("conflict_events.evaluation.command", "Score the extractor on public gold sets."),
    "bench": ("conflict_events.bench", "Measure throughput, latency and memory."),
    "schemas": ("conflict_events.schema_gen", "Write the JSON Schemas and seed examples into schemas/."),
    "fuzz": ("conflict_events.fuzz_command", "Long-running property fuzzing of the extraction core."),
    "train": ("conflict_events.learning.command", "Rebuild the decision model from the project's corpus."),
}


class CommandError(Exception):
    """A user-facing failure: printed as one line, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    """Build the top-level parser; only the chosen subcommand's module is imported."""
    parser = argparse.ArgumentParser(prog="conflict-events", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (_module, help_text) in COMMANDS.items():
        sub.add_parser(name, help=help_text, add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    top = build_parser()
    if not args_list or args_list[0] not in COMMANDS:
        top.parse_args(args_list)  # prints help / version / usage error and exits
        return 2
    name, rest = args_list[0], args_list[1:]
    module_name, help_text = COMMANDS[name]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            print(f"conflict-events {name}: not available in this build", file=sys.stderr)
            return 2
        raise
    parser = argparse.ArgumentParser(prog=f"conflict-events {name}", description=help_text)
    module.configure(parser)
    args = parser.parse_args(rest)
    try:
        return int(module.run(args) or 0)
    except CommandError as exc:
        print(f"conflict-events {name}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    # Re-enter through the imported module so CommandError is the one command modules raise.
    from conflict_events.cli import main as _main

    raise SystemExit(_main())
