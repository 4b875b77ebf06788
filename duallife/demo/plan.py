"""What the demo is made of before anything is written: its sizes, seed, accounts and sheet states.

Every random choice of the demo comes from ``random.Random`` seeded with :data:`DEMO_SEED` and the
thing's kind and number (:func:`rng`): the same database gets the same demo, and the small demo is
a prefix of the full one (its companies, talents and sheets are the full demo's first ones).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

DEMO_EMAIL_DOMAIN = "example.jp"  # reserved for examples by JPRS: no real person has an address here
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_EMAIL = f"admin@{DEMO_EMAIL_DOMAIN}"
DEMO_SEED = 20260401
DEMO_USERNAME_PREFIX = "demo-"
SECRETARIAT_SLUG = "demo-secretariat"


@dataclass(frozen=True)
class DemoSize:
    coordinators: int | None  # None: every coordinator body of data/demo/coordinators.toml
    companies: int
    talents: int
    sheets: int


DEMO_FULL = DemoSize(coordinators=None, companies=120, talents=2000, sheets=420)
DEMO_SMALL = DemoSize(coordinators=2, companies=6, talents=30, sheets=20)

#: Sheets per company, repeated: the first six companies hold 21 sheets (the small demo's 20).
SHEETS_PER_COMPANY = (3, 4, 3, 4, 2, 5)

PUBLISHED, DRAFT, SUBMITTED, RETURNED = "published", "draft", "submitted", "returned"
FILLED, WITHDRAWN, EXPIRED = "closed:filled", "closed:withdrawn", "closed:expired"
#: The state of sheet number ``n`` is ``STATUS_PATTERN[n % 20]``: every state within any 20
#: sheets in a row; 55 % published, 10 % each draft / submitted / returned, 15 % closed.
STATUS_PATTERN = (
    PUBLISHED, SUBMITTED, PUBLISHED, DRAFT, PUBLISHED, RETURNED, PUBLISHED, FILLED, PUBLISHED, PUBLISHED,
    SUBMITTED, DRAFT, PUBLISHED, WITHDRAWN, PUBLISHED, RETURNED, PUBLISHED, EXPIRED, PUBLISHED, PUBLISHED,
)  # fmt: skip


def rng(*parts: object) -> random.Random:
    """A generator for one thing of the demo (``rng("talent", 12)``): fixed, whatever else changes."""
    return random.Random(":".join(str(part) for part in (DEMO_SEED, *parts)))


@dataclass(frozen=True)
class Account:
    username: str
    email: str


def _account(local: str) -> Account:
    return Account(username=f"{DEMO_USERNAME_PREFIX}{local}", email=f"{local}@{DEMO_EMAIL_DOMAIN}")


def operator_account() -> Account:
    return _account("operator")


def treasurer_account() -> Account:
    """The secretariat's second member, who records payments (the two-person rule)."""
    return _account("operator-treasury")


def coordinator_account(key: str) -> Account:
    return _account(f"coordinator-{key}")


def company_account(index: int) -> Account:
    return _account(f"company-{index + 1:03d}")


def talent_account(index: int) -> Account:
    return _account(f"talent-{index + 1:04d}")
