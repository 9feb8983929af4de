"""What the sound plugin adds to ``media``: playing, stopping, inspecting sounds."""

import atexit
import sys

from pygraphics_core import callRemote
from pygraphics_core.messages import describe
from pygraphics_core.sample_arrays import MAX_SAMPLING_RATE
from pygraphics_core.sounds import Sound
from pygraphics_sound.commands import InspectSound, PlaySound, StopSound, WaitForSounds

# The playings started for each sound (by id(): sounds are unhashable
# because they compare by their samples), so that stop(snd) stops them.
_playbacks_of_sound = {}


def play(snd):
    """Start playing the sound snd, and carry on at once.

    Your program goes on while the sound plays; several sounds can play
    together. Use blocking_play(snd) to wait until it has finished, and
    stop(snd) to stop it early. When your program ends, it waits for its
    sounds to finish.

    >>> media.play(media.create_note('A', 44100))
    """
    _checked_sound(snd, "play")
    play_in_range(snd, 0, -1)


def play_in_range(snd, first, last):
    """Start playing the sound snd from sample index first to last (both included).

    Negative indices count from the end: play_in_range(snd, 0, -1) plays it all.

    >>> snd = media.create_note('A', 44100)
    >>> media.play_in_range(snd, 0, 22049)   # the first half second
    """
    _checked_sound(snd, "play_in_range")
    _start(snd, snd.to_wav_bytes(first, last), wait=False)


def blocking_play(snd):
    """Play the sound snd, and carry on only when it has finished playing.

    >>> media.blocking_play(media.create_note('C', 22050))
    >>> media.blocking_play(media.create_note('E', 22050))   # then this one
    """
    _checked_sound(snd, "blocking_play")
    _start(snd, snd.to_wav_bytes(), wait=True)


def play_at_rate(snd, rate):
    """Start playing the sound snd faster or slower: rate 2 is twice as fast (and higher).

    rate 0.5 is half as fast (and an octave lower); rate 1 is normal.

    >>> snd = media.create_note('A', 44100)
    >>> media.play_at_rate(snd, 1.5)
    """
    _checked_sound(snd, "play_at_rate")
    if isinstance(rate, bool) or not isinstance(rate, (int, float)):
        raise TypeError(f"play_at_rate needs a number for the rate, like 2 or 0.5, "
                        f"not {rate!r}.")
    if not 0 < rate < float("inf"):
        raise ValueError(f"rate={rate!r} cannot be played: use a number above 0 "
                         f"(1 is normal speed, 2 twice as fast, 0.5 half as fast).")
    new_rate = max(1, round(snd.get_sampling_rate() * rate))
    if new_rate > MAX_SAMPLING_RATE:
        fastest = MAX_SAMPLING_RATE // snd.get_sampling_rate()
        raise ValueError(f"rate={rate!r} is too fast to play: this sound has "
                         f"{snd.get_sampling_rate():,} samples per second, so it can be "
                         f"played at most {fastest:,} times as fast.")
    _start(snd, snd.to_wav_bytes(sampling_rate=new_rate), wait=False)


def stop(snd=None):
    """Stop playing the sound snd; with no sound given, stop every sound.

    >>> snd = media.create_note('A', 441000)   # ten seconds
    >>> media.play(snd)
    >>> media.stop(snd)
    """
    if snd is None:
        _playbacks_of_sound.clear()
        callRemote(StopSound)
        return
    for playback in _playbacks_of_sound.pop(id(snd), ()):
        callRemote(StopSound, playback=playback)


def inspect_sound(snd):
    """Open a window that shows the waves of the sound snd.

    In it you can zoom in and out, see the index and the value of the
    sample under the mouse pointer, select part of the sound by dragging
    across it, and play the selection or the whole sound.

    >>> media.inspect_sound(media.create_note('A', 2000))
    """
    _checked_sound(snd, "inspect_sound")
    title = f"Sound: {snd.get_filename()}" if snd.get_filename() else "Sound"
    callRemote(InspectSound, wav=snd.to_wav_bytes(), title=title)


def _start(snd, wav, wait):
    playback = callRemote(PlaySound, wav=wav, wait=wait)["playback"]
    if not wait:
        _playbacks_of_sound.setdefault(id(snd), []).append(playback)
        _wait_at_exit()


def _checked_sound(snd, function_name):
    """Return ``snd`` if it is a Sound, else raise a TypeError a student understands."""
    if not isinstance(snd, Sound):
        raise TypeError(f"{function_name} needs a Sound (from load_sound, create_sound or "
                        f"create_note), not {describe(snd)}.")
    return snd


_waiting_at_exit = False


def _wait_at_exit():
    """Make the program, when it ends, wait for its sounds to finish playing.

    Without this, a program whose last line is play(snd) would end, and
    its sound with it, before anything was heard. Registered on the first
    play, after the connection's own exit handler, so it runs before it.
    """
    global _waiting_at_exit
    if not _waiting_at_exit:
        _waiting_at_exit = True
        atexit.register(_wait_for_sounds)


def _wait_for_sounds():
    from pygraphics_core import client

    # Look at the connection without starting a GUI process: if there is
    # none (or it has ended), nothing is playing.
    current = client.use_connection(None)
    client.use_connection(current)
    if current is None or not getattr(current, "is_alive", True):
        return
    try:
        state = current.callRemote(WaitForSounds, wait=False)
        if state["playing"]:
            # Even a sound whose length has passed may not have reached the
            # loudspeaker yet (the player is still starting): wait for it.
            if state["seconds_left"] >= 0.5:
                print(f"PyGraphics: your program has finished; its sound plays to the end "
                      f"({state['seconds_left']:.1f} s more; Ctrl+C stops it).",
                      file=sys.stderr)
            current.callRemote(WaitForSounds, wait=True)
    except KeyboardInterrupt:
        pass
    except Exception:  # the GUI process has gone, and its sounds with it
        pass
