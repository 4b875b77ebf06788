"""For tests: the ``duallife`` console command run in this process, as people type it."""

from __future__ import annotations

from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from io import StringIO

from duallife.cli import main


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def console(*args: str) -> Ran:
    """``duallife <args>``: its exit code and what it wrote."""
    out, err = StringIO(), StringIO()
    code = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(["duallife", *args])
        except SystemExit as exc:
            code = exc.code or 0
    return Ran(code, out.getvalue(), err.getvalue())
