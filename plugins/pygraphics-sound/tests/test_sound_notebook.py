"""Sounds in a notebook with no screen: players in the cell's output, made compact so
that a long sound does not make a huge notebook (a real Jupyter kernel)."""

import base64
import re
import textwrap

import pytest

from pygraphics_core import notebook_audio
from pygraphics_core.notebook_testing import notebook_kernel  # noqa: F401  (the fixture)
from media import create_note
from pygraphics_core.sounds import Sound
from pygraphics_core.wav_files import parse_wav

from pygraphics_sound.notebook_answers import SOUNDS_LIMIT_BYTES, waves_picture

pytest.importorskip("ipykernel")

THREE_MINUTES_OF_MUSIC = textwrap.dedent("""
    import media
    note = media.create_note('A', 44100)          # 1 second, stereo, 44,100 per second
    song = note * 180                             # 3 minutes: a 31.7 MB WAV file
""")


def wav_in(html):
    [encoded] = re.findall(r'src="data:audio/wav;base64,([A-Za-z0-9+/=]+)"', html)
    return base64.b64decode(encoded)


def notebook_size(tmp_path, code, run):
    """The size of a saved notebook holding the cell and its outputs, as Jupyter writes it."""
    import nbformat

    cell = nbformat.v4.new_code_cell(code)
    cell.outputs = [nbformat.v4.new_output("display_data", data=content["data"],
                                           metadata=content.get("metadata", {}))
                    for content in run.displays]
    path = tmp_path / "lab.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), str(path))
    return path.stat().st_size


def test_playing_a_three_minute_sound_keeps_the_notebook_small(notebook_kernel, tmp_path):
    run = notebook_kernel.run(THREE_MINUTES_OF_MUSIC + "media.play(song)\n", timeout=120).check()
    [player] = run.displays
    html = player["data"]["text/html"]
    assert " autoplay " in html
    contents = parse_wav(wav_in(html))
    assert len(contents.values) / contents.sampling_rate == pytest.approx(180, abs=0.01)
    assert (contents.channels, contents.sampling_rate) == (1, 11025)
    assert "Played here as mono, 11,025 samples per second, 8-bit" in html
    assert "3 min 0 s, stereo, 44,100 samples per second, 16-bit" in html
    size = notebook_size(tmp_path, THREE_MINUTES_OF_MUSIC, run)
    assert size < 2.8e6  # it was 42 MB


def test_a_sound_as_the_last_line_of_a_cell_is_compact_too(notebook_kernel, tmp_path):
    run = notebook_kernel.run(THREE_MINUTES_OF_MUSIC + "song\n", timeout=120).check()
    [result] = run.of_type("execute_result")
    assert len(result["data"]["text/html"]) < 2.8e6


def test_a_very_long_sound_is_cut_and_says_so(notebook_kernel):
    run = notebook_kernel.run(THREE_MINUTES_OF_MUSIC + "media.play(song * 4)\n",
                              timeout=120).check()
    html = run.displays[0]["data"]["text/html"]
    assert "Only the first 4 min 10 s of this 12 min 0 s sound is in the notebook" in html
    assert len(wav_in(html)) <= notebook_audio.EMBED_LIMIT_BYTES


def test_stop_takes_the_player_out_and_blocking_play_waits(notebook_kernel):
    run = notebook_kernel.run(textwrap.dedent("""
        import time
        snd = media.create_note('C', 22050)
        media.play(snd)
        media.stop(snd)
        started = time.monotonic()
        media.blocking_play(snd)
        print(round(time.monotonic() - started, 1))
    """)).check()
    first, second = run.displays
    [stopped] = run.updates
    assert stopped["transient"] == first["transient"]
    assert stopped["data"]["text/plain"] == "Note: Stopped (media.stop)."
    assert "<audio" in second["data"]["text/html"]
    assert run.stdout == "0.5\n"


def test_the_oldest_players_leave_the_notebook_when_there_are_too_many(notebook_kernel):
    count = SOUNDS_LIMIT_BYTES // 1_323_044 + 2    # 30 s of stereo: 1.3 MB each, compact
    run = notebook_kernel.run(textwrap.dedent(f"""
        long_note = media.create_note('E', 44100) * 30
        for _ in range({count}):
            media.play(long_note)
    """), timeout=120).check()
    assert len(run.displays) == count
    taken_out = run.updates
    assert len(taken_out) >= 2
    assert all("taken out of the notebook" in update["data"]["text/plain"]
               for update in taken_out)


def test_inspect_sound_draws_the_waves_with_a_player(notebook_kernel):
    run = notebook_kernel.run("media.inspect_sound(media.create_note('A', 4410))").check()
    [shown] = run.displays
    html = shown["data"]["text/html"]
    assert "data:image/png;base64," in html and "<audio controls" in html
    assert " autoplay" not in html


# -- compact sound, without a kernel --------------------------------------------------

def test_a_short_sound_goes_in_unchanged():
    wav = create_note("A", 4410).to_wav_bytes()
    compact = notebook_audio.compact_wav(wav)
    assert compact.wav == wav and compact.note == ""


@pytest.mark.parametrize("seconds, form", [(30, (1, 22050, 16)), (60, (1, 16000, 16)),
                                           (90, (1, 11025, 16)), (180, (1, 11025, 8))])
def test_each_length_gets_the_best_form_that_fits(seconds, form):
    snd = create_note("A", 44100) * seconds
    compact = notebook_audio.compact_wav(snd.to_wav_bytes())
    contents = parse_wav(compact.wav)
    assert (contents.channels, contents.sampling_rate, contents.values.itemsize * 8) == form
    assert len(compact.wav) <= notebook_audio.EMBED_LIMIT_BYTES
    assert compact.seconds_kept == compact.seconds == pytest.approx(seconds)


def test_mixing_down_and_resampling_keep_the_wave():
    # A 441 Hz tone resampled from 44,100 to 22,050: every 50th sample is a
    # period, and left + right (equal) mix to the same values.
    snd = create_note("A", 44100) * 30
    compact = notebook_audio.compact_wav(snd.to_wav_bytes())
    contents = parse_wav(compact.wav)
    original = [snd.get_sample(index * 2).get_left() for index in range(1000, 1100)]
    resampled = list(contents.values[1000:1100])
    peak = max(abs(value) for value in original)
    assert max(resampled) == pytest.approx(max(original), rel=0.05)
    assert max(abs(a - b) for a, b in zip(original, resampled)) < 0.1 * peak


def test_the_waves_picture_has_one_lane_per_channel():
    picture = waves_picture(create_note("A", 2000).to_wav_bytes())
    assert picture.size == (720, 2 * 90 + 18)
    assert Sound  # the module under test is the plugin's
