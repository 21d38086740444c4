# The package re-exports its helpers: `app.read_file` is `app.storage.read_file`.
from .storage import read_file, Store
