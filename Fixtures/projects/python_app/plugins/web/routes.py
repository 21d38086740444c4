# `plugins/web/` has no __init__.py either: the relative import climbs through two namespace
# packages.
from ..cache import BaseCache, DiskCache, LoggedDiskCache, fetch_remote, warm_cache


class PageCache(BaseCache):
    def flush(self):
        # Overrides the blocking `flush`: this one does not block.
        return None

    async def reset(self):
        self.flush()
        super().flush()  # expect: AL110
        self.close()  # expect: AL202
        super().close()  # expect: AL202
        await super().close()


async def index():
    warm_cache()  # expect: AL110
    fetch_remote()  # expect: AL202
    await fetch_remote()


def page_cache():
    # Constructs an imported class whose (inherited) `__init__` blocks.
    return LoggedDiskCache("pages.cache")


async def caches():
    BaseCache()
    LoggedDiskCache("pages.cache")  # expect: AL110
    page_cache()  # expect: AL110
    return DiskCache  # a reference, not a call
