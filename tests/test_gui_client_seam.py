"""The student's side can talk to something else than a GUI process (headless mode)."""

import sys

import pytest

import pygraphics_core
from pygraphics_core import client, gui_process
from pygraphics_core.core_commands import Ping


class RecordingConnection:
    def __init__(self):
        self.calls = []
        self.closed = False

    def callRemote(self, command, **kwargs):
        self.calls.append((command.commandName, kwargs))
        return {"recorded": True}

    def close(self):
        self.closed = True


@pytest.fixture
def no_connection(monkeypatch):
    previous = client.use_connection(None)
    monkeypatch.delenv("PYGRAPHICS_HEADLESS", raising=False)
    yield
    current = client.use_connection(previous)
    if isinstance(current, client.GUIProcessConnection):
        current.close()
        gui_process.stop_process(current.process)


def test_use_connection_sends_every_call_to_the_object_given(no_connection):
    recorder = RecordingConnection()
    assert client.use_connection(recorder) is None
    assert client.callRemote(Ping) == {"recorded": True}
    assert recorder.calls == [("Ping", {})]
    assert client.use_connection(None) is recorder
    assert not recorder.closed  # handed back as it was


@pytest.mark.parametrize("value", ["1", "yes"])
def test_pygraphics_headless_uses_the_headless_connection_and_starts_no_process(
        no_connection, monkeypatch, value):
    from pygraphics_core import headless

    monkeypatch.setenv("PYGRAPHICS_HEADLESS", value)
    monkeypatch.delenv("DISPLAY", raising=False)  # no GUI process could start anyway
    assert isinstance(client.connection(), headless.HeadlessConnection)


@pytest.mark.parametrize("value", ["", "0"])
def test_pygraphics_headless_empty_or_0_means_windows(no_connection, monkeypatch, value,
                                                     gui_display):
    monkeypatch.setenv("PYGRAPHICS_HEADLESS", value)
    assert isinstance(client.connection(), client.GUIProcessConnection)


def test_headless_mode_without_its_module_is_a_clear_error(no_connection, monkeypatch):
    monkeypatch.setenv("PYGRAPHICS_HEADLESS", "1")
    # As if pygraphics_core/headless.py did not exist.
    monkeypatch.setitem(sys.modules, "pygraphics_core.headless", None)
    monkeypatch.delattr(pygraphics_core, "headless", raising=False)
    with pytest.raises(RuntimeError, match="PYGRAPHICS_HEADLESS is set, but this PyGraphics "
                                           "has no headless mode"):
        client.callRemote(Ping)
