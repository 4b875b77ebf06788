"""Settings for the server the browser tests run against.

The developer defaults (the subprocess runs with ``DEBUG=1``, so hosts, secret key, plain static
storage and non-secure cookies are those of ``make run``), then ``DEBUG`` switched off so that the
project's own 404/500 templates render instead of Django's technical pages, and with it the
templates, context processors and static files a deployment serves. WhiteNoise is told to serve
straight from the finders so no ``collectstatic`` is needed. Passwords are hashed with the fast
hasher the other tests use: the browser tests log in some thirty times and check pages, not the
cost of a password guess.
"""

from duallife.settings import *  # noqa: F403

DEBUG = False
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
