import asyncio

import app
import plugins.cache
from plugins.cache import warm_cache
from .. import read_file
from ..storage import Store, load_config, ping, tick, save_in_thread, save_later, save_lazily, fetch_remote
from ..storage import register, wait_until_ready
from .. import clients
from ..clients import http, search
from ..native import digest
from ..offload import checksum, read_settings, slow_lookup
from . import jobs
from .jobs import run_job


class CachedStore(Store):
    async def warm(self):
        self.load()  # expect: AL110
        self.size()


async def handle(path):
    config = load_config()  # expect: AL110
    text = read_file(path)  # expect: AL110
    app.read_file(path)  # expect: AL110
    ping(3)
    tick(3)  # expect: AL110
    save_in_thread(path, text)
    await save_later(path, text)
    save_lazily(path, text)
    await asyncio.to_thread(load_config)
    await asyncio.to_thread(load_config())  # expect: AL110
    return config


async def schedule():
    jobs.run_job()  # expect: AL202
    run_job()  # expect: AL202
    fetch_remote()  # expect: AL202
    await jobs.run_job()
    task = asyncio.create_task(run_job())
    pending = [run_job()]
    await asyncio.gather(*pending)
    return task, run_job()


async def through_the_class(path):
    # Methods of an imported class through the class or a new instance, and of a local subclass.
    Store.open_default()  # expect: AL110
    Store.checksum(path)  # expect: AL110
    Store().load()  # expect: AL110
    Store().size()
    CachedStore().load()  # expect: AL110
    CachedStore.size(CachedStore())


async def through_instances(store: Store, cached: CachedStore):
    # A variable holding an instance, annotated or assigned, is not followed for AL110: only a
    # new instance is (`Store().load()`).
    cached.load()
    local = CachedStore()
    local.load()
    store.load()
    worker = jobs.Worker()
    worker.start()
    jobs.Worker().start()  # expect: AL202


async def shadowed(load_config):
    # The parameter shadows the imported helper.
    load_config()


def sync_caller():
    # Not an async context: blocking here is the caller's business.
    load_config()
    jobs.run_job()  # expect: AL202


async def offloaded(path):
    # Functions a decorator made async (`@sync_to_async`, the project's own) are awaited, not
    # blocking helpers; forgetting the `await` is AL202.
    await slow_lookup(path)
    await read_settings(path)
    await checksum(path)
    read_settings(path)  # expect: AL202


async def through_a_stubbed_module(path):
    # native.pyi beside native.py does not hide the implementation.
    return digest(path)  # expect: AL110


async def tested_for_truth():
    # A coroutine of another file as a condition: always true, never run.
    if run_job():  # expect: AL202
        return await run_job()
    return None


async def through_a_namespace_package():
    warm_cache()  # expect: AL110
    plugins.cache.warm_cache()  # expect: AL110
    plugins.cache.fetch_remote()  # expect: AL202


async def startup():
    register("handlers")
    wait_until_ready()  # expect: AL110


async def through_module_clients(url):
    # Values of another module, typed there: blocking as they would be here (through the
    # project's own value: AL110, which the project index reports).
    http.get(url)  # expect: AL110
    search.post(url)  # expect: AL110
    clients.db.execute("select 1")  # expect: AL110
    http.headers.update({})
    await asyncio.to_thread(http.get, url)


def fetch_profile(user):
    # A sync helper using another module's client blocks its callers (AL110 there).
    return http.get(f"/users/{user}").json()


def profile_headers():
    # Not a blocking method of the session: no chain.
    return http.headers.copy()


async def through_a_helper_using_a_module_client(user):
    fetch_profile(user)  # expect: AL110
    profile_headers()
    await asyncio.to_thread(fetch_profile, user)


def settings_twice():
    # A sync helper calling the re-export under its other name blocks too.
    return app.load_settings(), app.load_settings()


async def through_a_renamed_reexport():
    app.load_settings()  # expect: AL110
    settings_twice()  # expect: AL110
