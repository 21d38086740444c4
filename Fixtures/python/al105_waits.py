# AL105 blocking-wait: thread locks, joins, queues and futures waited on in async code.
import asyncio
import concurrent.futures
import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from threading import Event, Lock

import anyio
import trio

LOCK = threading.Lock()
READY = Event()


class Worker:
    async def step(self):
        LOCK.acquire()  # expect: AL105
        READY.wait()  # expect: AL105
        LOCK.release()


async def locks():
    lock = Lock()
    lock.acquire()  # expect: AL105
    lock.acquire(blocking=False)
    lock.acquire(False)
    cond = threading.Condition()
    cond.wait(1)  # expect: AL105
    sem = threading.Semaphore(2)
    sem.acquire(timeout=1)  # expect: AL105
    with lock:
        pass


async def threads(fn):
    t = threading.Thread(target=fn)
    t.start()
    t.join()  # expect: AL105
    threading.Thread(target=fn).join()  # expect: AL105


async def queues():
    q = queue.Queue()
    q.put(1)  # expect: AL105
    q.get()  # expect: AL105
    q.get(block=False)
    q.put(2, False)
    q.get_nowait()
    q.join()  # expect: AL105
    aq = asyncio.Queue()
    await aq.get()
    await aq.put(1)


async def futures(fn, coro, loop):
    with ThreadPoolExecutor() as pool:
        future = pool.submit(fn)
        future.result()  # expect: AL105
        pool.submit(fn).result()  # expect: AL105
        await asyncio.wrap_future(pool.submit(fn))
    executor = concurrent.futures.ProcessPoolExecutor()
    executor.shutdown()  # expect: AL105
    executor.shutdown(wait=False)
    asyncio.run_coroutine_threadsafe(coro, loop).result()  # expect: AL105
    cf = asyncio.run_coroutine_threadsafe(coro, loop)
    cf.result(timeout=5)  # expect: AL105
    concurrent.futures.wait([future])  # expect: AL105


async def asyncio_primitives():
    lock = asyncio.Lock()
    await lock.acquire()
    event = asyncio.Event()
    await event.wait()
    task = asyncio.ensure_future(asyncio.sleep(1))
    await task
    task.result()


async def loops_run_inside_a_loop(coro, loop: asyncio.AbstractEventLoop):
    # Running a loop, or bridging back from a worker thread, on the loop itself.
    asyncio.run(coro)  # expect: AL105
    loop.run_until_complete(coro)  # expect: AL105
    asyncio.get_event_loop().run_forever()  # expect: AL105
    anyio.from_thread.run(fetch_later)  # expect: AL105
    trio.from_thread.run_sync(print)  # expect: AL105
    await coro


async def fetch_later():
    return None
