"""Django's Redis cache, with one redis-py client per connection pool.

Django's `RedisCacheClient.get_client()` makes a new `redis.Redis` for every cache call, and
redis-py builds its table of response callbacks (some 170 entries) in each: measured, that
was 45 % of the time of a page served from cached fragments. A client is thread-safe and
only wraps the pool, so one per pool is enough.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if id(pool) not in clients:
            clients[id(pool)] = self._client(connection_pool=pool)
        return clients[id(pool)]


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
