"""A student reaches every sound name through media, as in PyGraphics 2.1."""

import media
from pygraphics_core import sounds


def test_every_sound_name_is_in_media():
    missing = [name for name in sounds.__all__ if getattr(media, name, None) is not getattr(sounds, name)]
    assert missing == []


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
