"""``duallife recommend-batch`` for Django's command machinery; the command is
:mod:`duallife.cli.recommend_batch`, which the console runs without Django."""

from duallife.cli import recommend_batch
from duallife.cli.management import command_for

Command = command_for(recommend_batch)
