"""The hooks that make the ask plugin part of PyGraphics (see ``setup.cfg``)."""

from pygraphics_core import hookimpl


@hookimpl
def pygraphics_commands():
    from pygraphics_ask.commands import COMMANDS

    return list(COMMANDS)


@hookimpl
def pygraphics_backends():
    # Imported here: only the GUI process loads Tk.
    from pygraphics_ask.backend import AskBackend

    return [AskBackend]


@hookimpl
def pygraphics_media_functions():
    from pygraphics_ask import front_end

    return {name: getattr(front_end, name) for name in front_end.__all__}


@hookimpl
def pygraphics_headless_responders():
    from pygraphics_ask.headless_answers import HEADLESS_RESPONDERS

    return dict(HEADLESS_RESPONDERS)


@hookimpl
def pygraphics_notebook_responders():
    from pygraphics_ask.notebook_answers import NOTEBOOK_RESPONDERS

    return dict(NOTEBOOK_RESPONDERS)
