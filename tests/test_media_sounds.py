"""A student reaches every sound name through media, as in PyGraphics 2.1."""

import inspect

import media
from pygraphics_core import sounds

SOUND_NAMES_OF_21 = """
load_sound create_sound create_note get_samples get_max_sample get_min_sample concatenate
append_silence append crop_sound insert get_sampling_rate get_sample get_index set_value
get_value set_values get_values set_left get_left set_right get_right
""".split()


def test_every_sound_class_is_in_media():
    missing = [name for name in sounds.__all__ if getattr(media, name, None) is not getattr(sounds, name)]
    assert missing == []


def test_the_sound_functions_live_in_media_beside_the_picture_functions():
    # As get_red and set_red do, each is media's own function, with its help.
    for name in SOUND_NAMES_OF_21:
        function = getattr(media, name)
        assert inspect.isfunction(function) and function.__module__ == "media", name
        assert name in media.__all__, name
        assert ">>> " in inspect.getdoc(function) and "media." in inspect.getdoc(function), name


def test_a_student_copies_changes_and_saves_a_sound_through_media(tmp_path):
    snd = media.create_sound(10)
    for sample in snd:
        media.set_left(sample, 1000)
    duplicate = media.copy(snd)
    media.set_left(media.get_sample(duplicate, 0), -5)
    assert media.get_left(media.get_sample(snd, 0)) == 1000

    target = tmp_path / "beep.wav"
    media.save_as(snd, str(target))
    again = media.load_sound(str(target))
    assert [media.get_left(sample) for sample in again] == [1000] * 10
