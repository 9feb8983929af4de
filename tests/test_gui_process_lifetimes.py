"""How long the GUI process lives, told as a student's programs experience it.

Every test here runs real processes: a student's program, its GUI process
with real Tk windows on the (virtual) display, and kill -9 where the story
needs it.
"""

import os
import signal
import time

import pytest

from pygraphics_core import callRemote, client
from pygraphics_core.core_commands import Ping
from pygraphics_core.gui_process import GUIProcessEndedError

from pygraphics_core.pytest_plugin import process_is_running, wait_until_ended

TITLE = "Message"

SAY_AND_REPORT = """
    import media
    from pygraphics_core import client
    media.say({text!r})
    print("GUI", client.connection().process.pid, flush=True)
"""


def test_importing_pygraphics_opens_nothing(student, gui_display):
    program = student("""
        import sys
        import media
        import pygraphics_core.client
        print("tkinter loaded:", "tkinter" in sys.modules)
        print("GUI started:", pygraphics_core.client._connection is not None)
    """)
    assert program.read_line() == "tkinter loaded: False"
    assert program.read_line() == "GUI started: False"
    assert program.wait() == 0


def test_a_script_that_ends_with_a_window_open_waits_until_it_is_closed(
        student, gui_screen):
    program = student(SAY_AND_REPORT.format(text="done"))
    gui_pid = int(program.expect("GUI"))
    program.gui_pids.append(gui_pid)
    assert "close its 1 open window" in program.read_line()
    (window,) = gui_screen.wait_for_windows(TITLE, 1)
    # The script has nothing left to do, yet it (and its window) stays.
    assert program.process.poll() is None
    gui_screen.press(window, "Escape")
    assert program.wait(timeout=10) == 0
    assert wait_until_ended(gui_pid)


def test_a_script_without_windows_ends_at_once(student, gui_display):
    program = student("""
        from pygraphics_core import callRemote, client
        from pygraphics_core.core_commands import Ping
        callRemote(Ping)
        print("GUI", client.connection().process.pid, flush=True)
    """)
    gui_pid = int(program.expect("GUI"))
    program.gui_pids.append(gui_pid)
    assert program.wait(timeout=10) == 0
    assert wait_until_ended(gui_pid, timeout=5)


def test_two_students_at_once_each_get_their_own_gui_process(student, gui_screen):
    code = SAY_AND_REPORT.format(text="one of two") + "    input()\n"
    first, second = student(code), student(code)
    first_pid, second_pid = int(first.expect("GUI")), int(second.expect("GUI"))
    first.gui_pids.append(first_pid)
    second.gui_pids.append(second_pid)
    assert first_pid != second_pid
    gui_screen.wait_for_windows(TITLE, 2)


def test_after_kill_9_of_the_gui_process_the_next_call_says_so_and_the_one_after_starts_anew(
        gui_client):
    first_pid = gui_client.process.pid
    os.kill(first_pid, signal.SIGKILL)
    started = time.monotonic()
    with pytest.raises(GUIProcessEndedError) as raised:
        callRemote(Ping)
    assert time.monotonic() - started < 5
    assert isinstance(raised.value, ConnectionError)
    message = str(raised.value)
    assert "window process has stopped" in message and "signal 9" in message
    assert "start a new" in message
    assert not process_is_running(first_pid)  # reaped, no zombie left behind
    assert callRemote(Ping) == {}
    assert client.connection().process.pid != first_pid


@pytest.mark.parametrize("windows_open", [0, 1])
def test_after_kill_9_of_the_student_the_gui_process_ends_once_its_windows_are_closed(
        student, gui_screen, windows_open):
    program = student("""
        import media
        from pygraphics_core import callRemote, client
        from pygraphics_core.core_commands import Ping
        for _ in range({windows_open}):
            media.say("My program was killed")
        callRemote(Ping)
        print("GUI", client.connection().process.pid, flush=True)
        input()
    """.format(windows_open=windows_open))
    gui_pid = int(program.expect("GUI"))
    program.gui_pids.append(gui_pid)
    found = gui_screen.wait_for_windows(TITLE, windows_open)
    program.process.kill()
    program.wait()
    if windows_open:
        # The student may still read the window: the process stays for it...
        assert not wait_until_ended(gui_pid, timeout=0.5)
        gui_screen.press(found[0], "Return")
    # ...and ends, leaving no orphan, once nothing is left open.
    assert wait_until_ended(gui_pid, timeout=10)


@pytest.mark.parametrize("call, title", [
    ("media.choose_file()", "Choose a file"),   # Tk's own dialog
    ("media.ask('What is your name?')", "Question"),  # one of ours
])
def test_a_dialog_whose_program_was_killed_closes_and_the_gui_process_ends(
        student, gui_screen, call, title):
    program = student(f"""
        import media
        from pygraphics_core import callRemote, client
        from pygraphics_core.core_commands import Ping
        callRemote(Ping)
        print("GUI", client.connection().process.pid, flush=True)
        {call}
    """)
    gui_pid = int(program.expect("GUI"))
    program.gui_pids.append(gui_pid)
    gui_screen.wait_for_windows(title, 1)
    program.process.kill()
    program.wait()
    # Nobody is left to read the answer: the dialog closes by itself, and
    # with no other window open the GUI process ends.
    gui_screen.wait_for_windows(title, 0)
    assert wait_until_ended(gui_pid, timeout=10)


def test_a_forked_child_of_the_student_gets_its_own_gui_process(student, gui_display):
    program = student("""
        import os
        from pygraphics_core import callRemote, client
        from pygraphics_core.core_commands import Ping
        callRemote(Ping)
        parent_gui = client.connection().process.pid
        print("GUI", parent_gui, flush=True)
        child = os.fork()
        if child == 0:
            callRemote(Ping)
            print("CHILD GUI", client.connection().process.pid, flush=True)
            os._exit(0)
        os.waitpid(child, 0)
        callRemote(Ping)  # the parent's connection was left alone
        print("PARENT STILL", client.connection().process.pid, flush=True)
    """)
    parent_gui = int(program.expect("GUI"))
    program.gui_pids.append(parent_gui)
    child_gui = int(program.expect("CHILD GUI"))
    program.gui_pids.append(child_gui)
    assert child_gui != parent_gui
    assert int(program.expect("PARENT STILL")) == parent_gui
    assert program.wait() == 0


def test_looking_up_media_names_starts_no_gui_process(student, gui_display):
    # Only a call that needs a window starts the GUI process: not looking
    # up media.say, and not a misspelt name.
    program = student("""
        import media
        from pygraphics_core import gui_process
        started = []
        original = gui_process.spawn
        def remember(*arguments):
            started.append(original(*arguments))
            return started[-1]
        gui_process.spawn = remember
        say = media.say
        try:
            media.lod_picture
        except AttributeError as error:
            print("ERROR", error, flush=True)
        print("STARTED", len(started), flush=True)
        say("now one starts")
        print("STARTED", len(started), flush=True)
        print("PID", started[0].pid, flush=True)
    """)
    assert program.expect("ERROR") == "module 'media' has no attribute 'lod_picture'"
    assert program.expect("STARTED") == "0"
    assert program.expect("STARTED") == "1"
    program.gui_pids.append(int(program.expect("PID")))


def test_a_tool_ends_the_gui_process_with_its_windows_and_the_next_call_starts_a_new_one(
        gui_cleanup, gui_screen):
    import media

    media.say("A tool's window")
    gui_screen.wait_for_windows(TITLE, 1)
    first = client.connection().process.pid
    client.stop_gui_process()
    assert wait_until_ended(first, timeout=10)
    gui_screen.wait_for_windows(TITLE, 0)
    callRemote(Ping)
    assert client.connection().process.pid != first
