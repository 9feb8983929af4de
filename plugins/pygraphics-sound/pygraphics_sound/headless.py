"""The sound plugin without a screen (autograders): sounds are recorded, not played.

A grading script finds each played sound in the session's records
(``session.calls("play_sound")``), with the WAV file's bytes and whether the
student waited for it, so it can check what the student's program played.
"""

from pygraphics_core.wav_files import parse_wav

_next_playback = iter(range(1, 2**31))


def answer_play(session, wav, wait):
    contents = parse_wav(wav, name="the sound to play")
    seconds = len(contents.values) / contents.channels / contents.sampling_rate
    session.record("play_sound", command="PlaySound",
                   text=f"{seconds:.2f} seconds" + (", waited for" if wait else ""),
                   arguments={"wav": wav, "wait": wait})
    return {"playback": next(_next_playback)}


def answer_stop(session, playback=None):
    session.record("stop", command="StopSound", arguments={"playback": playback})
    return {}


def answer_inspect(session, wav, title):
    session.record("inspect_sound", command="InspectSound", text=title,
                   arguments={"wav": wav})
    return {}
