"""The ``duallife`` console command.

Commands that need no database (:data:`FAST_COMMANDS`) run at once, without Django: plain
argparse over the pure engine and the data files on disk (docs/adr/0012). Every other command is
Django's management command under the project's name: ``duallife runserver``, ``duallife
migrate``, ``duallife load-region-pack tohoku``, ``duallife simulate …``, ``duallife demo``.
Dashes and underscores are interchangeable in command names.
"""

from __future__ import annotations

import importlib
import os
import sys

from .command import execute

#: Commands that run before Django loads: the name people type → the module that implements it
#: (see :mod:`duallife.cli.command` for what such a module provides and may import).
FAST_COMMANDS = {
    "draft-solve": "duallife.cli.draft_solve",
    "recommend-batch": "duallife.cli.recommend_batch",
    "subsidy-calc": "duallife.cli.subsidy_calc",
}


def _fast(name: str):
    module = FAST_COMMANDS.get(name.replace("_", "-"))
    return None if module is None else importlib.import_module(module)


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    args[0] = "duallife"
    if len(args) > 1 and (fast := _fast(args[1])) is not None:
        sys.exit(execute(fast, args[2:]))
    if len(args) == 3 and args[1] == "help" and (fast := _fast(args[2])) is not None:
        sys.exit(execute(fast, ["--help"]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duallife.settings")
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)
