"""Travel-cost support programs (交通費支援): programs as versioned data, claims, budgets.

So far: the console's ``subsidy-calc`` (no database) over ``duallife.engine.subsidies`` and the
program files in ``data/subsidies/``.
"""
