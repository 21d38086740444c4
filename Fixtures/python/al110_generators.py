# Calling a generator function runs none of its body: only iterating what it returns does
# (`for`, `list(...)`, a comprehension). A decorated one may run at once (`@contextmanager` runs
# it to its `yield` when the `with` starts).
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


async def each_line(path):
    for line in lines(path):  # expect: AL110
        print(line)
    chunks = list(iterfile(path))  # expect: AL110
    total = sum(1 for _ in lines(path))  # expect: AL110
    return chunks, total


def read_all(path):
    # A sync helper iterating the generator blocks its callers.
    return [line for line in lines(path)]


async def through_a_helper(path):
    return read_all(path)  # expect: AL110


class Page:
    def __init__(self, entries):
        self.entries = entries


def index_page(path):
    # Handed on and iterated elsewhere: not followed (the index does not track the value).
    return Page(lines(path))


async def index(path):
    return index_page(path)



def file_response(path):
    # Sync code handing the generator on does not iterate it either.
    return Page(iterfile(path))


async def download(path):
    return file_response(path)


async def numbered(path):
    for number, line in enumerate(lines(path)):  # expect: AL110
        print(number, line)
    return next(iterfile(path))  # expect: AL110
