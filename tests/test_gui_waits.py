"""No call waits for ever without a way out.

While a call waits, the student's process asks the GUI process now and
then whether it is alive; the GUI process answers from its event loop, even
while a modal dialog waits for the student. So a dialog awaiting an answer
(alive, waiting) is told apart from a GUI process that answers nothing at
all (stopped, or stuck), and only the second is reported. Ctrl+C ends
either wait at once and leaves no process behind. Real programs, real GUI
processes, real signals; every wait is bounded.
"""

import os
import signal
import time

import pytest

from pygraphics_core.pytest_plugin import process_is_running, wait_until_ended

# The student's program probes sooner than by default, so that the tests
# are quick; what is reported goes to its stdout, where the test reads it.
FAST_PROBES = """
    import sys
    sys.stderr = sys.stdout
    import media
    from pygraphics_core import callRemote, client
    from pygraphics_core.core_commands import Ping
    client.PROBE_AFTER = 0.5
    client.PROBE_PATIENCE = 1.0
    callRemote(Ping)
    print("GUI", client.connection().process.pid, flush=True)
"""

NOT_ANSWERING = "the window process has not answered for"


def start(student, code):
    program = student(FAST_PROBES + code)
    gui_pid = int(program.expect("GUI"))
    program.gui_pids.append(gui_pid)
    return program, gui_pid


def ctrl_c_ends_it_at_once_and_quietly(program):
    started = time.monotonic()
    program.process.send_signal(signal.SIGINT)
    program.wait(timeout=5)
    assert time.monotonic() - started < 3
    errors = program.errors()
    assert "Exception ignored" not in errors, errors


def test_a_stopped_gui_process_is_reported_and_ctrl_c_ends_the_wait_leaving_no_process(
        student, gui_display):
    program, gui_pid = start(student, """
    input()
    print("CALLING", flush=True)
    callRemote(Ping)
    print("ANSWERED", flush=True)
    """)
    os.kill(gui_pid, signal.SIGSTOP)
    try:
        program.send("")
        assert program.expect("CALLING") == ""
        # Before, the call waited in silence for as long as the process
        # stayed stopped.
        assert NOT_ANSWERING in program.expect("PyGraphics:", timeout=10)
        ctrl_c_ends_it_at_once_and_quietly(program)
        assert wait_until_ended(gui_pid, timeout=2), "the stopped GUI process was left behind"
    finally:
        if process_is_running(gui_pid):
            os.kill(gui_pid, signal.SIGCONT)


def test_a_stopped_gui_process_that_goes_on_again_answers_and_says_so(student, gui_display):
    program, gui_pid = start(student, """
    input()
    callRemote(Ping)
    print("ANSWERED", flush=True)
    """)
    os.kill(gui_pid, signal.SIGSTOP)
    try:
        program.send("")
        assert NOT_ANSWERING in program.expect("PyGraphics:", timeout=10)
    finally:
        os.kill(gui_pid, signal.SIGCONT)
    assert "answers again" in program.expect("PyGraphics:", timeout=10)
    assert program.expect("ANSWERED") == ""


def test_a_dialog_waiting_for_its_answer_is_not_reported(student, gui_screen):
    program, gui_pid = start(student, """
    print("ANSWER", media.ask("What is your name?"), flush=True)
    """)
    (dialog,) = gui_screen.wait_for_windows("Question", 1)
    # Several probe periods go by while the student thinks: the GUI process
    # answers each probe from its event loop, so nothing is said.
    with pytest.raises(AssertionError, match="printed no line"):
        program.read_line(timeout=4)
    gui_screen.press(dialog, *"Ada", "Return")
    assert program.expect("ANSWER") == "Ada"
    assert program.wait() == 0
    assert NOT_ANSWERING not in program.errors()


def test_ctrl_c_ends_the_wait_for_a_dialog_at_once_and_leaves_no_process(
        student, gui_screen):
    program, gui_pid = start(student, """
    media.ask("Will you wait for me?")
    """)
    gui_screen.wait_for_windows("Question", 1)
    ctrl_c_ends_it_at_once_and_quietly(program)
    # Nobody is left to answer the dialog: it closes, and with no other
    # window open the GUI process ends.
    gui_screen.wait_for_windows("Question", 0)
    assert wait_until_ended(gui_pid, timeout=5)
