"""Where Tk cannot watch a socket (Windows), the GUI process polls it, with the same results.

PYGRAPHICS_GUI_SOCKET_WATCH=poll makes the GUI process poll on any
platform, so that this path is tested here too.
"""

import pytest

from pygraphics_core import amp, callRemote
from pygraphics_core.core_commands import Ping
from pygraphics_core.plugins import media_function


@pytest.fixture
def polling_gui_client(monkeypatch, gui_cleanup):
    monkeypatch.setenv("PYGRAPHICS_GUI_SOCKET_WATCH", "poll")
    from pygraphics_core import client

    return client.connection()


class Unanswered(amp.Command):
    arguments = []
    response = []


def test_a_polling_gui_process_answers_shows_windows_and_closes_them(
        polling_gui_client, gui_screen):
    for _ in range(20):
        assert callRemote(Ping) == {}
    media_function("say")("polled")
    (window,) = gui_screen.wait_for_windows("Message", 1)
    with pytest.raises(amp.AMPError, match="UNHANDLED"):
        callRemote(Unanswered)
    gui_screen.press(window, "Escape")
    gui_screen.wait_for_windows("Message", 0)
    assert callRemote(Ping) == {}
