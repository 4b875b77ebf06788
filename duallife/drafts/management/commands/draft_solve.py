"""``duallife draft-solve`` for Django's command machinery; the command is
:mod:`duallife.cli.draft_solve`, which the console runs without Django."""

from duallife.cli import draft_solve
from duallife.cli.management import command_for

Command = command_for(draft_solve)
