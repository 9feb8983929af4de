"""The core of PyGraphics: everything that runs in the student's process.

It holds the AMP protocol, the commands and plugin hooks, and the pictures,
colours and sounds that :mod:`media` hands to students. It never imports
Tk: windows live in the GUI process (:mod:`pygraphics_gui`) and in plugins.

Two names are exported for plugin authors (loaded on first use, so that
``import media`` stays fast):

- :func:`callRemote`: send a command to the GUI process and return its
  answer (:mod:`pygraphics_core.client` loads on the first call);
- :data:`hookimpl` (from :mod:`pygraphics_core.hookspecs`): mark a plugin's
  hook functions.
"""

__all__ = ["callRemote", "hookimpl"]


def callRemote(command, **kwargs):
    """Send an AMP command to the GUI process and return its answer.

    ``callRemote(Say, text="Hello")`` returns the dict the command's
    responder returned; the first call starts the GUI process. See
    :func:`pygraphics_core.client.callRemote`, which this calls: a plugin's
    front-end module can import this name at its top, and ``import media``
    (which imports every plugin's front end) still loads none of the
    connection's machinery until a window is needed.
    """
    from pygraphics_core.client import callRemote

    return callRemote(command, **kwargs)


def __getattr__(name):
    if name == "hookimpl":
        from pygraphics_core.hookspecs import hookimpl

        return hookimpl
    raise AttributeError(f"module 'pygraphics_core' has no attribute '{name}'")
