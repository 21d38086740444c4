# AL101 blocking-sleep: time.sleep in async code, through every way of naming it.
import asyncio
import time
import time as t
from time import sleep
from time import sleep as nap

nap_alias = time.sleep


async def direct():
    time.sleep(1)  # expect: AL101
    await time.sleep(1)  # expect: AL101
    t.sleep(0.5)  # expect: AL101
    sleep(2)  # expect: AL101
    nap(3)  # expect: AL101
    nap_alias(4)  # expect: AL101
    x = [time.sleep(i) for i in range(3)]  # expect: AL101
    y = (t.sleep(i) for i in range(3))  # expect: AL101
    await asyncio.sleep(1)
    return x, y


async def in_blocks(items):
    async with asyncio.timeout(3):
        time.sleep(1)  # expect: AL101
    async for item in items:
        time.sleep(item)  # expect: AL101
    for item in items:
        if item:
            time.sleep(item)  # expect: AL101
        else:
            while False:
                time.sleep(0)  # expect: AL101
    try:
        pass
    except Exception:
        time.sleep(1)  # expect: AL101
    finally:
        time.sleep(1)  # expect: AL101
    print(f"{time.sleep(1)}")  # expect: AL101
    return [await asyncio.sleep(i) for i in items]


async def nested_definitions():
    # Not run here: the bodies of nested functions, lambdas and classes.
    def helper():
        time.sleep(1)

    later = lambda: time.sleep(1)

    class Waiter:
        def wait(self):
            time.sleep(1)

    # A nested async def is an async context of its own.
    async def inner():
        time.sleep(1)  # expect: AL101

    # Default values are evaluated right here, when the def runs.
    def with_default(delay=time.sleep(0)):  # expect: AL101
        return delay

    return helper, later, Waiter, inner, with_default


async def offloaded():
    # Passing the function to a worker thread is the fix, not a finding.
    await asyncio.to_thread(time.sleep, 1)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, time.sleep, 1)
    await loop.run_in_executor(None, lambda: time.sleep(1))
    # Calling it in the argument runs it here, before the thread ever starts.
    await asyncio.to_thread(time.sleep(1))  # expect: AL101


async def mentions_only():
    # time.sleep(1) in a comment is not a call
    text = "time.sleep(1)"
    doc = """
    time.sleep(5)
    """
    sleeper = time.sleep
    return text, doc, sleeper


def sync_function():
    time.sleep(1)  # a sync function may sleep


class Service:
    async def run(self):
        time.sleep(1)  # expect: AL101

    def stop(self):
        time.sleep(1)


time.sleep(0)  # module level is not async
