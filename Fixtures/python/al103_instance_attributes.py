# Values stored on `self` keep their type in every method of the class.
import threading

import httpx
import requests


class Crawler:
    limit = threading.Semaphore(4)

    def __init__(self):
        self.session = requests.Session()
        self.lock = None
        self.client = None

    def open(self):
        self.lock = threading.Lock()
        self.client = httpx.Client()

    def reopen(self):
        # Assigned something else here: the type of self.client is no longer known.
        self.client = httpx.AsyncClient()

    async def crawl(self, url):
        self.session.get(url)  # expect: AL103
        self.lock.acquire()  # expect: AL105
        self.limit.acquire()  # expect: AL105
        self.client.get(url)
        await self.other(url)

    async def other(self, url):
        def in_thread():
            return self.session.get(url)

        return in_thread


class Unrelated:
    async def crawl(self, url):
        # Not a Crawler: its `session` attribute is unknown.
        self.session.get(url)
