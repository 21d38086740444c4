import asyncio
import threading
import time


def read_file(path):
    with open(path) as f:
        return f.read()


def load_config():
    return read_file("config.toml")


def ping(n):
    # A cycle that never blocks: the fixpoint must end and stay silent.
    return pong(n - 1) if n else 0


def pong(n):
    return ping(n - 1) if n else 0


def tick(n):
    # A cycle with a blocking call in it: both ends block.
    time.sleep(0.1)
    return tock(n - 1) if n else 0


def tock(n):
    return tick(n - 1) if n else 0


def write_file(path, data):
    with open(path, "w") as f:
        f.write(data)


def save_in_thread(path, data):
    # Only hands the blocking function to a thread: calling this does not block.
    threading.Thread(target=write_file, args=(path, data)).start()


def save_later(path, data):
    # Returns a coroutine that runs write_file on a worker thread.
    return asyncio.to_thread(write_file, path, data)


def save_lazily(path, data):
    # The lambda runs when someone calls it, not now.
    return lambda: write_file(path, data)


class Store:
    def _read(self):
        with open("store.db") as f:
            return f.read()

    def load(self):
        return self._read()

    def size(self):
        return 0

    @classmethod
    def open_default(cls):
        with open("default.db") as f:
            return cls() if f.read() else None

    @staticmethod
    def checksum(path):
        with open(path, "rb") as f:
            return hash(f.read())

    async def refresh(self):
        self.load()  # expect: AL110
        return self.size()


async def rebuild():
    # A method through its class (a classmethod) or on an instance just made, in the same file.
    Store.open_default()  # expect: AL110
    Store().load()  # expect: AL110
    Store().size()


async def fetch_remote():
    await asyncio.sleep(0)


_registry_lock = threading.Lock()
_registry = {}
_ready = threading.Event()


def register(name):
    # A short critical section under a thread lock: taking it does not make the helper blocking
    # (the lock's acquire in async code itself is still AL105).
    _registry_lock.acquire()
    try:
        _registry[name] = True
    finally:
        _registry_lock.release()


def wait_until_ready():
    # Waiting for an event can take any time: this helper blocks.
    _ready.wait()
