"""``duallife subsidy-calc`` for Django's command machinery; the command is
:mod:`duallife.cli.subsidy_calc`, which the console runs without Django."""

from duallife.cli import subsidy_calc
from duallife.cli.management import command_for

Command = command_for(subsidy_calc)
