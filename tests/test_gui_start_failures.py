"""When no window can open, the student is told why at once, in plain words."""

import time

import pytest

from pygraphics_core import client, gui_process
from pygraphics_core.core_commands import Ping


@pytest.fixture
def fresh_client():
    previous = client.use_connection(None)
    yield
    current = client.use_connection(previous)
    assert current is None, "no connection should have been made"


def test_no_display_is_reported_promptly_and_plainly(fresh_client, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("PYGRAPHICS_HEADLESS", raising=False)
    started = time.monotonic()
    with pytest.raises(gui_process.GUIUnavailableError) as raised:
        client.callRemote(Ping)
    assert time.monotonic() - started < 5
    message = str(raised.value)
    assert message.startswith("PyGraphics could not open a window: there is no display "
                              "($DISPLAY is not set).")
    assert "Xvfb" in message
    assert isinstance(raised.value, RuntimeError)


def test_an_unreachable_display_is_named(fresh_client, monkeypatch):
    monkeypatch.setenv("DISPLAY", ":987")
    monkeypatch.delenv("PYGRAPHICS_HEADLESS", raising=False)
    with pytest.raises(gui_process.GUIUnavailableError) as raised:
        client.callRemote(Ping)
    assert "':987'" in str(raised.value) and "cannot be reached" in str(raised.value)


def test_a_gui_process_that_dies_while_starting_is_reported_promptly(
        fresh_client, monkeypatch, tmp_path):
    # The GUI process crashes before it can report: Python runs
    # sitecustomize at start-up, before pygraphics_gui.
    (tmp_path / "sitecustomize.py").write_text("import os\nos._exit(7)\n")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    monkeypatch.delenv("PYGRAPHICS_HEADLESS", raising=False)
    started = time.monotonic()
    with pytest.raises(gui_process.GUIUnavailableError) as raised:
        client.callRemote(Ping)
    assert time.monotonic() - started < 5
    assert "stopped while starting (it exited with code 7)" in str(raised.value)


def test_a_gui_process_that_dies_while_loading_plugins_is_reported_promptly(
        fresh_client, fake_plugins, monkeypatch, gui_display):
    # A plugin that kills the process that imports it, but only the GUI
    # process (the one running its server; not this test's own process).
    fake_plugins.add("pygraphics-deadly", """
        import os, sys
        if "pygraphics_gui.server" in sys.modules and "_pytest" not in sys.modules:
            os._exit(5)
    """)
    monkeypatch.delenv("PYGRAPHICS_HEADLESS", raising=False)
    started = time.monotonic()
    with pytest.raises(gui_process.GUIUnavailableError) as raised:
        client.callRemote(Ping)
    assert time.monotonic() - started < 10
    assert "stopped answering while starting (it exited with code 5)" in str(raised.value)


def test_starting_the_gui_process_by_hand_explains_what_it_is(monkeypatch):
    import subprocess
    import sys

    monkeypatch.delenv(gui_process.SECRET_VARIABLE, raising=False)
    result = subprocess.run([sys.executable, "-m", "pygraphics_gui"], capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 2
    assert "PyGraphics starts it by itself" in result.stderr
    assert "media.say('Hello')" in result.stderr


def test_a_gui_process_that_cannot_load_its_server_says_so(fresh_client, monkeypatch, tmp_path,
                                                           gui_display):
    # The GUI process reports its port as soon as Tk runs, and only then
    # imports its server: a broken installation must still be explained.
    (tmp_path / "sitecustomize.py").write_text(
        "import os, sys\n"
        "if os.environ.get('PYGRAPHICS_GUI_SECRET'):  # the GUI process only\n"
        "    sys.modules['pygraphics_gui.server'] = None\n")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    monkeypatch.delenv("PYGRAPHICS_HEADLESS", raising=False)
    started = time.monotonic()
    with pytest.raises(gui_process.GUIUnavailableError) as raised:
        client.callRemote(Ping)
    assert time.monotonic() - started < 10
    message = str(raised.value)
    assert message.startswith("PyGraphics could not start its window process: ModuleNotFoundError")
    assert "Reinstalling PyGraphics may help." in message


def test_a_students_own_tkinter_py_in_the_current_folder_does_not_break_windows(
        student, gui_display, tmp_path, monkeypatch):
    # Students name their files after what they try out. The GUI process
    # starts in the student's folder, but must import Python's tkinter,
    # not the student's tkinter.py.
    (tmp_path / "tkinter.py").write_text("raise ImportError(\"the student's tkinter.py\")\n")
    monkeypatch.chdir(tmp_path)
    program = student("""
        import media
        media.say("Hello")
        from pygraphics_core import client
        print("GUI", client.connection().process.pid, flush=True)
    """)
    gui_pid = int(program.expect("GUI"))
    program.gui_pids.append(gui_pid)
