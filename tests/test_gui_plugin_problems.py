"""Broken plugins, in the student's process and the GUI process: each is named with its
cause, once, and the others work."""

import importlib

import pytest

from pygraphics_core import amp, callRemote, plugins
from pygraphics_core.core_commands import Ping
from pygraphics_core.plugins import PluginWarning

GOOD = """
    from pygraphics_core import amp, hookimpl
    from pygraphics_gui import ProtocolBackend, appender

    class GoodCommand(amp.Command):
        arguments = []
        response = [("answer", amp.Integer())]

    class QuitCommand(amp.Command):
        arguments = []
        response = []

    class Backend(ProtocolBackend):
        responders = []
        responder = appender(responders)

        @responder(GoodCommand)
        def good(self):
            return {"answer": 42}

        @responder(QuitCommand)
        def quit(self):
            exit()

    @hookimpl
    def pygraphics_commands():
        return [GoodCommand, QuitCommand]

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


EXITS_AT_IMPORT = """
    import sys
    sys.exit("this plugin is not for this computer")
"""

EXITS_IN_ITS_HOOK = """
    from pygraphics_core import hookimpl

    @hookimpl
    def pygraphics_backends():
        raise SystemExit(3)
"""

BACKEND_EXITS = """
    from pygraphics_core import hookimpl
    from pygraphics_gui import ProtocolBackend

    class QuittingBackend(ProtocolBackend):
        def __init__(self):
            exit()

    @hookimpl
    def pygraphics_backends():
        return [QuittingBackend]
"""


@pytest.fixture
def troubled_plugins(fake_plugins):
    good = fake_plugins.add("pygraphics-aaa-good", GOOD)
    fake_plugins.add("pygraphics-zzz-rival", RIVAL.format(good=good))
    fake_plugins.add("pygraphics-broken", BROKEN_IMPORT)
    fake_plugins.add("pygraphics-fragile", BACKEND_RAISES)
    fake_plugins.add("pygraphics-exits-at-import", EXITS_AT_IMPORT)
    fake_plugins.add("pygraphics-exits-in-hook", EXITS_IN_ITS_HOOK)
    fake_plugins.add("pygraphics-backend-exits", BACKEND_EXITS)
    return importlib.import_module(good)


def test_each_problem_is_reported_once_by_plugin_name_and_the_other_plugins_work(
        troubled_plugins, gui_cleanup, capsys):
    from pygraphics_say.commands import Say

    # The student's process loads the plugins (as import media does) and
    # reports what it finds: plugins that cannot be imported, exit() included.
    with pytest.warns(PluginWarning) as student_side:
        plugins.registry()
    student_problems = [str(warning.message) for warning in student_side]
    assert any("'pygraphics-broken'" in line and "could not be imported" in line
               and "a_module_that_is_not_installed" in line for line in student_problems)
    assert any("'pygraphics-exits-at-import'" in line and "SystemExit" in line
               and "not for this computer" in line for line in student_problems)

    # The GUI process registers every backend when the student connects,
    # and reports, on the student's terminal, what only it can find.
    assert callRemote(Say, text="I still work") == {}
    gui_side = [line for line in capsys.readouterr().err.splitlines()
                if line.startswith("PluginWarning")]
    assert any("'pygraphics-fragile'" in line and "FragileBackend" in line
               and "no sound card" in line for line in gui_side), gui_side
    assert any("'pygraphics-exits-in-hook'" in line and "pygraphics_backends()" in line
               and "SystemExit(3)" in line for line in gui_side), gui_side
    assert any("'pygraphics-backend-exits'" in line and "QuittingBackend" in line
               and "SystemExit" in line for line in gui_side), gui_side
    assert any("'pygraphics-aaa-good'" in line and "'pygraphics-zzz-rival'" in line
               and "'GoodCommand'" in line for line in gui_side), gui_side
    # Each once: the GUI process does not repeat what the student's process said.
    assert not any("could not be imported" in line for line in gui_side), gui_side
    assert len(gui_side) == len(set(gui_side)) == 4, gui_side

    # Two plugins answer GoodCommand: neither does, and the caller is told why.
    with pytest.raises(amp.AMPError, match="pygraphics-zzz-rival.*none of them does"):
        callRemote(troubled_plugins.GoodCommand)
    # A responder that calls exit() fails that one call, and is named.
    with pytest.raises(amp.AMPError, match=r"QuitCommand called exit\(None\)") as raised:
        callRemote(troubled_plugins.QuitCommand)
    assert "The PyGraphics plugin 'pygraphics-aaa-good'" in str(raised.value)
    # The GUI process lived through every exit(): its windows still open.
    assert callRemote(Say, text="Still here") == {}
    assert callRemote(Ping) == {}
