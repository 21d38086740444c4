# Code that mentions blocking APIs without calling them in an async context: no findings.
import asyncio
import os.path
import time
from os.path import join as pjoin


def sync_uses():
    time.sleep(1)
    open("f").read()
    input()


async def strings_and_comments():
    # time.sleep(1); open("x").read(); requests.get(url); input()
    message = "time.sleep(1) would block"
    template = f"call {message} not time.sleep"
    docs = """
    with open(path) as f:
        f.read()
    """
    return message, template, docs


async def references_not_calls():
    functions = [time.sleep, open, input]
    mapping = {"sleep": time.sleep}
    await asyncio.to_thread(functions[0], 1)
    return mapping


async def pure_path_functions(base):
    return pjoin(base, "x"), os.path.basename(base), os.path.split(base)


async def methods_with_blocking_names(obj, conn, lock, queue, thread):
    # Parameters of unknown type: their methods are not assumed to block.
    obj.sleep(1)
    obj.open()
    conn.execute("select 1")
    lock.acquire()
    queue.get()
    thread.join()
    ",".join(["a", "b"])
    obj.run()


async def deferred_work():
    def later():
        time.sleep(1)

    callback = lambda: open("f")

    class Later:
        value = time.sleep

        def run(self):
            return input()

    loop = asyncio.get_running_loop()
    # Defining `later` runs nothing, but the loop calls it: that is AL110 at the hand-over.
    loop.call_later(1, later)  # expect: AL110
    return callback, Later


class Timer:
    def sleep(self, seconds):
        return seconds

    async def tick(self):
        self.sleep(1)



class Registry:
    objects = None


async def not_a_django_manager():
    # `.objects` in a file that does not import django is nobody's manager.
    Registry.objects.get("x")
