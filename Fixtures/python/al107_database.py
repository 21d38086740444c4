# AL107 blocking-database: synchronous database drivers in async code.
import sqlite3

from django.db import models

import psycopg2
import pymongo
import redis
import redis.asyncio as aioredis
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("sqlite://")
SessionLocal = sessionmaker(bind=engine)


async def sqlite(path):
    conn = sqlite3.connect(path)  # expect: AL107
    cur = conn.cursor()
    cur.execute("select 1")  # expect: AL107
    rows = cur.fetchall()  # expect: AL107
    conn.commit()  # expect: AL107
    conn.execute("select 1").fetchone()  # expect: AL107
    with sqlite3.connect(path) as db:  # expect: AL107
        db.executescript("")  # expect: AL107
    return rows


async def postgres(dsn):
    conn = psycopg2.connect(dsn)  # expect: AL107
    with conn.cursor() as cur:
        cur.execute("select 1")  # expect: AL107


async def redis_clients():
    r = redis.Redis()
    r.set("k", "v")  # expect: AL107
    r.get("k")  # expect: AL107
    pipe = r.pipeline()
    pipe.set("a", 1)
    pipe.execute()  # expect: AL107
    lock = r.lock("jobs")
    lock.acquire()  # expect: AL107
    ar = aioredis.Redis()
    await ar.get("k")


async def mongo():
    client = pymongo.MongoClient()
    client.app.users.find_one({})  # expect: AL107
    users = client["app"]["users"]
    users.insert_one({})  # expect: AL107
    users.find({})


async def sqlalchemy_sync():
    with engine.connect() as conn:  # expect: AL107
        conn.execute(text("select 1"))  # expect: AL107
    with Session(engine) as session:
        session.execute(text("select 1"))  # expect: AL107
        session.add(object())
        session.commit()  # expect: AL107
    s = SessionLocal()
    s.query(object)  # expect: AL107


class Article(models.Model):
    pass


async def django_views():
    # Django's managers and querysets run their query in async code (its async API has the
    # `a`-prefixed twins).
    Article.objects.get(pk=1)  # expect: AL107
    Article.objects.filter(x=1).exclude(y=2).count()  # expect: AL107
    lazy = Article.objects.filter(x=1)
    lazy.first()  # expect: AL107
    await Article.objects.aget(pk=1)
    await lazy.acount()
    return lazy.query
