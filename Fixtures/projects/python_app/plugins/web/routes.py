# `plugins/web/` has no __init__.py either: the relative import climbs through two namespace
# packages.
from ..cache import BaseCache, fetch_remote, warm_cache


class PageCache(BaseCache):
    async def reset(self):
        self.flush()  # expect: AL110
        self.close()  # expect: AL202


async def index():
    warm_cache()  # expect: AL110
    fetch_remote()  # expect: AL202
    await fetch_remote()
