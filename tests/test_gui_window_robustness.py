"""Windows that fail or vanish leave the GUI process running and the student answered.

A window closed from outside (``xdotool windowclose``, as some window
managers do) used to kill the GUI process with "X Error ... BadWindow"; an
exception in a Tk event handler of a modal dialog left the dialog open and
the student waiting for ever. Real programs, a real GUI process, real
windows on the (virtual) display, real key presses.
"""

import os
import subprocess

from pygraphics_core.pytest_plugin import wait_until_ended

BROKEN_DIALOG_PLUGIN = """
    import tkinter

    from pygraphics_core import amp, hookimpl
    from pygraphics_gui import ProtocolBackend, appender

    class AskBroken(amp.Command):
        arguments = []
        response = [("answer", amp.Unicode())]

    class Backend(ProtocolBackend):
        responders = []
        responder = appender(responders)

        @responder(AskBroken)
        def ask(self):
            dialog = tkinter.Toplevel()
            dialog.title("Broken dialog")
            dialog.result = "nothing"
            entry = tkinter.Entry(dialog)
            entry.pack()
            def accept(event):
                dialog.result = entry.get()
                1 / 0  # the plugin's bug: the dialog never closes itself
                dialog.destroy()
            dialog.bind("<Return>", accept)
            dialog.wait_visibility()
            dialog.grab_set()
            entry.focus_force()
            dialog.wait_window()
            return {"answer": dialog.result}

    @hookimpl
    def pygraphics_commands():
        return [AskBroken]

    @hookimpl
    def pygraphics_backends():
        return [Backend]
"""


def test_a_window_closed_from_outside_leaves_the_gui_process_running(student, gui_screen):
    program = student("""
        import media
        from pygraphics_core import callRemote, client
        from pygraphics_core.core_commands import Ping
        media.say("Close me from outside")
        print("GUI", client.connection().process.pid, flush=True)
        input()
        print("PING", callRemote(Ping), flush=True)
    """)
    gui_pid = int(program.expect("GUI"))
    program.gui_pids.append(gui_pid)
    (window,) = gui_screen.wait_for_windows("Message", 1)
    subprocess.run(["xdotool", "windowclose", window], check=True, timeout=10,
                   env={**os.environ, "DISPLAY": gui_screen.display})
    gui_screen.wait_for_windows("Message", 0)
    program.send("")
    # Before, the GUI process was gone: "X Error of failed request: BadWindow".
    assert program.expect("PING") == "{}"
    # The window no longer counts as open: the program does not wait for
    # it at exit, and the GUI process ends with it.
    assert program.wait(timeout=10) == 0
    assert "It ends when you close" not in program.errors()
    assert wait_until_ended(gui_pid, timeout=10)


def test_an_exception_in_a_modal_dialogs_handler_closes_it_and_the_student_gets_an_error(
        student, gui_screen, fake_plugins):
    module = fake_plugins.add("pygraphics-broken-dialog", BROKEN_DIALOG_PLUGIN)
    program = student(f"""
        import sys
        from pygraphics_core import callRemote, client
        from pygraphics_core.core_commands import Ping
        from {module} import AskBroken
        callRemote(Ping)
        print("GUI", client.connection().process.pid, flush=True)
        try:
            callRemote(AskBroken)
        except Exception as error:
            print("ERROR", type(error).__name__, error, flush=True)
        print("PING", callRemote(Ping), flush=True)
    """)
    gui_pid = int(program.expect("GUI"))
    program.gui_pids.append(gui_pid)
    (dialog,) = gui_screen.wait_for_windows("Broken dialog", 1)
    gui_screen.press(dialog, "a", "Return")
    # Before, the dialog stayed open and the call waited for ever.
    error = program.expect("ERROR", timeout=10)
    assert error == ("PluginFailedError The window this call opened failed, so it was closed: "
                     "ZeroDivisionError: division by zero")
    where = program.read_line()
    assert where.startswith('  File "') and 'line 24, in accept' in where
    assert program.read_line().strip().startswith("1 / 0")
    gui_screen.wait_for_windows("Broken dialog", 0)
    assert program.expect("PING") == "{}"
    assert program.wait(timeout=10) == 0
    # Told once, in the error: no traceback from the GUI process besides.
    assert "ZeroDivisionError" not in program.errors()
    assert wait_until_ended(gui_pid, timeout=10)
