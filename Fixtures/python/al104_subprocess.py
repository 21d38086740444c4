# AL104 blocking-subprocess: starting a process and waiting for it in async code.
import asyncio
import os
import subprocess
from subprocess import check_output as co
from subprocess import run


async def subprocesses(cmd):
    subprocess.run(cmd)  # expect: AL104
    run(cmd, check=True)  # expect: AL104
    co(cmd)  # expect: AL104
    subprocess.check_call(cmd)  # expect: AL104
    proc = subprocess.Popen(cmd)  # expect: AL104
    proc.wait()  # expect: AL104
    out, err = proc.communicate()  # expect: AL104
    os.system("ls")  # expect: AL104
    os.popen("ls")  # expect: AL104
    os.waitpid(proc.pid, 0)  # expect: AL104
    os.spawnlp(os.P_WAIT, "ls", "ls")  # expect: AL104
    return out, err


async def async_processes(cmd):
    proc = await asyncio.create_subprocess_exec(*cmd)
    await proc.wait()
    await proc.communicate()


async def unrelated_run(runner):
    # A method called `run` on something else is not subprocess.run.
    runner.run()
    await asyncio.to_thread(subprocess.run, ["ls"])
