"""The GUI process's side of the sound plugin: playing and inspecting sounds."""

import tkinter

from pygraphics_gui import ProtocolBackend, appender
from pygraphics_sound.commands import (
    InspectSound, PlaySound, SoundPlayerError, StopSound, WaitForSounds,
)

# The players and the WAV reader are imported when a command first needs
# them: every plugin's backend is made when the student's program connects,
# before its first window, whichever plugin that is.


def tk_root() -> tkinter.Misc:
    """Return the GUI process's (hidden) root window, which owns Tk's event loop."""
    # pygraphics_gui makes one root before any backend runs; tkinter keeps it
    # as the default master of new widgets.
    return tkinter._get_default_root("play sounds")


class SoundBackend(ProtocolBackend):
    """Plays sounds (PlaySound, StopSound) and opens inspector windows (InspectSound)."""

    responders = []
    responder = appender(responders)

    @responder(PlaySound)
    def play(self, wav, wait):
        from pygraphics_core.wav_files import parse_wav
        from pygraphics_sound import players

        contents = parse_wav(wav, name="the sound to play")
        duration = len(contents.values) / contents.channels / contents.sampling_rate
        root = tk_root()
        finished = tkinter.BooleanVar(root, value=False) if wait else None
        try:
            playback = players.Playback(
                root, wav, duration,
                on_finished=(lambda _playback: finished.set(True)) if wait else _report_failure)
        except players.NoPlayerError as error:
            raise SoundPlayerError(str(error)) from None
        if not wait:
            return {"playback": playback.number}
        # Wait in a nested event loop, so that windows stay alive meanwhile;
        # bounded by the sound's length and a margin for the player.
        deadline = root.after(round((duration + players.START_MARGIN_SECONDS) * 1000),
                              lambda: finished.set(True))
        if not playback.finished:
            root.wait_variable(finished)
        root.after_cancel(deadline)
        if not playback.finished:
            playback.stop()
            raise TimeoutError(f"The sound player did not finish a {duration:.1f}-second "
                               f"sound within {players.START_MARGIN_SECONDS:.0f} seconds more; "
                               f"it was stopped.")
        if playback.error:
            raise SoundPlayerError(playback.error)
        return {"playback": playback.number}

    @responder(StopSound)
    def stop(self, playback=None):
        from pygraphics_sound import players

        if playback is None:
            players.stop_all()
        else:
            for playing in players.playing():
                if playing.number == playback:
                    playing.stop()
        return {}

    @responder(WaitForSounds)
    def wait_for_sounds(self, wait):
        from pygraphics_sound import players

        playing = players.playing()
        seconds_left = max((playback.seconds_left for playback in playing), default=0.0)
        if not playing or not wait:
            return {"playing": len(playing), "seconds_left": seconds_left}
        root = tk_root()
        all_finished = tkinter.BooleanVar(root, value=False)

        def one_finished(_playback):
            if not players.playing():
                all_finished.set(True)

        for playback in playing:
            playback.on_finished = _chain(playback.on_finished, one_finished)
        bound = seconds_left + players.START_MARGIN_SECONDS
        deadline = root.after(round(bound * 1000), lambda: all_finished.set(True))
        if players.playing():
            root.wait_variable(all_finished)
        root.after_cancel(deadline)
        return {"playing": len(players.playing()), "seconds_left": 0.0}

    @responder(InspectSound)
    def inspect(self, wav, title):
        from pygraphics_core.wav_files import parse_wav
        from pygraphics_sound.inspector import SoundInspector

        SoundInspector(parse_wav(wav, name="the sound to inspect"), title)
        return {}


def _chain(first, second):
    """Return a callback that calls ``first`` (if any), then ``second``."""
    def both(playback):
        if first is not None:
            first(playback)
        second(playback)
    return both


def _report_failure(playback) -> None:
    """Tell the student (their terminal gets the GUI process's output) why a sound was silent."""
    if playback.error:
        import sys

        print(f"PyGraphics: {playback.error}", file=sys.stderr)
