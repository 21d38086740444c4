# Calling a generator function runs none of its body: only iterating it does. A decorated one
# may run at once (`@contextmanager` runs it to its `yield` when the `with` starts).
import contextlib


def iterfile(path):
    with open(path, "rb") as f:
        yield from f


def lines(path):
    for line in open(path):
        yield line.strip()


@contextlib.contextmanager
def locked(path):
    with open(path, "w") as f:
        yield f


class StreamingResponse:
    def __init__(self, content):
        self.content = content


async def video(path):
    # The response iterates the generator in a thread.
    return StreamingResponse(iterfile(path))


async def first_line(path):
    pending = lines(path)
    with locked(path) as f:  # expect: AL110
        f.write("x")
    return pending
