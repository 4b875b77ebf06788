"""A database-free console command (:mod:`duallife.cli.command`) as a Django management command,
so that ``manage.py``, ``call_command`` and the command list of ``duallife --help`` reach the one
implementation. The console itself runs these commands without Django (:func:`duallife.cli.main`).
"""

from __future__ import annotations

import sys
from argparse import Namespace
from types import ModuleType

from django.core.management.base import BaseCommand, CommandError

from . import command as fast


def command_for(module: ModuleType) -> type[BaseCommand]:
    class Command(BaseCommand):
        help = module.HELP
        requires_system_checks = []

        def add_arguments(self, parser) -> None:
            module.add_arguments(parser)

        def handle(self, *args, **options) -> None:
            try:
                module.run(Namespace(**options), stdout=self.stdout, stderr=self.stderr)
            except fast.CommandError as exc:
                raise CommandError(str(exc)) from None
            except fast.Failure as exc:
                self.stderr.write(exc.line())
                sys.exit(exc.code)

    return Command
