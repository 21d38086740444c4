# AL202 missing-await: a coroutine created and never awaited, in any context.
import asyncio
import asyncio as aio
from asyncio import sleep

import aiofiles.os
import aiohttp
import anyio
import httpx
import trio


async def fetch(url):
    await asyncio.sleep(0)
    return url


async def stream(url):
    # An async generator: calling it creates no coroutine.
    yield url


def sync_helper():
    return 1


class Client:
    async def connect(self):
        await asyncio.sleep(0)

    def close(self):
        return None

    async def run(self, loop, sock):
        self.connect()  # expect: AL202
        await self.connect()
        self.close()
        fetch("x")  # expect: AL202
        loop.sock_sendall(sock, b"")
        asyncio.get_running_loop().sock_sendall(sock, b"")  # expect: AL202

    def restart(self):
        # A sync method calling the async one without await: the same bug.
        self.connect()  # expect: AL202

    @staticmethod
    def static(other):
        other.connect()

    @classmethod
    async def create(cls):
        await asyncio.sleep(0)

    @classmethod
    def factory(cls):
        cls.create()  # expect: AL202
        Client.create()  # expect: AL202
        Client.close(None)


async def library_coroutines():
    asyncio.sleep(1)  # expect: AL202
    aio.sleep(1)  # expect: AL202
    sleep(1)  # expect: AL202
    asyncio.wait_for(fetch("x"), 1)  # expect: AL202
    trio.sleep(1)  # expect: AL202
    anyio.sleep(1)  # expect: AL202
    asyncio.to_thread(sync_helper)  # expect: AL202
    await asyncio.sleep(1)
    await asyncio.to_thread(sync_helper)


async def own_coroutines():
    fetch("a")  # expect: AL202
    await fetch("b")
    stream("c")
    sync_helper()
    coro = fetch("d")
    await coro
    asyncio.create_task(fetch("e"))  # expect: AL201
    task = asyncio.ensure_future(fetch("f"))
    await task
    result = await asyncio.gather(fetch("g"), fetch("h"))
    return result


def sync_caller():
    fetch("i")  # expect: AL202
    asyncio.run(fetch("j"))


async def nested():
    async def local_coroutine():
        return 1

    local_coroutine()  # expect: AL202

    def fetch(url):
        return url

    # The local sync `fetch` shadows the module's coroutine function.
    fetch("k")


fetch("module level")  # expect: AL202


def work(function):
    return function


class Widget:
    @work
    async def load(self):
        await asyncio.sleep(0)

    @staticmethod
    async def ping():
        await asyncio.sleep(0)

    def refresh(self):
        # An unknown decorator may turn the coroutine function into anything...
        self.load()
        # ...but a static method is still a coroutine function.
        self.ping()  # expect: AL202


@work
async def decorated():
    await asyncio.sleep(0)


decorated()


class Service:
    async def connect(self):
        await asyncio.sleep(0)

    def close(self):
        return None


shared_service = Service()


async def instances(given: Service, maybe):
    # A new instance, a variable holding one, a parameter annotated with the class.
    Service().connect()  # expect: AL202
    shared_service.connect()  # expect: AL202
    local = Service()
    local.connect()  # expect: AL202
    given.connect()  # expect: AL202
    local.close()
    await local.connect()
    # Bound to something else too: unknown, silent.
    either = Service() if maybe else Widget()
    either.connect()
    with Service() as managed:
        managed.connect()


async def is_ready():
    return False


async def conditions(flag):
    # A coroutine object is always true: as a condition, it is never awaited either.
    if is_ready():  # expect: AL202
        pass
    elif flag or not is_ready():  # expect: AL202
        pass
    while not is_ready():  # expect: AL202
        await asyncio.sleep(0)
    if await is_ready():
        pass
    if is_ready:
        pass
    ready = is_ready() if flag else None
    if asyncio.sleep(0) and flag:  # expect: AL202
        pass
    return ready


class Worker:
    def __init__(self):
        self.queue = asyncio.Queue()
        self.lock = asyncio.Lock()
        self.stopped = anyio.Event()

    async def produce(self, item):
        # The methods of asyncio's queues and synchronizers are coroutines too.
        self.queue.put(item)  # expect: AL202
        await self.queue.put(item)
        self.queue.put_nowait(item)
        self.lock.acquire()  # expect: AL202
        self.lock.release()
        async with self.lock:
            pass
        self.stopped.wait()  # expect: AL202
        self.stopped.set()


async def library_objects(event: asyncio.Event, limiter: trio.CapacityLimiter, url):
    queue = asyncio.Queue()
    queue.join()  # expect: AL202
    item = queue.get_nowait()
    event.wait()  # expect: AL202
    event.clear()
    limiter.acquire()  # expect: AL202
    async with httpx.AsyncClient() as client:
        client.get(url)  # expect: AL202
        response = await client.get(url)
    client = httpx.AsyncClient()
    client.aclose()  # expect: AL202
    async with aiohttp.ClientSession() as session:
        session.post(url)  # expect: AL202
        async with session.get(url) as page:
            await page.text()
    # What an asyncio.Lock's `__aenter__` yields is `None`, not the lock.
    async with asyncio.Lock() as held:
        held.acquire()
    return item, response


class BaseConnection:
    async def close(self):
        await asyncio.sleep(0)

    def reset(self):
        return None


class PooledConnection(BaseConnection):
    def release(self):
        # Inherited from a class of this file: still a coroutine function.
        self.close()  # expect: AL202
        self.reset()


class LoggedConnection(BaseConnection):
    async def close(self):
        # The base's coroutine, through `super()`.
        super().close()  # expect: AL202
        super(LoggedConnection, self).close()  # expect: AL202
        super().reset()
        await super().close()


class ResourceConnection(trio.abc.AsyncResource, BaseConnection):
    def release(self):
        # A base that is not this file's may define `close` first: unknown, silent.
        self.close()


async def inherited():
    PooledConnection().close()  # expect: AL202
    ResourceConnection().close()


async def async_files(p):
    aiofiles.os.stat(p)  # expect: AL202
    aiofiles.os.path.exists(p)  # expect: AL202
    await aiofiles.os.remove(p)
    folder = anyio.Path(p)
    folder.mkdir()  # expect: AL202
    (folder / "data.txt").write_text("")  # expect: AL202
    folder.joinpath("x").unlink()  # expect: AL202
    folder.parent.exists()  # expect: AL202
    await folder.rmdir()
    folder.with_suffix(".bak")
    trio.Path(p).touch()  # expect: AL202
