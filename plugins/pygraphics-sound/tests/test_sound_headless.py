"""With no screen (autograders), sounds are recorded instead of played, and a
grader can check exactly what the student's program played."""

import pytest

from pygraphics_core import headless
from media import create_note
from pygraphics_core.sounds import Sound
from pygraphics_core.wav_files import parse_wav
from pygraphics_sound import front_end


@pytest.fixture
def session():
    recorded = headless.enable()
    yield recorded
    headless.disable()


def played_sound(record):
    contents = parse_wav(record.arguments["wav"])
    return Sound.from_values(contents.values, contents.channels, contents.sampling_rate)


def test_a_grader_sees_each_sound_played_and_whether_it_was_waited_for(session):
    note = create_note("E", 2205)
    front_end.play(note)
    front_end.blocking_play(note * 2)
    front_end.stop(note)
    plays = session.calls("play_sound")
    assert [record.arguments["wait"] for record in plays] == [False, True]
    assert played_sound(plays[0]) == note
    assert played_sound(plays[1]) == note * 2
    assert plays[1].text == "0.10 seconds, waited for"
    assert len(session.calls("stop")) == 1


def test_play_in_range_and_inspect_are_recorded(session):
    note = create_note("C", 1000)
    front_end.play_in_range(note, 100, 199)
    front_end.inspect_sound(note)
    piece = note.copy()
    piece.crop(100, 199)
    assert played_sound(session.calls("play_sound")[0]) == piece
    assert session.calls("inspect_sound")[0].text == "Sound"


@pytest.mark.parametrize("rate,error", [("fast", TypeError), (0, ValueError), (-1, ValueError)])
def test_play_at_rate_explains_a_wrong_rate(session, rate, error):
    with pytest.raises(error, match="rate"):
        front_end.play_at_rate(create_note("C", 100), rate)


def test_play_at_rate_explains_a_rate_too_fast_to_play(session):
    # 44,100 x 100 samples per second: more than any WAV file may have.
    with pytest.raises(ValueError, match="at most 34 times as fast"):
        front_end.play_at_rate(create_note("C", 100), 100)
    assert session.calls("play_sound") == []
