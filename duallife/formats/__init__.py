"""The site's own locale formats, on top of Django's (``FORMAT_MODULE_PATH``); read through
:mod:`duallife.core.formats`."""
