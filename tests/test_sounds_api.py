"""The student's sound API: what a first-month student does with sounds, and
the errors they get when they slip."""

import array
import base64
import math
import pickle
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import media
from media import (
    append, append_silence, concatenate, create_note, create_sound, crop_sound, get_index,
    get_left, get_max_sample, get_min_sample, get_right, get_sample, get_samples,
    get_sampling_rate, get_value, get_values, insert, load_sound, set_left, set_right,
    set_value, set_values,
)
from pygraphics_core import wav_files
from pygraphics_core.sample_arrays import MAX_SAMPLING_RATE, new_sample_array
from pygraphics_core.sounds import MonoSample, Note, Sound, StereoSample


def mono(*values, bits=16, rate=8000):
    return Sound.from_values(new_sample_array(bits, values), 1, rate)


def stereo(*pairs, bits=16, rate=8000):
    return Sound.from_values(new_sample_array(bits, [v for pair in pairs for v in pair]),
                             2, rate)


def mono_values(snd):
    return [get_value(sample) for sample in snd]


# -- the 2.1 lab: make a sound quieter, louder, save it ---------------------------------

def test_a_student_halves_every_sample_saves_and_hears_the_same_thing_back(tmp_path):
    original = create_note("A", 2000, channels=1, sampling_rate=8000)
    snd = original.copy()
    for sample in snd:
        set_value(sample, get_value(sample) * 0.5)
    assert mono_values(snd) == [round(v * 0.5) for v in mono_values(original)]
    snd.save_as(tmp_path / "quiet.wav")
    assert load_sound(tmp_path / "quiet.wav") == snd
    assert mono_values(original) != mono_values(snd)  # the copy was changed, not the original


def test_making_a_sound_louder_clips_at_the_loudest_value_instead_of_wrapping_around():
    snd = mono(20000, -20000, 100)
    for sample in get_samples(snd):
        set_value(sample, get_value(sample) * 2)
    assert mono_values(snd) == [32767, -32768, 200]


@pytest.mark.parametrize("bits,low,high", [(8, -128, 127), (16, -32768, 32767),
                                           (24, -8388608, 8388607),
                                           (32, -2147483648, 2147483647)])
def test_every_sample_size_clips_at_its_own_limits(bits, low, high):
    snd = mono(0, 0, 0, 0, bits=bits)
    samples = get_samples(snd)
    set_value(samples[0], high + 1)
    set_value(samples[1], low - 10**12)
    set_value(samples[2], float(high) + 0.4)
    set_value(samples[3], -math.inf)
    assert mono_values(snd) == [high, low, high, low]


def test_any_kind_of_number_is_accepted_and_rounded():
    from decimal import Decimal
    from fractions import Fraction

    snd = mono(0, 0, 0, 0, 0)
    for sample, value in zip(snd, [True, 2.5, 3.5, Fraction(7, 2), Decimal("-4.6")]):
        set_value(sample, value)
    assert mono_values(snd) == [1, 2, 4, 4, -5]


def test_stereo_samples_have_left_and_right_values():
    snd = stereo((1, 2), (3, 4))
    first, second = get_samples(snd)
    assert isinstance(first, StereoSample)
    assert get_values(first) == (1, 2) and get_left(second) == 3 and get_right(second) == 4
    set_left(first, 10.6)
    set_right(first, 40000)
    set_values(second, -5, 6.2)
    assert [get_values(sample) for sample in snd] == [(11, 32767), (-5, 6)]
    assert [get_index(sample) for sample in snd] == [0, 1]


def test_set_values_changes_nothing_when_one_value_is_wrong():
    sample = get_sample(stereo((1, 2)), 0)
    with pytest.raises(TypeError, match="needs a number"):
        set_values(sample, 5, "loud")
    assert get_values(sample) == (1, 2)


def test_sample_methods_match_the_functions_as_in_2_1():
    snd = stereo((1, 2), (3, 4))
    sample = snd.get_sample(1)
    sample.set_values(7, 8)
    sample.set_left(sample.get_left() + 1)
    sample.set_right(sample.get_right() - 1)
    assert sample.get_values() == (8, 7) and sample.get_index() == 1
    assert str(sample) == "Sample at 1 with left value 8 and right value 7"
    one = mono(5).get_sample(0)
    one.set_value(one.get_value() + 1)
    assert str(one) == "Sample at 0 with value 6" and repr(one) == "<Sample at 0 with value 6>"
    assert isinstance(one, MonoSample) and isinstance(sample, StereoSample)


def test_a_sample_made_by_hand_belongs_to_no_sound_and_says_so():
    for orphan in (MonoSample(), StereoSample()):
        assert "no sound" in str(orphan)
    with pytest.raises(TypeError, match="needs a sample"):
        get_value(MonoSample())


# -- errors a student meets -------------------------------------------------------------

def test_the_mono_functions_on_a_stereo_sample_say_which_to_use():
    with pytest.raises(TypeError, match="stereo sound.*get_left"):
        get_value(get_sample(stereo((1, 2)), 0))
    with pytest.raises(TypeError, match="stereo sound.*set_values"):
        set_value(get_sample(stereo((1, 2)), 0), 3)


# -- 2.1's stereo functions on mono sounds (2.1 made every sound stereo) -----------------

def test_a_mono_sample_answers_the_stereo_functions_with_its_one_value():
    snd = mono(5, -7)
    first, second = get_samples(snd)
    assert (get_left(first), get_right(first), get_values(second)) == (5, 5, (-7, -7))
    assert (first.get_left(), second.get_values()) == (5, (-7, -7))
    set_values(first, 10, 10)
    assert mono_values(snd) == [10, -7]


def test_a_21_lab_that_doubles_left_then_right_doubles_a_mono_sound_as_in_21():
    snd = mono(100, -300, 20000)
    for sample in snd:
        set_left(sample, get_left(sample) * 2)
        set_right(sample, get_right(sample) * 2)
    assert mono_values(snd) == [200, -600, 32767]


def test_a_21_lab_that_removes_the_voice_makes_a_mono_sound_silent_as_in_21():
    # left - right: what both speakers have in common goes. In 2.1 a mono
    # file had the same value in both channels, so this left silence.
    snd = mono(100, -300)
    for sample in snd:
        left, right = get_values(sample)
        set_values(sample, left - right, right - left)
    assert mono_values(snd) == [0, 0]


def test_one_channel_of_a_mono_sample_changes_its_value_by_half_the_difference():
    # What the two loudspeakers would play together: the channels mixed.
    sample = get_sample(mono(100), 0)
    set_left(sample, 0)
    assert (get_value(sample), get_values(sample)) == (50, (0, 100))
    set_value(sample, 7)  # a new value: both channels are it again
    assert get_values(sample) == (7, 7)
    sample.set_right(1.4)
    assert get_values(sample) == (7, 1) and get_value(sample) == 4


def test_the_stereo_functions_refuse_the_same_values_on_mono_samples():
    sample = get_sample(mono(1), 0)
    with pytest.raises(TypeError, match="set_left needs a number for the new value"):
        set_left(sample, "loud")
    with pytest.raises(TypeError, match="set_values needs a number"):
        set_values(sample, 5, None)
    assert get_values(sample) == (1, 1)
    snd = mono(*range(10))
    last = get_sample(snd, 9)
    crop_sound(snd, 0, 4)
    for use in (get_left, get_right, get_values, lambda s: set_left(s, 1),
                lambda s: set_values(s, 1, 2)):
        with pytest.raises(IndexError, match="no longer in its sound"):
            use(last)


def test_passing_a_sound_where_a_sample_belongs_is_explained():
    with pytest.raises(TypeError, match=r"get_value needs a sample .*\(a Sound\)"):
        get_value(mono(1))
    with pytest.raises(TypeError, match=r"get_left needs a sample .*\(a Sound\)"):
        get_left(mono(1))
    with pytest.raises(TypeError, match=r"get_sample needs a sound \(from media.load_sound, "
                                        r"media.create_sound or media.create_note\), not 3 "
                                        r"\(an int\)"):
        get_sample(3, 0)


@pytest.mark.parametrize("value,error,words", [
    ("100", TypeError, "needs a number for the new value, not '100' (a str)"),
    (None, TypeError, "not None (a NoneType)"),
    (1 + 2j, TypeError, "a complex"),
    (math.nan, ValueError, "nan ('not a number')"),
])
def test_values_that_are_not_numbers_are_refused(value, error, words):
    sample = get_sample(mono(1), 0)
    with pytest.raises(error) as caught:
        set_value(sample, value)
    assert words in str(caught.value)
    assert get_value(sample) == 1


def test_an_index_outside_the_sound_names_the_allowed_range():
    snd = mono(*range(10))
    with pytest.raises(IndexError, match=r"index 10 is outside this sound of 10 samples: "
                                         r"use 0 to 9 \(or -10 to -1"):
        get_sample(snd, 10)
    with pytest.raises(IndexError, match="-11"):
        get_sample(snd, -11)
    with pytest.raises(TypeError, match=r"whole number for a sample index, not 2.5"):
        get_sample(snd, 2.5)
    assert get_value(get_sample(snd, -1)) == 9
    assert get_index(get_sample(snd, -1)) == 9


def test_a_sample_of_a_cropped_away_part_says_what_happened():
    snd = mono(*range(10))
    last = get_sample(snd, 9)
    crop_sound(snd, 0, 4)
    with pytest.raises(IndexError, match="no longer in its sound"):
        get_value(last)
    with pytest.raises(IndexError, match="no longer in its sound"):
        set_value(last, 3)
    assert "no longer" in str(last)


# -- editing sounds -------------------------------------------------------------------

def test_samples_stay_linked_to_their_sound_through_appends_and_inserts():
    snd = mono(1, 2, 3)
    second = get_sample(snd, 1)
    append(snd, mono(4, 5))
    insert(snd, mono(9), 0)
    append_silence(snd, 2)
    set_value(second, 20)  # still index 1 of the same, longer, sound
    assert mono_values(snd) == [9, 20, 2, 3, 4, 5, 0, 0]


def test_crop_keeps_first_to_last_included_and_counts_negatives_from_the_end():
    snd = stereo(*[(i, -i) for i in range(10)])
    crop_sound(snd, 2, -3)
    assert [get_left(sample) for sample in snd] == [2, 3, 4, 5, 6, 7]
    crop_sound(snd, 1, 1)
    assert [get_values(sample) for sample in snd] == [(3, -3)]
    with pytest.raises(ValueError, match="comes after last"):
        crop_sound(mono(1, 2, 3), 2, 0)


def test_insert_accepts_the_end_and_negative_positions():
    snd = mono(1, 2, 3)
    insert(snd, mono(7), 3)
    insert(snd, mono(8), -1)
    assert mono_values(snd) == [1, 2, 3, 8, 7]
    with pytest.raises(IndexError, match="use 0 to 5"):
        insert(snd, mono(1), 6)


def test_concatenate_add_and_multiply_make_new_sounds():
    a, b = mono(1, 2), mono(3)
    assert mono_values(concatenate(a, b)) == [1, 2, 3]
    assert mono_values(a + b) == [1, 2, 3]
    assert mono_values(a * 3) == [1, 2, 1, 2, 1, 2] == mono_values(3 * a)
    assert len(a * 0) == 0
    assert mono_values(a) == [1, 2]
    with pytest.raises(ValueError, match="0 or more times"):
        a * -1
    with pytest.raises(TypeError):
        a + 1


def test_joining_a_mono_and_a_stereo_sound_converts_the_second_to_the_first():
    snd = mono(1)
    append(snd, stereo((10, 20), (-4, -5)))
    assert mono_values(snd) == [1, 15, -4]  # both channels mixed, rounded half to even
    joined = concatenate(stereo((1, 2)), mono(7))
    assert [get_values(sample) for sample in joined] == [(1, 2), (7, 7)]
    inserted = stereo((1, 2), (3, 4))
    insert(inserted, mono(9), 1)
    assert [get_values(sample) for sample in inserted] == [(1, 2), (9, 9), (3, 4)]


def test_joining_sounds_of_other_rates_converts_the_second_to_the_first_rate():
    # A second of sound stays a second: 4 samples at 4000 per second become 8
    # at 8000 (in between, the straight line between neighbours).
    slow = Sound.from_values(new_sample_array(16, [0, 100, 200, 300]), 1, 4000)
    joined = concatenate(mono(5), slow)
    assert joined.get_sampling_rate() == 8000
    assert mono_values(joined) == [5, 0, 50, 100, 150, 200, 250, 300, 300]
    fast = mono(*range(0, 800, 100), rate=16000)
    snd = mono(rate=8000)
    append(snd, fast)
    assert mono_values(snd) == [0, 200, 400, 600]
    with_note = concatenate(create_note("A", 4410, sampling_rate=22050),
                            create_note("A", 8820, sampling_rate=44100))
    assert len(with_note) == 4410 + 4410 and with_note.get_duration() == pytest.approx(0.4)


def test_joining_sounds_names_the_function_the_student_called():
    with pytest.raises(TypeError, match="concatenate joins two sounds, but the second is "
                                        "'beep.wav' \\(a str\\)"):
        concatenate(mono(1), "beep.wav")
    with pytest.raises(TypeError, match="concatenate needs a sound .*not 'beep.wav'"):
        concatenate("beep.wav", mono(1))
    with pytest.raises(TypeError, match="append needs a Sound to add, not 'beep.wav'"):
        append(mono(1), "beep.wav")
    with pytest.raises(TypeError, match="insert needs a Sound to add, not 5"):
        insert(mono(1), 5, 0)
    with pytest.raises(TypeError, match="append needs a sound"):
        append([1, 2], mono(1))


@pytest.mark.parametrize("make", [
    lambda snd: concatenate(snd, snd), lambda snd: snd + snd, lambda snd: snd.copy(),
    lambda snd: snd * 2, lambda snd: media.copy(snd),
])
def test_a_sound_made_from_a_loaded_one_has_no_file_so_save_cannot_overwrite_it(
        make, tmp_path):
    original = tmp_path / "voice.wav"
    mono(1, 2, 3).save_as(original)
    before = original.read_bytes()
    loaded = load_sound(original)
    made = make(loaded)
    assert made.get_filename() == ""
    with pytest.raises(ValueError, match="no file name yet"):
        made.save()
    assert original.read_bytes() == before
    assert loaded.get_filename() == str(original)


def test_sounds_of_different_sample_sizes_join_at_the_first_sounds_size():
    snd = mono(1, -1, bits=16)
    append(snd, mono(1, -1, bits=8))
    append(snd, mono(65536, -65536, bits=24))
    assert mono_values(snd) == [1, -1, 256, -256, 256, -256]
    assert snd.get_bits_per_sample() == 16


def test_normalize_makes_the_loudest_value_reach_the_limit():
    snd = mono(1000, -500, 250)
    snd.normalize()
    assert mono_values(snd) == [32767, -16384, 8192]
    quiet_negative = mono(100, -1000)
    quiet_negative.normalize()
    assert mono_values(quiet_negative) == [3277, -32768]
    silent = mono(0, 0)
    silent.normalize()
    assert mono_values(silent) == [0, 0]
    loud = mono(32767, -32768)
    loud.normalize()
    assert mono_values(loud) == [32767, -32768]
    wide = mono(3, -1, bits=24)
    wide.normalize()
    assert mono_values(wide) == [8388607, -2796202]


def test_max_and_min_look_at_both_channels():
    snd = stereo((1, -7), (9, 2))
    assert (get_max_sample(snd), get_min_sample(snd)) == (9, -7)
    with pytest.raises(ValueError, match="no samples"):
        get_max_sample(create_sound(0))


# -- making sounds ----------------------------------------------------------------------

def test_new_sounds_are_silent_stereo_at_cd_quality_like_2_1():
    snd = create_sound(100)
    assert (len(snd), snd.get_channels(), get_sampling_rate(snd),
            snd.get_bits_per_sample()) == (100, 2, 44100, 16)
    assert all(get_values(sample) == (0, 0) for sample in snd)
    assert len(Sound(seconds=1.5, sampling_rate=8000, channels=1)) == 12000
    assert Sound(seconds=0.25).get_duration() == 0.25


@pytest.mark.parametrize("arguments,error,words", [
    ({}, TypeError, "exactly one of filename, samples or seconds"),
    ({"samples": 3, "seconds": 1}, TypeError, "it got samples and seconds"),
    ({"samples": -1}, ValueError, "use 0 or more"),
    ({"samples": "10"}, TypeError, "whole number of samples"),
    ({"seconds": -2}, ValueError, "use 0 or more"),
    ({"samples": 3, "channels": 3}, ValueError, "1 channel (mono) or 2 channels"),
    ({"samples": 3, "sampling_rate": 0}, ValueError, "impossible"),
    ({"samples": 3, "sampling_rate": 10**9}, ValueError, "takes 1 to 1,536,000"),
    ({"samples": 3, "bits_per_sample": 12}, ValueError, "use 8, 16, 24 or 32"),
])
def test_impossible_sounds_are_refused_with_the_reason(arguments, error, words):
    with pytest.raises(error) as caught:
        Sound(**arguments)
    assert words in str(caught.value)


def test_a_sound_at_the_fastest_rate_is_saved_and_loaded_again(tmp_path):
    # Before, a sound could be made at a rate no WAV file may have (up to
    # 4,294,967,295): saved, it could not be loaded again.
    fastest = Sound(samples=5, sampling_rate=MAX_SAMPLING_RATE)
    fastest.save_as(str(tmp_path / "fast.wav"))
    assert Sound(str(tmp_path / "fast.wav")).get_sampling_rate() == MAX_SAMPLING_RATE
    with pytest.raises(ValueError, match="impossible"):
        Sound(samples=5, sampling_rate=MAX_SAMPLING_RATE + 1)


def wave_frequency(snd):
    """Estimate the frequency of a sine wave from its upward zero crossings."""
    values = [get_left(sample) for sample in snd]
    crossings = [i for i in range(1, len(values)) if values[i - 1] < 0 <= values[i]]
    periods = (crossings[-1] - crossings[0]) / (len(crossings) - 1)
    return snd.get_sampling_rate() / periods


@pytest.mark.parametrize("note,octave,hertz", [
    ("C", 0, 261.63), ("A", 0, 440.0), ("A", -2, 110.0), ("C#", 0, 277.18),
    ("Bb", 1, 932.33), ("f#", 0, 369.99), (60, 0, 261.63), (81, 0, 880.0), ("E", 3, 2637.02),
])
def test_notes_are_in_tune_in_any_octave(note, octave, hertz):
    snd = create_note(note, 44100, octave)
    assert snd.get_frequency() == pytest.approx(hertz, abs=0.01)
    assert wave_frequency(snd) == pytest.approx(hertz, rel=0.002)


def test_notes_have_the_loudness_asked_for_and_fade_in_and_out():
    soft, loud = create_note("A", 44100, amplitude=1000), create_note("A", 44100, amplitude=30000)
    assert (get_max_sample(soft), get_max_sample(loud)) == (1000, 30000)
    assert get_values(get_sample(loud, 0)) == (0, 0)
    assert abs(get_left(get_sample(loud, 10))) < 3000  # still fading in: no click
    assert isinstance(soft, Note) and soft.get_midi_number() == 69


@pytest.mark.parametrize("arguments,error,words", [
    (("H", 100), ValueError, "'H' is not a note name"),
    ((128, 100), ValueError, "outside 0 to 127"),
    (("C", 100, 6), ValueError, "use a smaller octave"),
    (("C", 100, 0, 40000), ValueError, "use 0 (silent) to 32767"),
    ((4.5, 100), TypeError, "MIDI number such as 60"),
    (("C", 100, 1.5), TypeError, "octave must be a whole number"),
])
def test_impossible_notes_are_refused_with_the_reason(arguments, error, words):
    with pytest.raises(error) as caught:
        create_note(*arguments)
    assert words in str(caught.value)


def test_a_note_too_high_for_its_sampling_rate_is_refused():
    with pytest.raises(ValueError, match="too high for 8000 samples per second"):
        Note("C", 100, octave=4, sampling_rate=8000)


# -- what a sound is ----------------------------------------------------------------------

def test_sounds_compare_by_their_samples_and_cannot_be_dictionary_keys():
    assert mono(1, 2) == mono(1, 2)
    assert mono(1, 2) != mono(1, 3)
    assert mono(1, 2) != mono(1, 2, rate=44100)
    assert mono(1, 2) != mono(1, 2, bits=32)
    assert mono(1, 2) != stereo((1, 2))
    with pytest.raises(TypeError):
        hash(mono(1))


def test_a_sound_describes_itself(tmp_path):
    snd = create_sound(22050)
    assert repr(snd) == ("<Sound: 22050 samples (0.50 seconds), stereo, 44100 samples per "
                         "second, 16-bit>")
    snd.save_as(tmp_path / "half.wav")
    assert repr(load_sound(tmp_path / "half.wav")).endswith(f"from {str(tmp_path / 'half.wav')!r}>")
    assert repr(create_sound(1)).startswith("<Sound: 1 sample (0.00 seconds), stereo")


def test_jupyter_shows_a_player_that_plays_exactly_this_sound():
    snd = create_note("A", 500)
    page = snd._repr_html_()
    match = re.search(r'<audio controls[^>]* src="data:audio/wav;base64,([A-Za-z0-9+/=]+)"', page)
    assert match
    contents = wav_files.parse_wav(base64.b64decode(match.group(1)))
    assert Sound.from_values(contents.values, contents.channels, contents.sampling_rate) == snd
    assert "0.01 seconds" in page


def test_sounds_and_samples_survive_pickling():
    snd = mono(1, -2, 3, bits=24)
    again = pickle.loads(pickle.dumps(snd))
    assert again == snd
    with pytest.raises(OverflowError):
        again._values[0] = 2**23  # still a checked 24-bit array


def test_importing_sounds_loads_no_file_or_web_modules():
    code = ("import sys, pygraphics_core.sounds; "
            "print(sorted({'wave', 'tempfile', 'base64', 'html', 'struct'} & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.strip() == "[]"


def test_samples_of_a_big_sound_are_all_reachable_both_ways():
    values = array.array("h", range(-1000, 1000))
    snd = Sound.from_values(values, 1, 8000)
    assert [get_value(s) for s in snd] == list(values)
    assert [get_value(get_sample(snd, i)) for i in range(len(snd))] == list(values)


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(st.integers(-2**40, 2**40),
                       st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False)),
       bits=st.sampled_from([8, 16, 24, 32]))
def test_any_number_becomes_the_nearest_value_the_sound_can_hold(value, bits):
    snd = mono(0, bits=bits)
    set_value(get_sample(snd, 0), value)
    low, high = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    assert get_value(get_sample(snd, 0)) == min(high, max(low, round(value)))


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.integers(-32768, 32767), min_size=1, max_size=50)
       .filter(lambda values: any(values)))
def test_normalize_reaches_a_limit_and_keeps_the_shape(values):
    snd = mono(*values)
    snd.normalize()
    louder = mono_values(snd)
    assert max(louder) == 32767 or min(louder) == -32768
    peak = max(values, key=abs)
    factor = louder[values.index(peak)] / peak
    assert factor >= 1
    # Each value is scaled by the same factor, give or take rounding.
    assert all(abs(new - old * factor) <= 1 for old, new in zip(values, louder))
