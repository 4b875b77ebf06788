"""Forms of organisations, one module per topic: ``registration`` (a company registers),
``profiles`` (company and coordinator profiles with their photos), ``directory`` (the directory's
filters). They check what was typed; the rules live in :mod:`duallife.organizations.services`."""
