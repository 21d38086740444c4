# A module used without an import in this file (a star import, or imported elsewhere) is
# matched as written; a bare unbound name is not.
from somewhere import *


async def uses_unbound_names(cmd):
    subprocess.run(cmd)  # expect: AL104
    time.sleep(1)  # expect: AL101
    run(cmd)
    sleep(1)
    check_output(cmd)
