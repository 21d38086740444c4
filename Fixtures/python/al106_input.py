# AL106 blocking-input: reading the terminal in async code.
import asyncio
import builtins
import getpass
import sys
from sys import stdin


async def prompts():
    name = input("name? ")  # expect: AL106
    builtins.input()  # expect: AL106
    getpass.getpass()  # expect: AL106
    sys.stdin.readline()  # expect: AL106
    stdin.read()  # expect: AL106
    await asyncio.to_thread(input, "name? ")
    return name


async def shadowed(input):
    input("not the builtin")


def sync_prompt():
    return input()
