"""The hooks that make the pickers plugin part of PyGraphics (see ``setup.cfg``)."""

from pygraphics_core import hookimpl


@hookimpl
def pygraphics_commands():
    from pygraphics_pickers.commands import COMMANDS

    return list(COMMANDS)


@hookimpl
def pygraphics_backends():
    # Imported here: only the GUI process loads Tk.
    from pygraphics_pickers.backend import PickersBackend

    return [PickersBackend]


@hookimpl
def pygraphics_media_functions():
    from pygraphics_pickers import front_end

    return {name: getattr(front_end, name) for name in front_end.__all__}


@hookimpl
def pygraphics_headless_responders():
    from pygraphics_pickers.headless_answers import RESPONDERS

    return dict(RESPONDERS)


@hookimpl
def pygraphics_notebook_responders():
    from pygraphics_pickers.notebook_answers import NOTEBOOK_RESPONDERS

    return dict(NOTEBOOK_RESPONDERS)
