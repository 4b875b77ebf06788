"""What a database-free console command is, and how it runs (docs/adr/0012).

A module named in :data:`duallife.cli.FAST_COMMANDS` provides:

* ``NAME``: the command as people type it (``"draft-solve"``);
* ``HELP``: the line ``--help`` shows;
* ``add_arguments(parser)``: its options, on an :class:`argparse.ArgumentParser`;
* ``run(options, *, stdout, stderr)``: the work; it raises a :class:`Failure` to stop with a
  message, and writes whole lines (ending in ``\\n``) to the two streams.

Such a module may import the standard library, numpy, scipy, the pure engine
(:mod:`duallife.engine`) and modules that read the project's data files without Django (such as
:mod:`duallife.recommendations.batch_io`); never Django, Celery or an app's models, services or
settings. :func:`duallife.cli.management.command_for` gives Django the same module as a management
command (``manage.py``, ``call_command``, the list in ``duallife --help``).
"""

from __future__ import annotations

import argparse
import sys
from types import ModuleType
from typing import TextIO


class Failure(Exception):
    """The command stops: :meth:`line` goes to standard error, the process exits with ``code``."""

    code = 1

    def line(self) -> str:
        return str(self)


class InvalidInput(Failure):
    """Input the command cannot use: the message alone, exit code 2."""

    code = 2


class CommandError(Failure):
    """A refusal shown as the management command always showed it (``CommandError: …``, exit
    code 1), so scripts see the same line as when the command ran under Django."""

    def line(self) -> str:
        return f"CommandError: {self}"


def _django_options(parser: argparse.ArgumentParser) -> None:
    """Django's own options of every management command, still accepted (and without effect here)
    so that scripts written for the management command keep working; not shown in ``--help``."""
    hidden = argparse.SUPPRESS
    parser.add_argument("-v", "--verbosity", type=int, choices=[0, 1, 2, 3], default=1, help=hidden)
    for name in ("--settings", "--pythonpath"):
        parser.add_argument(name, help=hidden)
    for flag in ("--traceback", "--no-color", "--force-color", "--skip-checks"):
        parser.add_argument(flag, action="store_true", help=hidden)


def parser_for(command: ModuleType) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"duallife {command.NAME}", description=command.HELP)
    command.add_arguments(parser)
    _django_options(parser)
    return parser


def execute(
    command: ModuleType, argv: list[str], *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run ``command`` with the arguments after its name; returns the exit code (bad options: 2
    with argparse's usage message)."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    options = parser_for(command).parse_args(argv)
    try:
        command.run(options, stdout=stdout, stderr=stderr)
    except Failure as exc:
        stderr.write(exc.line() + "\n")
        return exc.code
    return 0
