"""The core of PyGraphics: everything that runs in the student's process.

It holds the AMP protocol, the commands and plugin hooks, and the pictures,
colours and sounds that :mod:`media` hands to students. It never imports
Tk: windows live in the GUI process (:mod:`pygraphics_gui`) and in plugins.

Two names are exported for plugin authors (loaded on first use, so that
``import media`` stays fast):

- :func:`callRemote` (from :mod:`pygraphics_core.client`): send a command
  to the GUI process and return its answer;
- :data:`hookimpl` (from :mod:`pygraphics_core.hookspecs`): mark a plugin's
  hook functions.
"""

__all__ = ["callRemote", "hookimpl"]


def __getattr__(name):
    if name == "callRemote":
        from pygraphics_core.client import callRemote

        return callRemote
    if name == "hookimpl":
        from pygraphics_core.hookspecs import hookimpl

        return hookimpl
    raise AttributeError(f"module 'pygraphics_core' has no attribute '{name}'")
