# The package re-exports its helpers: `app.read_file` is `app.storage.read_file`.
from .storage import read_file, Store
# Under another name too: a call of `app.load_settings` is a call of `load_config`.
from .storage import load_config as load_settings
