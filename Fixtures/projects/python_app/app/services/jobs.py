import asyncio


def read_file(path):
    # Shadows the package's read_file in this module: pure, never blocks.
    return path.upper()


async def run_job():
    await asyncio.sleep(0)


async def report():
    read_file("x")


class Worker:
    async def start(self):
        await asyncio.sleep(0)
