# Clients made once at module level and imported by the handlers (the usual FastAPI layout).
import sqlite3

import requests

http = requests.Session()
db = sqlite3.connect("app.db")
# A placeholder, then the client: still one type.
search = None
search = requests.Session()
