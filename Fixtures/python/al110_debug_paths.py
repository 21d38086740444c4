# AL110 follows how a helper runs, not what it does only in debug mode: a call under a test of a
# flag named like `debug` (or after an early `if not DEBUG: return`) does not make it block.
import os

DEBUG = os.environ.get("APP_DEBUG") == "1"


class Deferred:
    debug = False

    def __init__(self):
        self.callbacks = []
        if self.debug:
            self.creator = open("/proc/self/stack").read()


def caller_location():
    if not DEBUG:
        return None
    with open("trace.log") as f:
        return f.readline()


def trace_unless_quiet():
    if not DEBUG:
        pass
    else:
        open("trace.log").close()


def audit():
    # A flag that is no debug flag guards nothing.
    if os.environ.get("AUDIT"):
        open("audit.log").close()


def debug_dump():
    # Named for debugging, but nothing tests a flag: it blocks whenever it is called.
    open("dump.log").close()


async def handler():
    Deferred()
    caller_location()
    trace_unless_quiet()
    audit()  # expect: AL110
    debug_dump()  # expect: AL110
    if DEBUG:
        # Written in the async function itself: reported, debug mode or not.
        open("x").close()  # expect: AL102


def unless_debug_disabled():
    # A negated flag guards the normal path: the call runs whenever debugging is not disabled.
    if not DEBUG_DISABLED:
        open("normal.log").close()


DEBUG_DISABLED = False


async def negated_flag():
    unless_debug_disabled()  # expect: AL110
