"""Broken plugins in the GUI process: each is named with its cause; the others work."""

import importlib
import time

import pytest

from pygraphics_core import amp, callRemote
from pygraphics_core.core_commands import Ping

GOOD = """
    from pygraphics_core import amp, hookimpl
    from pygraphics_gui import ProtocolBackend, appender

    class GoodCommand(amp.Command):
        arguments = []
        response = [("answer", amp.Integer())]

    class Backend(ProtocolBackend):
        responders = []
        responder = appender(responders)

        @responder(GoodCommand)
        def good(self):
            return {"answer": 42}

    @hookimpl
    def pygraphics_commands():
        return [GoodCommand]

    @hookimpl
    def pygraphics_backends():
        return [Backend]
"""

# Answers GoodCommand too: the second claim on one command name.
RIVAL = """
    from pygraphics_core import hookimpl
    from pygraphics_gui import ProtocolBackend, appender
    from {good} import GoodCommand

    class RivalBackend(ProtocolBackend):
        responders = []
        responder = appender(responders)

        @responder(GoodCommand)
        def good(self):
            return {{"answer": -1}}

    @hookimpl
    def pygraphics_backends():
        return [RivalBackend]
"""

BROKEN_IMPORT = """
    import a_module_that_is_not_installed
"""

BACKEND_RAISES = """
    from pygraphics_core import hookimpl
    from pygraphics_gui import ProtocolBackend

    class FragileBackend(ProtocolBackend):
        def __init__(self):
            raise RuntimeError("no sound card")

    @hookimpl
    def pygraphics_backends():
        return [FragileBackend]
"""


@pytest.fixture
def troubled_plugins(fake_plugins):
    # Distribution names sort so that the good plugin is found first.
    good = fake_plugins.add("pygraphics-aaa-good", GOOD)
    fake_plugins.add("pygraphics-zzz-rival", RIVAL.format(good=good))
    fake_plugins.add("pygraphics-broken", BROKEN_IMPORT)
    fake_plugins.add("pygraphics-fragile", BACKEND_RAISES)
    return importlib.import_module(good)


def test_each_problem_is_reported_by_plugin_name_and_the_good_plugin_works(
        troubled_plugins, gui_cleanup, capsys):
    assert callRemote(troubled_plugins.GoodCommand) == {"answer": 42}
    # The other plugins' backends load a moment after the first call; their
    # problems arrive, as printed output, with the answer of a later call.
    errors = ""
    deadline = time.monotonic() + 10
    while errors.count("PluginWarning") < 3 and time.monotonic() < deadline:
        callRemote(Ping)
        errors += capsys.readouterr().err
    problems = [line for line in errors.splitlines() if line.startswith("PluginWarning")]
    assert any("'pygraphics-broken'" in line and "could not be imported" in line
               and "a_module_that_is_not_installed" in line for line in problems), errors
    assert any("'pygraphics-fragile'" in line and "FragileBackend" in line
               and "no sound card" in line for line in problems), errors
    assert any("'pygraphics-zzz-rival'" in line and "'pygraphics-aaa-good'" in line
               and "'GoodCommand'" in line for line in problems), errors
    # Say, from a real installed plugin, still works beside them.
    from pygraphics_say.commands import Say
    assert callRemote(Say, text="I still work") == {}
