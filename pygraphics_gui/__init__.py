"""The GUI process of PyGraphics, and what plugins use to build its windows.

Every PyGraphics window lives in one separate process per student program,
``python -m pygraphics_gui``, which runs Tk and answers AMP commands from
the student's process (see :mod:`pygraphics_gui.server`). Plugins use:

- :class:`ProtocolBackend` and :func:`appender`: a class whose methods
  answer commands (``@responder(Say)``);
- :class:`pygraphics_gui.windows.Window`: the window class, centred and
  counted, so that the process lives while a window is open.
"""

__all__ = ["ProtocolBackend", "appender"]


def __getattr__(name):
    # Imported on first use, not with the package: ``python -m
    # pygraphics_gui`` imports this package first, and the GUI process
    # should reach Tk as soon as it can.
    if name in __all__:
        from pygraphics_gui import backends

        return getattr(backends, name)
    raise AttributeError(f"module 'pygraphics_gui' has no attribute '{name}'")
