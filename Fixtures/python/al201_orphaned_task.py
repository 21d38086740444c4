# AL201 orphaned-task: a task whose handle is thrown away.
import asyncio
from asyncio import create_task

import anyio
import trio

background_tasks = set()


async def work():
    await asyncio.sleep(1)


async def orphans():
    asyncio.create_task(work())  # expect: AL201
    asyncio.ensure_future(work())  # expect: AL201
    create_task(work())  # expect: AL201
    loop = asyncio.get_running_loop()
    loop.create_task(work())  # expect: AL201
    asyncio.get_event_loop().create_task(work())  # expect: AL201
    task = asyncio.create_task(work())  # expect: AL201
    _ = asyncio.create_task(work())  # expect: AL201


async def owned():
    task = asyncio.create_task(work())
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)
    kept = asyncio.create_task(work())
    await kept
    returned = asyncio.create_task(work())
    await asyncio.gather(asyncio.create_task(work()), asyncio.create_task(work()))
    tasks = [asyncio.create_task(work()) for _ in range(3)]
    await asyncio.wait(tasks)
    await asyncio.create_task(work())
    return returned


async def groups():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(work())
    async with anyio.create_task_group() as tg2:
        tg2.start_soon(work)
    async with trio.open_nursery() as nursery:
        nursery.start_soon(work)


async def unknown_loop(loop):
    # `loop` may be anything here: not reported.
    loop.create_task(work())


def scheduled_from_sync_code():
    loop = asyncio.new_event_loop()
    loop.create_task(work())  # expect: AL201
    loop.run_forever()
