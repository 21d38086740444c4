# `plugins/` has no __init__.py: a namespace package (PEP 420). It is imported as
# `plugins.cache`, and `plugins/web/routes.py` reaches it with `from ..cache import ...`.
import time


def warm_cache():
    time.sleep(0.1)


async def fetch_remote():
    return None


class BaseCache:
    async def close(self):
        return None

    def flush(self):
        warm_cache()


class DiskCache(BaseCache):
    def __init__(self, path):
        # Opening the file makes constructing the cache block.
        self.handle = open(path)


class LoggedDiskCache(DiskCache):
    pass


async def open_default_cache():
    return DiskCache("default.cache")  # expect: AL110
