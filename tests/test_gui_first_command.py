"""The first command a program sends is made ready first, so its window opens sooner.

The student's process names its first command in the Hello; the GUI
process registers that one, answers it, and only then imports the other
plugins' commands (before it reads anything more).
"""

import importlib
import itertools

import pytest

from pygraphics_core import client, gui_process
from pygraphics_core.core_commands import Ping

_numbers = itertools.count(1)

FIRST_PLUGIN = """
    import sys

    from pygraphics_core import amp, hookimpl
    from pygraphics_gui import ProtocolBackend, appender


    class FirstAsk(amp.Command):
        arguments = [("module", amp.Unicode())]
        response = [("imported", amp.Boolean())]


    class FirstOther(amp.Command):
        arguments = []
        response = [("answer", amp.Integer())]


    class NotDeclared(amp.Command):
        # Answered by the backend, declared by no plugin (a course's own).
        arguments = []
        response = [("answer", amp.Integer())]


    class FirstBackend(ProtocolBackend):
        responders = []
        responder = appender(responders)

        @responder(FirstAsk)
        def ask(self, module):
            # Has the GUI process imported the other plugin's commands yet?
            return {"imported": module in sys.modules}

        @responder(FirstOther)
        def other(self):
            return {"answer": 2}

        @responder(NotDeclared)
        def not_declared(self):
            return {"answer": 3}


    @hookimpl
    def pygraphics_commands():
        return [FirstAsk, FirstOther]


    @hookimpl
    def pygraphics_backends():
        return [FirstBackend]
"""

SECOND_COMMANDS = """
from pygraphics_core import amp


class SecondEcho(amp.Command):
    arguments = [("text", amp.Unicode())]
    response = [("text", amp.Unicode())]


class Ping(amp.Command):
    # PyGraphics's own name: reported, naming this plugin.
    arguments = []
    response = []
"""

SECOND_PLUGIN = """
    from pygraphics_core import hookimpl
    from pygraphics_gui import ProtocolBackend, appender


    @hookimpl
    def pygraphics_commands():
        import {commands}

        return [{commands}.SecondEcho, {commands}.Ping]


    @hookimpl
    def pygraphics_backends():
        import {commands}

        class SecondBackend(ProtocolBackend):
            responders = []
            responder = appender(responders)

            @responder({commands}.SecondEcho)
            def echo(self, text):
                return {{"text": text}}

        return [SecondBackend]
"""


@pytest.fixture
def two_plugins(fake_plugins, gui_display):
    commands = f"second_commands_{next(_numbers)}"
    (fake_plugins.folder / f"{commands}.py").write_text(SECOND_COMMANDS, encoding="utf-8")
    first = importlib.import_module(fake_plugins.add("pygraphics-firstask", FIRST_PLUGIN))
    fake_plugins.add("pygraphics-secondecho", SECOND_PLUGIN.format(commands=commands))
    previous = client.use_connection(None)
    yield first, commands
    current = client.use_connection(previous)
    if current is not None:
        gui_process.stop_process(current.process)


def test_the_first_command_is_answered_before_other_plugins_commands_are_imported(two_plugins):
    first, commands = two_plugins
    assert client.callRemote(first.FirstAsk, module=commands) == {"imported": False}
    # Sent at once after it, another plugin's command is still understood.
    second = importlib.import_module(commands)
    assert client.callRemote(second.SecondEcho, text="right after") == {"text": "right after"}
    assert client.callRemote(first.FirstAsk, module=commands) == {"imported": True}


def test_a_problem_in_another_plugin_is_still_reported_after_the_first_command(
        two_plugins, capsys):
    first, commands = two_plugins
    client.callRemote(first.FirstAsk, module=commands)
    assert client.callRemote(Ping) == {}
    errors = capsys.readouterr().err
    assert "pygraphics-secondecho" in errors and "PyGraphics's own" in errors


def test_without_a_first_command_everything_is_registered_at_the_hello(two_plugins):
    first, commands = two_plugins
    client.connection()  # as the pytest fixtures and `pygraphics call` start one
    assert client.callRemote(first.FirstAsk, module=commands) == {"imported": True}


def test_the_first_backends_other_commands_work_declared_or_not(two_plugins):
    # Loading the first command's backend registers its other responders
    # before the rest of the plugins' commands are.
    first, commands = two_plugins
    client.callRemote(first.FirstAsk, module=commands)
    assert client.callRemote(first.FirstOther) == {"answer": 2}
    assert client.callRemote(first.NotDeclared) == {"answer": 3}
    assert client.callRemote(Ping) == {}
