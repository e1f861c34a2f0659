"""Django's Redis cache, made to survive Redis going away, with one client per pool.

**Outages.** Redis holds nothing that is not also somewhere else (the content generation,
rate-limit counts, Wagtail's look-ups), so a Redis that is stopped or hangs must not take
the site down. Every call gets a short socket timeout (`OPTIONS` in the settings,
`REDIS_TIMEOUT`); when Redis refuses, times out or drops the connection, the error is
logged once and this process answers from a cache in its own memory (a LocMemCache) for
`OUTAGE_SECONDS`, then tries Redis again. Meanwhile counts are per process, which
`core.protection` says in its log; `core.content_cache` notices the outage through
`outages` and starts a new content generation when Redis is back.

**Speed.** Django's `RedisCacheClient.get_client()` makes a new `redis.Redis` for every
cache call, and redis-py builds its table of response callbacks (some 170 entries) in each:
measured, that was 45 % of the time of a page served from cached fragments. A client is
thread-safe and only wraps the pool, so one per pool is enough.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# How long (seconds) a process leaves Redis alone after it failed: a hanging Redis costs one
# socket timeout per process per period, not one per cache call.
OUTAGE_SECONDS = 10.0
REDIS_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)


class RedisCacheClient(DjangoRedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if id(pool) not in clients:
            clients[id(pool)] = self._client(connection_pool=pool)
        return clients[id(pool)]


def _falls_back(method):
    """Run the Redis `method`, or the same method of the local stand-in while Redis is out."""
    name = method.__name__

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if self.unavailable:
            return getattr(self._stand_in, name)(*args, **kwargs)
        try:
            result = method(self, *args, **kwargs)
        except REDIS_ERRORS as error:
            self._went_away(error)
            return getattr(self._stand_in, name)(*args, **kwargs)
        self._came_back()
        return result

    return call


class RedisCache(DjangoRedisCache):
    """`django.core.cache.backends.redis.RedisCache` that never raises because Redis is out.

    Attributes for callers: `unavailable` (bool, Redis is being left alone now) and `outages`
    (int, how many times this process lost Redis since it started)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._stand_in = LocMemCache(f"redis-stand-in-{id(self)}", params)
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._down = False
        self.outages = 0

    @property
    def unavailable(self):
        return time.monotonic() < self._down_until

    def _went_away(self, error):
        with self._lock:
            self._down_until = time.monotonic() + OUTAGE_SECONDS
            if self._down:
                return
            self._down = True
            self.outages += 1
        logger.warning(
            "Redis is out of reach (%s: %s): this process uses its own memory as cache "
            "and tries Redis again every %d s.",
            type(error).__name__,
            error,
            OUTAGE_SECONDS,
        )

    def _came_back(self):
        if self._down:
            with self._lock:
                self._down = False
            logger.warning("Redis answers again: the shared cache is back in use.")

    add = _falls_back(DjangoRedisCache.add)
    get = _falls_back(DjangoRedisCache.get)
    set = _falls_back(DjangoRedisCache.set)
    touch = _falls_back(DjangoRedisCache.touch)
    delete = _falls_back(DjangoRedisCache.delete)
    get_many = _falls_back(DjangoRedisCache.get_many)
    has_key = _falls_back(DjangoRedisCache.has_key)
    incr = _falls_back(DjangoRedisCache.incr)
    set_many = _falls_back(DjangoRedisCache.set_many)
    delete_many = _falls_back(DjangoRedisCache.delete_many)
    clear = _falls_back(DjangoRedisCache.clear)
