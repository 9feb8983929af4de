"""The AMP commands of the sound plugin, and the errors they carry back."""

from pygraphics_core import amp


class SoundPlayerError(RuntimeError):
    """The computer's sound player could not play a sound (the message says why)."""


class PlaySound(amp.Command):
    """Play a WAV file's bytes; answer at once, or when it has finished if ``wait``.

    The answer's ``playback`` number identifies this playing for StopSound.
    """

    # BigString: a sound is usually far larger than one AMP value (64 KiB).
    arguments = [("wav", amp.BigString()), ("wait", amp.Boolean())]
    response = [("playback", amp.Integer())]
    errors = {SoundPlayerError: "SOUND_PLAYER", TimeoutError: "SOUND_TIMEOUT"}


class StopSound(amp.Command):
    """Stop one playing (its ``playback`` number), or every sound if none is given."""

    arguments = [("playback", amp.Integer(optional=True))]
    response = []


class InspectSound(amp.Command):
    """Open a sound inspector window on a WAV file's bytes."""

    arguments = [("wav", amp.BigString()), ("title", amp.Unicode())]
    response = []


class WaitForSounds(amp.Command):
    """Answer once every sound playing has finished (bounded by their lengths).

    The student's process sends it as the program ends, so that a program
    whose last line is ``media.play(snd)`` is heard to the end. With
    ``wait`` false it answers at once: how many sounds are playing, and how
    long the longest should still play.
    """

    arguments = [("wait", amp.Boolean())]
    response = [("playing", amp.Integer()), ("seconds_left", amp.Float())]
