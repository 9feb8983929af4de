"""A student's program plays sounds through the real GUI process and a real
player (aplay, through ALSA); the test hears what reached the sound card."""

import time

from media import create_note
from pygraphics_core.pytest_plugin import process_is_running, wait_until_ended

STUDENT_SETUP = """
import time
import media
from media import *
"""


def sound_values(snd):
    return list(snd._values)


def test_blocking_play_plays_every_sample_exactly(gui_display, sound_card, student):
    program = student(STUDENT_SETUP + """
snd = create_note('A', 4410, channels=1, amplitude=12000)
media.blocking_play(snd)
print('PLAYED', flush=True)
""")
    program.expect("PLAYED")
    played = sound_card.played()
    expected = sound_values(create_note("A", 4410, channels=1, amplitude=12000))
    assert max(expected) > 11000  # not silence: the comparison below means something
    assert (played.channels, played.sampling_rate, played.bits) == (1, 44100, 16)
    # The device pads the end with silence to a whole period.
    assert list(played.values[:4410]) == expected
    assert set(played.values[4410:]) <= {0}


def test_a_stereo_sound_changed_in_a_loop_is_played_as_changed(gui_display, sound_card, student):
    program = student(STUDENT_SETUP + """
snd = create_sound(1000, sampling_rate=22050)
for sample in snd:
    set_values(sample, get_index(sample) * 10, -get_index(sample))
media.blocking_play(snd)
print('PLAYED', flush=True)
""")
    program.expect("PLAYED")
    played = sound_card.played()
    assert (played.channels, played.sampling_rate) == (2, 22050)
    assert list(played.values[:2000]) == [v for i in range(1000) for v in (i * 10, -i)]


def test_play_in_range_plays_just_that_part(gui_display, sound_card, student):
    program = student(STUDENT_SETUP + """
snd = create_sound(100, channels=1)
for sample in snd:
    set_value(sample, get_index(sample))
media.play_in_range(snd, 10, 19)
print('STARTED', flush=True)
""")
    program.expect("STARTED")
    played = sound_card.played()
    assert list(played.values[:10]) == list(range(10, 20))


def test_play_at_rate_keeps_the_samples_and_changes_the_speed(gui_display, sound_card, student):
    program = student(STUDENT_SETUP + """
snd = create_note('C', 2000, channels=1, sampling_rate=22050)
media.play_at_rate(snd, 2)
print('STARTED', flush=True)
""")
    program.expect("STARTED")
    played = sound_card.played()
    assert played.sampling_rate == 44100
    expected = sound_values(create_note("C", 2000, channels=1, sampling_rate=22050))
    assert list(played.values[:2000]) == expected


def test_play_returns_at_once_and_blocking_play_waits(gui_display, sound_card, student,
                                                      slow_player, monkeypatch):
    command, pid_file = slow_player(1.5)
    monkeypatch.setenv("PYGRAPHICS_SOUND_PLAYER", command)
    program = student(STUDENT_SETUP + """
snd = create_note('A', 441)
media.stop()  # starts the GUI process, so that what is timed below is playing alone
start = time.monotonic()
media.play(snd)
print('PLAY TOOK', time.monotonic() - start, flush=True)
start = time.monotonic()
media.blocking_play(snd)
print('BLOCKING PLAY TOOK', time.monotonic() - start, flush=True)
""")
    assert float(program.expect("PLAY TOOK")) < 1.0
    assert float(program.expect("BLOCKING PLAY TOOK", timeout=30)) >= 1.5
    assert sound_card.played().channels == 2


def test_stop_ends_the_player_before_it_plays(gui_display, sound_card, student, slow_player,
                                              monkeypatch):
    command, pid_file = slow_player(30)
    monkeypatch.setenv("PYGRAPHICS_SOUND_PLAYER", command)
    program = student(STUDENT_SETUP + """
snd = create_note('A', 44100)
media.play(snd)
print('PLAYING', flush=True)
input()
media.stop(snd)
print('STOPPED', flush=True)
input()
""")
    program.expect("PLAYING")
    deadline = time.monotonic() + 10
    while not pid_file.exists() or not pid_file.read_text().strip():
        assert time.monotonic() < deadline, "the player never started"
        time.sleep(0.02)  # the player starts in another process
    player = int(pid_file.read_text())
    assert process_is_running(player)
    program.send("")
    program.expect("STOPPED")
    assert wait_until_ended(player, timeout=10)
    assert not sound_card.output.exists()
    program.send("")


def test_stop_with_no_sound_stops_every_sound(gui_display, sound_card, student, slow_player,
                                              monkeypatch):
    command, pid_file = slow_player(30)
    monkeypatch.setenv("PYGRAPHICS_SOUND_PLAYER", command)
    program = student(STUDENT_SETUP + """
media.play(create_note('A', 44100))
print('PLAYING', flush=True)
input()
media.stop()
print('STOPPED', flush=True)
input()
""")
    program.expect("PLAYING")
    deadline = time.monotonic() + 10
    while not pid_file.exists() or not pid_file.read_text().strip():
        assert time.monotonic() < deadline, "the player never started"
        time.sleep(0.02)
    program.send("")
    program.expect("STOPPED")
    assert wait_until_ended(int(pid_file.read_text()), timeout=10)
    program.send("")


def test_a_player_that_fails_is_reported_to_the_student(gui_display, sound_card, student,
                                                        monkeypatch):
    monkeypatch.setenv("PYGRAPHICS_SOUND_PLAYER", "sh -c 'echo no sound card here; exit 3'")
    program = student(STUDENT_SETUP + """
from pygraphics_sound.commands import SoundPlayerError
try:
    media.blocking_play(create_note('A', 441))
except SoundPlayerError as error:
    print('ERROR', error, flush=True)
""")
    error = program.expect("ERROR")
    assert "could not play the sound (exit status 3): no sound card here" in error
    assert "PYGRAPHICS_SOUND_PLAYER" in error


def test_play_without_waiting_still_tells_the_student_when_the_player_fails(
        gui_display, sound_card, student, monkeypatch):
    monkeypatch.setenv("PYGRAPHICS_SOUND_PLAYER", "sh -c 'echo device busy >&2; exit 1'")
    program = student(STUDENT_SETUP + """
media.play(create_note('A', 441))
time.sleep(1)  # give the player time to fail; its message arrives meanwhile
media.stop()
print('DONE', flush=True)
""")
    program.expect("DONE")
    assert program.wait() == 0
    errors = program.errors()
    assert "PyGraphics: The sound player 'sh' could not play the sound" in errors
    assert "device busy" in errors


def test_sound_methods_play_as_in_2_1(gui_display, sound_card, student):
    program = student(STUDENT_SETUP + """
snd = create_sound(50, channels=1)
for sample in snd:
    set_value(sample, 100 + get_index(sample))
snd.play()
print('STARTED', flush=True)
""")
    program.expect("STARTED")
    assert list(sound_card.played().values[:50]) == list(range(100, 150))



def test_a_program_whose_last_line_is_play_is_heard_to_the_end(gui_display, sound_card, student,
                                                              slow_player, monkeypatch):
    command, pid_file = slow_player(1)
    monkeypatch.setenv("PYGRAPHICS_SOUND_PLAYER", command)
    program = student(STUDENT_SETUP + """
snd = create_note('G', 44100, channels=1)
media.play(snd)
""")
    assert program.wait(timeout=30) == 0
    assert "its sound plays to the end" in program.errors()
    expected = sound_values(create_note("G", 44100, channels=1))
    assert list(sound_card.played().values[:44100]) == expected


def test_play_refuses_what_is_not_a_sound(gui_display, sound_card, student):
    program = student(STUDENT_SETUP + """
try:
    media.play('song.wav')
except TypeError as error:
    print('ERROR', error, flush=True)
""")
    assert program.expect("ERROR") == ("play needs a Sound (from load_sound, create_sound or "
                                       "create_note), not 'song.wav' (a str).")
