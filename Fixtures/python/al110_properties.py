# AL110 through properties: reading `self.data` runs the getter right there.
import asyncio
import functools
import json


class Settings:
    def __init__(self, path):
        self.path = path
        self._cache = None

    @property
    def data(self):
        with open(self.path) as f:
            return json.load(f)

    @data.setter
    def data(self, value):
        self._cache = value

    @functools.cached_property
    def schema(self):
        # Blocks on the first read only, and that read is in async code below.
        return open("schema.json").read()

    @property
    def name(self):
        return self.path.rsplit("/", 1)[-1]

    @property
    def size(self):
        # A getter reading a blocking property blocks too.
        return len(self.data)

    @property
    async def remote(self):
        await asyncio.sleep(0)

    def reload(self):
        return self.data

    async def handle(self):
        config = self.data  # expect: AL110
        schema = self.schema  # expect: AL110
        total = self.size  # expect: AL110
        self.reload()  # expect: AL110
        label = self.name
        # Assigning runs the setter, which does not block.
        self.data = {}
        await self.remote
        # Read in a thread.
        await asyncio.to_thread(lambda: self.data)
        return config, schema, total, label


class LocalSettings(Settings):
    async def handle_local(self):
        return self.data  # expect: AL110


class Unrelated:
    # Another class's attribute of the same name is no property read.
    def __init__(self):
        self.data = {}

    async def handle(self):
        return self.data


class Other:
    # A method named like another class's property is no getter: calling it later is no read.
    def data(self):
        return open("other.json").read()

    async def hand_over(self, loop):
        return await loop.run_in_executor(None, self.data)


class Totals(Settings):
    async def add(self):
        total = 0
        total += self.size  # expect: AL110
        self.a, self.b = 1, 2
        return total
