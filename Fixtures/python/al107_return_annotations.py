# A function of this file that declares it returns a catalogue type gives its callers that type.
import sqlite3
from typing import Optional

import requests


def connect(path) -> sqlite3.Connection:
    return sqlite3.connect(path)


async def make_session() -> Optional[requests.Session]:
    return requests.Session()


def untyped(path):
    return sqlite3.connect(path)


async def main(path, url):
    conn = connect(path)  # expect: AL110
    conn.execute("select 1")  # expect: AL107
    session = await make_session()
    session.get(url)  # expect: AL103
    other = untyped(path)  # expect: AL110
    other.execute("select 1")
    coroutine = make_session()
    await coroutine
