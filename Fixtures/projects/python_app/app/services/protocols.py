"""Callbacks handed to the event loop run on its thread, wherever the code that schedules them
runs: this file has no async function, and its callbacks still stall the loop."""
import asyncio
import functools

from app.services.jobs import run_job
from app.storage import load_config, write_file

from .. import storage


class LineProtocol(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        loop = asyncio.get_event_loop()
        # Project helpers that read and write files, called by the loop.
        loop.call_soon(load_config)  # expect: AL110
        loop.call_later(5, self.flush)  # expect: AL110
        loop.call_soon(functools.partial(write_file, "log.txt", "up"))  # expect: AL110
        loop.call_soon(lambda: storage.load_config())  # expect: AL110
        loop.add_reader(transport.fileno(), self.on_readable)  # expect: AL110
        # Coroutine functions: the loop calls them and drops the coroutine.
        loop.call_soon(run_job)  # expect: AL202
        loop.call_soon(lambda: self.refresh())  # expect: AL202
        # (What a lambda returns is followed in the file only: another file's coroutine is not.)
        loop.call_soon(lambda: run_job())
        loop.call_later(delay=5, callback=self.flush)  # expect: AL110
        loop.call_soon_threadsafe(self.refresh)  # expect: AL202
        loop.call_later(1, asyncio.sleep, 1)  # expect: AL202
        # Callbacks that do not block, and blocking helpers handed to a thread.
        loop.call_soon(self.note)
        loop.call_soon(print, "up")
        loop.run_in_executor(None, load_config)
        loop.call_soon(asyncio.create_task, run_job())
        # No event loop: a scheduler of the project's own with methods of the same names.
        sched = ThreadScheduler()
        sched.call_later(60, load_config)
        self.scheduler.call_soon(self.flush)

    def flush(self):
        write_file("out.txt", "data")

    def on_readable(self):
        self.flush()

    def note(self):
        self.count = 1

    async def refresh(self):
        await asyncio.sleep(0)


class ThreadScheduler:
    def call_later(self, delay, callback):
        return (delay, callback)
