# Comprehension variables are the comprehension's own; its first iterable is evaluated outside.
import sqlite3
import time

conn = sqlite3.connect(":memory:")
paths = []


async def queries(conns, q):
    # `conn` here is each element of `conns`, not the module's sqlite3 connection.
    results = [conn.execute(q) for conn in conns]
    # ...but outside the comprehension it is the module's connection.
    conn.execute(q)  # expect: AL107
    # The first iterable runs in the function; the element runs in the comprehension.
    rows = [r for r in conn.execute(q)]  # expect: AL107
    nested = {k: v.execute(q) for k, v in zip(conns, conns) if v}
    gen = (time.sleep(x) for x in range(3) if x)  # expect: AL101
    pairs = [
        # a comment with the word for in it
        (a, b)
        for a in range(3)
        if a
        for b in [time.sleep(a)]  # expect: AL101
    ]
    return results, rows, nested, gen, pairs


async def walrus_in_comprehension(items):
    [last := sqlite3.connect(i) for i in items]  # expect: AL107
    last.commit()  # expect: AL107


def sync_module_code():
    return [conn.commit() for _ in paths]
