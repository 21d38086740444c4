# AL101: names that look like time.sleep but are something else.
import time


class Clock:
    def sleep(self, seconds):
        return seconds


async def local_variable():
    time = Clock()
    time.sleep(1)


async def parameter(time):
    time.sleep(1)


async def typed_parameter(clock: Clock):
    clock.sleep(1)


def sleep(seconds):
    return seconds


async def local_function():
    sleep(1)


async def module_still_visible():
    time.sleep(1)  # expect: AL101


class Settings:
    time = Clock()

    async def class_scope_does_not_leak(self):
        # `time` here is the module, not the class attribute.
        time.sleep(1)  # expect: AL101


async def global_declaration():
    global time
    time.sleep(1)  # expect: AL101


def outer():
    time = Clock()

    async def inner():
        time.sleep(1)

    return inner


async def rebound_later():
    # `time` is local throughout this function (UnboundLocalError here), never the module.
    time.sleep(1)
    time = Clock()
    time.sleep(2)


async def match_capture(event):
    # A capture pattern binds `time` in the function: the module is not what it calls.
    match event:
        case {"time": time}:
            time.sleep(1)
        case _:
            pass


async def match_value_pattern(event):
    # A dotted value pattern reads a name and binds nothing.
    match event:
        case time.monotonic:
            time.sleep(1)  # expect: AL101
