"""Labs written for PyGraphics 2.1, run as an instructor porting them would run them.

Each story is a piece of a 2.1 lab (Python 2 then, so some of it now makes
floats where it made whole numbers), and what it must do today. The page
docs/guide/coming-from-21.rst tells the same stories to instructors.
"""

from __future__ import annotations

import os

import pytest
from PIL import Image

import media
from pygraphics_core.sample_arrays import new_sample_array
from pygraphics_core.sounds import Sound


def mono(*values, rate=8000):
    return Sound.from_values(new_sample_array(16, values), 1, rate)


# --- pictures --------------------------------------------------------------------


def test_a_greyscale_lab_that_divides_with_slash_gives_2_1s_greys():
    # In 2.1 (Python 2) "/ 3" of whole numbers was a whole number; now it is a
    # float, which set_red takes and rounds down, as 2.1's int() did.
    pic = media.create_picture(3, 2, media.create_color(200, 100, 51))
    for p in media.get_pixels(pic):
        grey = (media.get_red(p) + media.get_green(p) + media.get_blue(p)) / 3
        media.set_red(p, grey)
        media.set_green(p, grey)
        media.set_blue(p, grey)
    assert pic.to_bytes() == bytes([117, 117, 117]) * 6


def test_saving_a_copy_of_a_loaded_picture_asks_for_a_name_instead_of_overwriting(
        tmp_path, monkeypatch):
    from pygraphics_core import headless

    monkeypatch.chdir(tmp_path)
    media.save_as(media.create_picture(4, 4, media.blue), "original.png")
    before = (tmp_path / "original.png").read_bytes()
    session = headless.enable(answers={"choose_save_filename": ["edited.png"]})
    try:
        pic = media.load_picture("original.png")
        edited = media.copy(pic)
        media.set_color(media.get_pixel(edited, 0, 0), media.red)
        media.save(edited)
    finally:
        headless.disable()
    assert (tmp_path / "original.png").read_bytes() == before
    assert media.load_picture("edited.png").to_bytes() == edited.to_bytes()
    assert len(session.calls("choose_save_filename")) == 1


def test_every_way_to_make_a_new_picture_makes_one_with_no_file(tmp_path):
    path = tmp_path / "cat.png"
    media.save_as(media.create_picture(4, 4, media.blue), path)
    loaded = media.load_picture(path)
    made = {
        "copy": media.copy(loaded),
        "Picture.copy": loaded.copy(),
        "create_picture": media.create_picture(2, 2),
        "Picture(image=...)": media.Picture(image=loaded.get_image()),
        "Picture.from_bytes": media.Picture.from_bytes(4, 4, loaded.to_bytes()),
    }
    for how, pic in made.items():
        assert pic.get_filename() == "", how


def test_titles_are_2_1s_short_path_or_empty(tmp_path, monkeypatch):
    (tmp_path / "images").mkdir()
    monkeypatch.chdir(tmp_path)
    media.save_as(media.create_picture(2, 2), os.path.join("images", "white.bmp"))
    assert media.load_picture("images/white.bmp").get_title() == os.path.join("images", "white.bmp")
    assert media.create_picture(2, 2).get_title() == ""


def test_labs_that_catch_2_1s_error_types_keep_working():
    caught = []
    for mistake, error_type in [
        (lambda: media.Color("", 0, 0), ValueError),
        (lambda: media.Picture(image="not a picture"), ValueError),
        (lambda: media.crop_picture(media.create_picture(5, 5), 3, 3, 1, 1), IndexError),
    ]:
        try:
            mistake()
        except error_type:
            caught.append(error_type)
    assert caught == [ValueError, ValueError, IndexError]
    assert media.Color("0", "0", "0") == media.black


def test_a_swapped_x_and_y_is_pointed_out():
    pic = media.create_picture(320, 200)
    with pytest.raises(IndexError, match=r"y=319 is outside this 200-pixel-high picture: use 0 "
                                         r"to 199. Are x and y the other way round\? x is the "
                                         r"column \(0 to 319\)"):
        media.get_pixel(pic, 199, 319)
    # Outside either way round: no such hint.
    with pytest.raises(IndexError) as outside:
        media.get_pixel(pic, 500, 0)
    assert "other way round" not in str(outside.value)


def test_cancel_in_choose_file_then_load_picture_says_no_file_was_chosen():
    from pygraphics_core import headless

    headless.enable(answers={"choose_file": [None]})
    try:
        with pytest.raises(TypeError, match="load_picture got None instead of a file name: no "
                                            "file was chosen .*Cancel"):
            media.load_picture(media.choose_file())
    finally:
        headless.disable()
    with pytest.raises(TypeError, match="load_sound got None instead of a file name"):
        media.load_sound(None)


def test_what_2_1_had_and_is_gone_says_what_to_use_instead():
    with pytest.raises(AttributeError, match=r"use media.show\(pic\)"):
        media.show_external(media.create_picture(2, 2))
    with pytest.raises(AttributeError, match=r"use media.inspect_sound\(snd\)"):
        media.get_waveform(media.create_sound(10))
    names = {}
    exec("from media import *", names)
    assert names["show_external"] is media.show_external


# --- sounds ------------------------------------------------------------------------


def test_a_2_1_louder_lab_on_a_mono_file_doubles_it(tmp_path):
    mono(1000, -2000, 3).save_as(tmp_path / "voice.wav")
    snd = media.load_sound(tmp_path / "voice.wav")
    for samp in snd:
        media.set_left(samp, media.get_left(samp) * 2)
        media.set_right(samp, media.get_right(samp) * 2)
    assert [media.get_value(s) for s in snd] == [2000, -4000, 6]


def test_joining_a_mono_voice_and_stereo_music_of_another_rate_and_saving_it(
        tmp_path, monkeypatch):
    from pygraphics_core import headless

    monkeypatch.chdir(tmp_path)
    mono(100, 200, 300, 400).save_as("voice.wav")
    media.save_as(media.create_note("A", 441, sampling_rate=44100), "music.wav")
    voice_before = (tmp_path / "voice.wav").read_bytes()
    voice = media.load_sound("voice.wav")
    joined = media.concatenate(voice, media.load_sound("music.wav"))
    assert (joined.get_channels(), media.get_sampling_rate(joined)) == (1, 8000)
    assert len(joined) == 4 + 80  # 441 samples at 44100 per second: 80 at 8000
    session = headless.enable(answers={"choose_save_filename": ["both.wav"]})
    try:
        media.save(joined)  # a new sound: asks where, never overwrites voice.wav
    finally:
        headless.disable()
    assert (tmp_path / "voice.wav").read_bytes() == voice_before
    assert media.load_sound("both.wav") == joined
    assert len(session.calls("choose_save_filename")) == 1


# --- windows -----------------------------------------------------------------------


def test_close_then_update_shows_the_picture_again_as_its_help_says(gui_client, gui_screen):
    pic = media.create_picture(60, 40, media.teal)
    pic.set_title("closed, then updated")
    media.show(pic)
    gui_screen.wait_for_windows("closed, then updated", 1)
    media.close(pic)
    gui_screen.wait_for_windows("closed, then updated", 0)
    assert not media.is_shown(pic)
    media.update(pic)
    gui_screen.wait_for_windows("closed, then updated", 1)
    assert media.is_shown(pic)
    assert "media.update(pic)" in media.close.__doc__ and "opens it again" in media.close.__doc__


def test_a_picture_that_was_never_loaded_has_a_window_named_untitled(gui_client, gui_screen):
    pic = media.create_picture(50, 30, media.plum)
    media.show(pic)
    [window] = gui_screen.wait_for_windows("untitled", 1)
    shot = gui_screen.screenshot(window).convert("RGB")
    assert isinstance(shot, Image.Image)
    media.close(pic)
    gui_screen.wait_for_windows("untitled", 0)
