"""The cache: Redis, and this process's memory while Redis cannot be reached.

Rate limits (allauth's log-in, sign-up and password-reset counters), the skill vocabulary's
version and the like live in the cache. When Redis is down, Django's own Redis backend raises on
every call and log-in itself would fail. :class:`FallbackRedisCache` answers from a local-memory
cache instead: rate limits keep counting, per process, until Redis is back; nothing is lost that
the database holds. Each outage is logged once, and Redis is not asked again for
``RETRY_AFTER_SECONDS`` after a failure, so a down server costs no time per request.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import redis
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10.0


#: What Redis raises when it cannot be reached or does not answer in time.
REDIS_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class FallbackRedisCache(RedisCache):
    """:class:`RedisCache` that falls back to local memory while Redis cannot be reached."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": options})
        # one store per process (Django makes a cache object per thread)
        self._local = LocMemCache("duallife-redis-fallback", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self._down_since: float | None = None
        self._lock = threading.Lock()

    @property
    def redis_available(self) -> bool:
        """Whether the last call reached Redis (``False`` while answering from memory)."""
        return self._down_since is None

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        down_since = self._down_since
        if down_since is not None and time.monotonic() - down_since < RETRY_AFTER_SECONDS:
            return getattr(self._local, name)(*args, **kwargs)
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except REDIS_DOWN as exc:
            with self._lock:
                if self._down_since is None:
                    logger.error("Redis cannot be reached (%s): answering from this process's memory", exc)
                self._down_since = time.monotonic()
            return getattr(self._local, name)(*args, **kwargs)
        if down_since is not None:
            with self._lock:
                self._down_since = None
            logger.warning("Redis is reachable again: the cache is shared again")
        return result

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self, *args, **kwargs):
        self._local.clear()
        return self._call("clear", *args, **kwargs)
