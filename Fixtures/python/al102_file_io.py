# AL102 blocking-file-io: opening, reading, writing and stat-ing files in async code.
import builtins
import gzip
import io
import os
import os.path
import shutil
import tarfile
import tempfile
import zipfile
from os import path
from os.path import exists, join
from pathlib import Path

import aiofiles
import anyio


async def opening(p):
    f = open(p)  # expect: AL102
    data = f.read()  # expect: AL102
    f.write(data)  # expect: AL102
    f.close()  # expect: AL102
    with open(p) as g:  # expect: AL102
        g.read()  # expect: AL102
        for line in g:
            print(line)
    with io.open(p, "rb") as h, builtins.open(p) as k:  # expect: AL102, AL102
        h.readline()  # expect: AL102
        k.readlines()  # expect: AL102
    # A chain reports its blocking receiver once.
    return open(p).read()  # expect: AL102


async def low_level(p, fd):
    os.stat(p)  # expect: AL102
    os.listdir(p)  # expect: AL102
    os.makedirs(p, exist_ok=True)  # expect: AL102
    os.remove(p)  # expect: AL102
    os.read(fd, 10)  # expect: AL102
    for entry in os.scandir(p):  # expect: AL102
        print(entry)
    shutil.rmtree(p)  # expect: AL102
    shutil.copyfile(p, p + ".bak")  # expect: AL102
    tmp = tempfile.NamedTemporaryFile()  # expect: AL102
    tmp.write(b"x")  # expect: AL102


async def os_path(p):
    os.path.exists(p)  # expect: AL102
    path.isfile(p)  # expect: AL102
    exists(p)  # expect: AL102
    os.path.getsize(p)  # expect: AL102
    # Pure string functions never touch the disk.
    os.path.join(p, "x")
    join(p, "y")
    path.basename(p)
    os.path.splitext(p)
    os.path.dirname(os.path.normpath(p))


async def pathlib_paths(name: str, given: Path):
    p = Path(name)
    p.exists()  # expect: AL102
    text = p.read_text()  # expect: AL102
    Path(name).write_text(text)  # expect: AL102
    child = p / "child.txt"
    child.read_bytes()  # expect: AL102
    p.parent.mkdir(parents=True)  # expect: AL102
    given.unlink()  # expect: AL102
    with p.open() as f:  # expect: AL102
        f.read()  # expect: AL102
    # Pure path arithmetic does not block.
    p.with_suffix(".bak").name
    p.joinpath("a", "b")
    str(p)


async def async_alternatives(p):
    async with aiofiles.open(p) as f:
        await f.read()
    apath = anyio.Path(p)
    await apath.read_text()
    await anyio.to_thread.run_sync(os.stat, p)


async def shadowed_open(p):
    def open(x):
        return x

    open(p)


async def reading_a_file_object(stream):
    # Unknown objects with file-like method names are not files.
    stream.read()
    stream.write(b"")


async def compressed_and_archives(p):
    data = gzip.open(p).read()  # expect: AL102
    with gzip.open(p, "wt") as out:  # expect: AL102
        out.write(data)  # expect: AL102
    tarfile.open(p).extractall("out")  # expect: AL102
    archive = zipfile.ZipFile(p)  # expect: AL102
    return archive
