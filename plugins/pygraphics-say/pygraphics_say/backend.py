"""The GUI process's side of the say plugin."""

from pygraphics_gui import ProtocolBackend, appender
from pygraphics_say.commands import Say
from pygraphics_say.window import SayWindow


class SayBackend(ProtocolBackend):
    """Opens a :class:`~pygraphics_say.window.SayWindow` for each ``Say``."""

    responders = []
    responder = appender(responders)

    @responder(Say)
    def say(self, text):
        SayWindow(text)
        return {}
