"""Starting the GUI process: gui_process.spawn and its ChildProcess (Linux)."""

import os
import signal
import subprocess
import sys
import time

import pytest

from pygraphics_core import gui_process

pytestmark = pytest.mark.skipif(
    not (hasattr(os, "posix_spawn") and hasattr(os, "pidfd_open")),
    reason="ChildProcess is used where os.posix_spawn and os.pidfd_open exist (Linux)")


def start(code):
    return gui_process.spawn([sys.executable, "-c", code], dict(os.environ))


def test_spawn_gives_a_child_process_that_reports_how_it_ended():
    child = start("import sys; sys.exit(3)")
    assert isinstance(child, gui_process.ChildProcess)
    assert child.wait(timeout=20) == 3
    assert child.poll() == 3 and child.returncode == 3


def test_a_timed_wait_ends_when_the_child_ends_not_at_the_time_limit():
    child = start("import time; time.sleep(0.2)")
    started = time.monotonic()
    assert child.wait(timeout=20) == 0
    assert time.monotonic() - started < 10


def test_a_timed_wait_gives_up_like_popen_and_kill_ends_the_child():
    child = start("import time; time.sleep(60)")
    with pytest.raises(subprocess.TimeoutExpired):
        child.wait(timeout=0.2)
    assert child.poll() is None
    child.kill()
    assert child.wait(timeout=20) == -signal.SIGKILL
    child.kill()  # already ended: nothing happens
    assert child.returncode == -signal.SIGKILL


def test_the_child_reads_nothing_from_stdin_and_gets_the_environment():
    environment = {**os.environ, "PYGRAPHICS_SPAWN_TEST": "42"}
    child = gui_process.spawn(
        [sys.executable, "-c",
         "import os, sys\n"
         "assert sys.stdin.read() == ''\n"
         "sys.exit(int(os.environ['PYGRAPHICS_SPAWN_TEST']))"],
        environment)
    assert child.wait(timeout=20) == 42


def test_the_child_does_not_inherit_pythons_ignored_sigpipe():
    # Python ignores SIGPIPE, and an ignored signal stays ignored across
    # exec; like Popen, spawn gives the child the default. (A shell, not
    # Python, looks: Python would ignore SIGPIPE again as it starts.)
    check_sigpipe = ("mask=$(awk '/^SigIgn/ {print $2}' /proc/$$/status); "
                     "exit $(( 0x$mask >> 12 & 1 ))")  # SIGPIPE is signal 13
    child = gui_process.spawn(["/bin/sh", "-c", check_sigpipe], dict(os.environ))
    assert child.wait(timeout=20) == 0
    assert signal.getsignal(signal.SIGPIPE) == signal.SIG_IGN  # ours is still ignored
