"""The hooks that make the sound plugin part of PyGraphics (see ``setup.cfg``)."""

from pygraphics_core import hookimpl


@hookimpl
def pygraphics_commands():
    from pygraphics_sound.commands import InspectSound, PlaySound, StopSound, WaitForSounds

    return [PlaySound, StopSound, InspectSound, WaitForSounds]


@hookimpl
def pygraphics_backends():
    # Imported here: only the GUI process loads Tk.
    from pygraphics_sound.backend import SoundBackend

    return [SoundBackend]


@hookimpl
def pygraphics_media_functions():
    from pygraphics_sound import front_end

    return {name: getattr(front_end, name) for name in (
        "play", "blocking_play", "play_in_range", "play_at_rate", "stop", "inspect_sound")}


@hookimpl
def pygraphics_headless_responders():
    from pygraphics_sound.commands import InspectSound, PlaySound, StopSound, WaitForSounds
    from pygraphics_sound.headless import answer_inspect, answer_play, answer_stop

    return {PlaySound: answer_play, StopSound: answer_stop, InspectSound: answer_inspect,
            WaitForSounds: lambda session, wait: {"playing": 0, "seconds_left": 0.0}}


@hookimpl
def pygraphics_notebook_responders():
    from pygraphics_sound.notebook_answers import NOTEBOOK_RESPONDERS

    return dict(NOTEBOOK_RESPONDERS)
