"""The GUI process of PyGraphics, and what plugins use to build its windows.

Every PyGraphics window lives in one separate process per student program,
``python -m pygraphics_gui``, which runs Tk and answers AMP commands from
the student's process (see :mod:`pygraphics_gui.server`). Plugins use:

- :class:`ProtocolBackend` and :func:`appender`: a class whose methods
  answer commands (``@responder(Say)``);
- :class:`pygraphics_gui.windows.Window`: the window class, centred and
  counted, so that the process lives while a window is open.
"""

from pygraphics_gui.backends import ProtocolBackend, appender

__all__ = ["ProtocolBackend", "appender"]
