"""Ctrl+C, as a student presses it: a second one ends both processes, every time.

Each test runs a real student's program with a real GUI process and sends
real SIGINTs to the program (as a terminal's Ctrl+C does; the GUI process
ignores them). Afterwards the program has ended, its GUI process too (no
orphan adopted by init), and nothing says "Exception ignored". Runs are
repeated with the interrupts landing at different moments; every wait is
bounded.
"""

import os
import random
import signal
import time

import pytest

from pygraphics_core.pytest_plugin import process_is_running, wait_until_ended

RUNS = 8

REPORT_GUI = """
    from pygraphics_core import callRemote, client
    from pygraphics_core.core_commands import Ping
    print("GUI", client.connection().process.pid, flush=True)
"""

ANIMATION = """
    import media
    media.say("An animation runs")
""" + REPORT_GUI + """
    try:
        while True:
            callRemote(Ping)
    finally:
        print("INTERRUPTED", flush=True)
"""

BIG_PICTURES = """
    import media
    pic = media.create_picture(2000, 1500)
    media.show(pic)
""" + REPORT_GUI + """
    try:
        while True:
            media.update(pic)  # 9 MB each time: Ctrl+C often lands while sending
    finally:
        print("INTERRUPTED", flush=True)
"""

SPINNER_PLUGIN = """
    from pygraphics_core import amp, hookimpl
    from pygraphics_gui import ProtocolBackend, appender

    class Spin(amp.Command):
        arguments = []
        response = []

    class Backend(ProtocolBackend):
        responders = []
        responder = appender(responders)

        @responder(Spin)
        def spin(self):
            while True:  # a plugin's bug: the GUI process never answers again
                pass

    @hookimpl
    def pygraphics_commands():
        return [Spin]

    @hookimpl
    def pygraphics_backends():
        return [Backend]
"""


def start(student, code):
    program = student(code)
    gui_pid = int(program.expect("GUI"))
    program.gui_pids.append(gui_pid)
    return program, gui_pid


def ctrl_c(program):
    program.process.send_signal(signal.SIGINT)


def assert_both_ended_quietly(program, gui_pid, within=10):
    started = time.monotonic()
    program.wait(timeout=within)
    errors = program.errors()
    assert "Exception ignored" not in errors, errors
    # The GUI process is gone too: not left behind, adopted by init.
    assert wait_until_ended(gui_pid, timeout=max(0.5, within - (time.monotonic() - started))), \
        f"the GUI process {gui_pid} outlived the program (stderr: {errors})"
    return errors


@pytest.mark.parametrize("run", range(RUNS))
def test_two_ctrl_c_during_an_animation_end_both_processes(student, gui_display, run):
    chance = random.Random(run)
    program, gui_pid = start(student, ANIMATION)
    time.sleep(chance.uniform(0.05, 0.4))  # the first lands somewhere in the loop
    ctrl_c(program)
    assert program.expect("INTERRUPTED") == ""
    time.sleep(chance.uniform(0.005, 0.15))  # the second during the goodbye, or after it
    ctrl_c(program)
    assert_both_ended_quietly(program, gui_pid)


@pytest.mark.parametrize("run", range(RUNS))
def test_ctrl_c_while_a_picture_is_sent_leaves_the_window_until_a_second_one(
        student, gui_display, run):
    chance = random.Random(run)
    program, gui_pid = start(student, BIG_PICTURES)
    time.sleep(chance.uniform(0.2, 0.6))
    ctrl_c(program)
    assert program.expect("INTERRUPTED") == ""
    # Wherever it landed (often in the middle of sending a picture, which
    # cut the connection), the program says at once that it waits for its
    # windows; before, a Ctrl+C in sendmsg cost a 5 s stall, then the
    # windows were killed.
    started = time.monotonic()
    assert "your program has finished" in program.expect("PyGraphics:", timeout=5)
    assert time.monotonic() - started < 3
    assert process_is_running(gui_pid)  # the picture is still on the screen
    ctrl_c(program)
    assert_both_ended_quietly(program, gui_pid, within=5)


def test_ctrl_c_while_the_program_says_goodbye_to_a_stopped_gui_process(student, gui_display):
    program, gui_pid = start(student, """
    import media
    media.say("Goodbye?")
    """ + REPORT_GUI + """
    input()
    """)
    os.kill(gui_pid, signal.SIGSTOP)  # it will not answer the Goodbye
    try:
        program.send("")  # the program ends, and says Goodbye at exit
        time.sleep(1)  # the Goodbye waits (for up to GOODBYE_TIMEOUT, 5 s)
        ctrl_c(program)
        assert_both_ended_quietly(program, gui_pid, within=5)
    finally:
        if process_is_running(gui_pid):
            os.kill(gui_pid, signal.SIGCONT)


def test_a_gui_process_stuck_in_a_plugins_loop_ends_at_the_second_ctrl_c(
        student, gui_display, fake_plugins):
    module = fake_plugins.add("pygraphics-spinner", SPINNER_PLUGIN)
    program, gui_pid = start(student, REPORT_GUI + f"""
    from {module} import Spin
    print("CALLING", flush=True)
    callRemote(Spin)
    """)
    program.expect("CALLING")
    time.sleep(0.5)  # it waits for an answer that never comes
    ctrl_c(program)
    # It cannot say goodbye to a process that does not answer: it says it
    # waits, and the second Ctrl+C ends the spinning process (before, it
    # waited for a Goodbye for ever, and a second Ctrl+C left the GUI
    # process spinning at full speed, adopted by init).
    assert "your program has finished" in program.expect("PyGraphics:", timeout=5)
    ctrl_c(program)
    assert_both_ended_quietly(program, gui_pid, within=5)
