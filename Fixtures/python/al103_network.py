# AL103 blocking-network-io: synchronous HTTP clients and sockets in async code.
import asyncio
import http.client
import socket
import urllib.request

import httpx
import requests
import requests as rq
from requests import Session
from urllib.request import urlopen


async def http_clients(url):
    requests.get(url)  # expect: AL103
    rq.post(url, json={})  # expect: AL103
    await requests.request("GET", url)  # expect: AL103
    httpx.get(url)  # expect: AL103
    urlopen(url)  # expect: AL103
    with urllib.request.urlopen(url) as response:  # expect: AL103
        response.read()  # expect: AL103


async def sessions(url):
    s = requests.Session()
    s.get(url)  # expect: AL103
    with Session() as session:
        session.post(url)  # expect: AL103
    client = httpx.Client()
    client.get(url)  # expect: AL103
    with httpx.Client() as c:
        c.stream("GET", url)  # expect: AL103


async def async_clients(url):
    async with httpx.AsyncClient() as client:
        await client.get(url)
    client2 = httpx.AsyncClient()
    await client2.post(url)


async def sockets(host):
    sock = socket.socket()  # expect: AL103
    sock.connect((host, 80))  # expect: AL103
    sock.sendall(b"hi")  # expect: AL103
    data = sock.recv(1024)  # expect: AL103
    conn = socket.create_connection((host, 80))  # expect: AL103
    conn.send(data)  # expect: AL103
    socket.gethostbyname(host)  # expect: AL103
    client, address = sock.accept()  # expect: AL103
    client.recv(16)  # expect: AL103
    address.upper()
    first, *rest = sock.accept()  # expect: AL103
    first.recv(16)  # expect: AL103
    sock.fileno()


async def http_connection(host):
    conn = http.client.HTTPSConnection(host)
    conn.request("GET", "/")  # expect: AL103
    resp = conn.getresponse()  # expect: AL103
    resp.read()  # expect: AL103


async def typed_session(session: requests.Session, url):
    session.get(url)  # expect: AL103


def sync_code(url):
    requests.get(url)


async def non_blocking_sockets(host):
    # Low-level async code drives a socket in non-blocking mode itself, from its creation.
    sock = socket.socket()
    sock.setblocking(False)
    sock.connect_ex((host, 80))
    data = sock.recv(1024)
    return data


class Transport:
    def __init__(self, sock: socket.socket):
        self._sock = sock
        self._sock.setblocking(False)

    async def reconnect(self, address):
        self._sock = socket.socket()
        await asyncio.get_running_loop().sock_connect(self._sock, address)

    async def send(self, data):
        self._sock.send(data)


async def expects_a_non_blocking_socket(sock: socket.socket, data):
    # Catching BlockingIOError says the socket is in non-blocking mode.
    try:
        sock.send(data)
    except (BlockingIOError, InterruptedError):
        pass
    try:
        sock.recv(1024)  # expect: AL103
    except OSError:
        pass
