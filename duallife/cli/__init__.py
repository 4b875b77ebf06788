"""The ``duallife`` console command: Django's management commands under the project's name.

``duallife runserver``, ``duallife migrate``, ``duallife load-region-pack tohoku``,
``duallife simulate …``, ``duallife demo``. Dashes and underscores are interchangeable in
command names.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duallife.settings")
    args = list(sys.argv if argv is None else argv)
    args[0] = "duallife"
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
