import asyncio
import functools
import os
import time

from asgiref.sync import sync_to_async


@sync_to_async
def slow_lookup(key):
    # The decorator runs the body in a thread and makes the name a coroutine function:
    # blocking here is what it is for, and callers await it.
    time.sleep(0.1)
    return key


@sync_to_async(thread_sensitive=False)
def read_settings(path):
    with open(path) as f:
        return f.read()


def run_in_thread(function):
    # The project's own offloading decorator: callers await what it returns.
    @functools.wraps(function)
    async def wrapper(*args):
        return await asyncio.to_thread(function, *args)

    return wrapper


@run_in_thread
def checksum(path):
    with open(path, "rb") as f:
        return hash(f.read())


def open_server(path):
    # Undecorated: the body runs when it is called, on the loop; only what it returns is awaited.
    os.stat(path)
    return asyncio.sleep(0)


async def local_use(path):
    await slow_lookup(path)
    slow_lookup(path)  # expect: AL202
    await checksum(path)
    await open_server(path)  # expect: AL110
