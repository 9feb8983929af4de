"""The hooks that make the say plugin part of PyGraphics (see ``setup.cfg``)."""

from pygraphics_core import hookimpl


@hookimpl
def pygraphics_commands():
    from pygraphics_say.commands import Say

    return [Say]


@hookimpl
def pygraphics_backends():
    # Imported here: only the GUI process loads Tk.
    from pygraphics_say.backend import SayBackend

    return [SayBackend]


@hookimpl
def pygraphics_media_functions():
    from pygraphics_say.front_end import say

    return {"say": say}


@hookimpl
def pygraphics_notebook_responders():
    from pygraphics_say.notebook_answers import NOTEBOOK_RESPONDERS

    return dict(NOTEBOOK_RESPONDERS)
