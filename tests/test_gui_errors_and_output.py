"""Errors and printed output crossing from the GUI process to the student's program."""

import importlib

import pytest

from pygraphics_core import amp, callRemote
from pygraphics_core.core_commands import Ping

ECHO_PLUGIN = """
    from pygraphics_core import amp, hookimpl
    from pygraphics_gui import ProtocolBackend, appender


    class TestEcho(amp.Command):
        arguments = [("text", amp.Unicode())]
        response = [("text", amp.Unicode())]


    class TestBoom(amp.Command):
        arguments = []
        response = []


    class TestBackend(ProtocolBackend):
        responders = []
        responder = appender(responders)

        @responder(TestEcho)
        def echo(self, text):
            print("the GUI process says:", text)
            import sys
            print("and warns:", text, file=sys.stderr)
            return {"text": text}

        @responder(TestBoom)
        def boom(self):
            return 1 / 0


    @hookimpl
    def pygraphics_commands():
        return [TestEcho, TestBoom]


    @hookimpl
    def pygraphics_backends():
        return [TestBackend]
"""


class NobodyAnswersThis(amp.Command):
    arguments = []
    response = []


def test_a_command_no_plugin_answers_is_unhandled_and_the_next_call_works(gui_client):
    with pytest.raises(amp.AMPError) as raised:
        callRemote(NobodyAnswersThis)
    assert raised.value.code == "UNHANDLED"
    assert callRemote(Ping) == {}


@pytest.fixture
def echo_plugin(fake_plugins):
    return importlib.import_module(fake_plugins.add("pygraphics-testecho", ECHO_PLUGIN))


def test_a_responder_that_raises_gives_unknown_and_the_next_call_works(
        echo_plugin, gui_client, capsys):
    with pytest.raises(amp.AMPError) as raised:
        callRemote(echo_plugin.TestBoom)
    assert raised.value.code == "UNKNOWN"
    assert "ZeroDivisionError" in raised.value.description
    assert callRemote(echo_plugin.TestEcho, text="still here") == {"text": "still here"}
    # Told once, in the error the call raises: the plugin, the error, its line.
    lines = str(raised.value).splitlines()
    assert lines[0] == ("The PyGraphics plugin 'pygraphics-testecho' failed while answering "
                        "TestBoom: ZeroDivisionError: division by zero")
    assert lines[1].endswith(", in boom") and lines[2].strip() == "return 1 / 0"
    assert len(lines) == 3
    assert "ZeroDivisionError" not in capsys.readouterr().err


def test_a_failing_responder_is_told_once_and_briefly_in_a_students_program(
        echo_plugin, student):
    # Right after the GUI process starts (before it has set up its own log),
    # and later: each time one short report, from the student's own line.
    program = student(f"""
        from pygraphics_core import callRemote
        from {echo_plugin.__name__} import TestBoom

        for attempt in range(2):
            try:
                callRemote(TestBoom)
            except Exception as error:
                print("CAUGHT", type(error).__name__, flush=True)
        callRemote(TestBoom)
    """)
    assert program.expect("CAUGHT") == "PluginFailedError"
    assert program.expect("CAUGHT") == "PluginFailedError"
    assert program.wait() == 1
    errors = program.errors()
    assert errors.count("ZeroDivisionError") == 1, errors
    assert errors.count("Traceback") == 1, errors
    assert "During handling" not in errors
    assert len(errors.splitlines()) <= 15, errors  # the traceback of one call, no more


def test_what_a_responder_prints_reaches_the_students_stdout_and_stderr(
        echo_plugin, gui_client, capsys):
    callRemote(echo_plugin.TestEcho, text="héllo ✓")
    captured = capsys.readouterr()
    # Whole lines, once each (other plugins may have warned about themselves).
    assert captured.out.splitlines().count("the GUI process says: héllo ✓") == 1
    assert captured.err.splitlines().count("and warns: héllo ✓") == 1


def test_what_a_plugin_prints_while_it_loads_is_shown_once(fake_plugins, student, gui_display):
    # Both processes load every plugin; an autograder that reads the
    # student's output must see the plugin's greeting once, not twice.
    fake_plugins.add("pygraphics-chatty", """
        import sys
        print("CHATTY PLUGIN LOADED", flush=True)
        print("CHATTY PLUGIN WARNS", file=sys.stderr, flush=True)
    """)
    program = student("""
        import media
        from pygraphics_core import client
        from pygraphics_core.core_commands import Ping

        media.say("Hello")
        print("GUI", client.connection().process.pid, flush=True)
        client.connection().callRemote(Ping)
        client.stop_gui_process()
        print("DONE", flush=True)
    """)
    lines = []
    while not lines or lines[-1] != "DONE":
        lines.append(program.read_line())
        if lines[-1].startswith("GUI "):
            program.gui_pids.append(int(lines[-1].split()[1]))
    assert program.wait() == 0
    assert lines.count("CHATTY PLUGIN LOADED") == 1, lines
    assert program.errors().count("CHATTY PLUGIN WARNS") == 1


def test_pygraphics_call_with_a_value_the_plugin_refuses_says_so_in_a_few_lines(gui_display):
    # It printed about 50 lines: the GUI process's traceback, twice, and the answer.
    import subprocess
    import sys

    called = subprocess.run(
        [sys.executable, "-m", "pygraphics_tools.cli", "call", "AskNumber", "prompt=hi",
         "minimum=abc"], capture_output=True, text=True, timeout=60)
    assert called.returncode == 1
    lines = called.stderr.splitlines()
    assert lines[0] == ("pygraphics call: AskNumber failed: PluginFailedError: The PyGraphics "
                        "plugin 'pygraphics-ask' failed while answering AskNumber: ValueError: "
                        "“abc” is not a number. Type digits, like 42 or 3.5."), called.stderr
    assert "pygraphics_ask" in lines[1] and len(lines) == 3, called.stderr
