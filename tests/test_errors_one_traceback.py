"""One mistake, one traceback: every error a student can meet ends in our message alone.

When PyGraphics catches an internal error to raise a clearer one, Python
would print both, joined by "During handling of the above exception, another
exception occurred:" (or "The above exception was the direct cause..."), and
a beginner reads the internal one first. Each mistake below is made as a
student makes it; the error must be the type the message promises, carry no
chained internal error that Python would print, and speak good English
("an int", not "a int").
"""

from __future__ import annotations

import math
import os
import re
import signal
import traceback

import pytest
from PIL import Image

import media
from pygraphics_core import headless
from pygraphics_core.gui_process import GUIProcessEndedError


def the_error_of(mistake):
    try:
        mistake()
    except Exception as error:  # noqa: BLE001 - any error is what is checked
        return error
    pytest.fail("the mistake raised no error")


def assert_one_traceback(error, expected_type):
    assert isinstance(error, expected_type), f"{type(error).__name__}: {error}"
    printed = "".join(traceback.format_exception(error))
    assert "During handling of the above exception" not in printed, printed
    assert "direct cause of the following exception" not in printed, printed
    assert error.__cause__ is None
    assert error.__context__ is None or error.__suppress_context__
    assert printed.rstrip().endswith(str(error).rstrip()), printed
    assert not re.search(r"\(a [aeiouAEIOU]", str(error)), str(error)


def picture():
    return media.create_picture(320, 200, media.orange)


def pixel():
    return media.get_pixel(picture(), 0, 0)


def pixel_from_before_a_crop():
    pic = picture()
    old = media.get_pixel(pic, 5, 5)
    media.crop_picture(pic, 0, 0, 99, 99)
    return old


def mono_sample():
    return media.get_sample(media.create_sound(10, channels=1), 0)


def stereo_sample():
    return media.get_sample(media.create_sound(10), 0)


def sample_from_before_a_crop():
    snd = media.create_sound(10, channels=1)
    old = media.get_sample(snd, 9)
    media.crop_sound(snd, 0, 1)
    return old


MISTAKES = {
    # pixels and their colour values
    "set_red(p, 300)": (lambda: media.set_red(pixel(), 300), ValueError),
    "set_green(p, -5)": (lambda: media.set_green(pixel(), -5), ValueError),
    "set_blue(p, 255.5 + 1)": (lambda: media.set_blue(pixel(), 256.5), ValueError),
    "set_red(p, -0.5)": (lambda: media.set_red(pixel(), -0.5), ValueError),
    "set_red(p, nan)": (lambda: media.set_red(pixel(), math.nan), ValueError),
    "set_red(p, inf)": (lambda: media.set_red(pixel(), math.inf), ValueError),
    "set_red(p, '5')": (lambda: media.set_red(pixel(), "5"), TypeError),
    "set_green(p, None)": (lambda: media.set_green(pixel(), None), TypeError),
    "get_red(pic)": (lambda: media.get_red(picture()), TypeError),
    "get_green(5)": (lambda: media.get_green(5), TypeError),
    "get_blue(None)": (lambda: media.get_blue(None), TypeError),
    "set_red(pic, 5)": (lambda: media.set_red(picture(), 5), TypeError),
    "get_red(Pixel())": (lambda: media.get_red(media.Pixel()), TypeError),
    "get_red(pixel from before a crop)": (lambda: media.get_red(pixel_from_before_a_crop()),
                                          IndexError),
    "set_blue(pixel from before a crop, 1)": (
        lambda: media.set_blue(pixel_from_before_a_crop(), 1), IndexError),
    "get_x(pixel from before a crop)": (lambda: media.get_x(pixel_from_before_a_crop()),
                                        IndexError),
    "get_color(5)": (lambda: media.get_color(5), TypeError),
    "set_color(p, (1, 2, 3))": (lambda: media.set_color(pixel(), (1, 2, 3)), TypeError),
    # pictures
    "get_pixel(pic, 320, 0)": (lambda: media.get_pixel(picture(), 320, 0), IndexError),
    "get_pixel(pic, 199, 319)": (lambda: media.get_pixel(picture(), 199, 319), IndexError),
    "get_pixel(pic, -1, 0)": (lambda: media.get_pixel(picture(), -1, 0), IndexError),
    "get_pixel(pic, 1.5, 0)": (lambda: media.get_pixel(picture(), 1.5, 0), TypeError),
    "get_pixel(pic, '1', 0)": (lambda: media.get_pixel(picture(), "1", 0), TypeError),
    "get_pixel(5, 0, 0)": (lambda: media.get_pixel(5, 0, 0), TypeError),
    "create_picture(0, 5)": (lambda: media.create_picture(0, 5), ValueError),
    "create_picture('10', 5)": (lambda: media.create_picture("10", 5), TypeError),
    "create_picture(3, 3, (1, 2, 3))": (lambda: media.create_picture(3, 3, (1, 2, 3)), TypeError),
    "load_picture(None)": (lambda: media.load_picture(None), TypeError),
    "load_picture('missing.png')": (lambda: media.load_picture("missing.png"), FileNotFoundError),
    "load_picture(folder)": (lambda: media.load_picture("."), IsADirectoryError),
    "load_picture('notes.txt')": (lambda: media.load_picture("notes.txt"), ValueError),
    "load_picture('broken.png')": (lambda: media.load_picture("broken.png"), ValueError),
    "load_picture(5)": (lambda: media.load_picture(5), TypeError),
    "Picture(image='not a picture')": (lambda: media.Picture(image="not a picture"), ValueError),
    "Picture()": (lambda: media.Picture(), TypeError),
    "save_as(pic, 'x.xyz')": (lambda: media.save_as(picture(), "x.xyz"), ValueError),
    "save_as(pic, 'noextension')": (lambda: media.save_as(picture(), "noextension"), ValueError),
    "save_as(pic, 'no/such/folder.png')": (lambda: media.save_as(picture(), "no/such/x.png"),
                                           FileNotFoundError),
    "crop corners the other way round": (lambda: media.crop_picture(picture(), 9, 9, 1, 1),
                                         IndexError),
    "crop outside": (lambda: media.crop_picture(picture(), 0, 0, 320, 10), IndexError),
    "copy(5)": (lambda: media.copy(5), TypeError),
    "save('cat.png')": (lambda: media.save("cat.png"), TypeError),
    "set_title(5)": (lambda: picture().set_title(5), TypeError),
    # drawing
    "add_line outside": (lambda: media.add_line(picture(), 0, 0, 400, 0, media.red), IndexError),
    "add_rect width -1": (lambda: media.add_rect(picture(), 0, 0, -1, 5, media.red), ValueError),
    "add_oval 2.5 wide": (lambda: media.add_oval(picture(), 0, 0, 2.5, 5, media.red), TypeError),
    "add_line x 1.5": (lambda: media.add_line(picture(), 1.5, 0, 4, 0, media.red), TypeError),
    "add_polygon 2 corners": (lambda: media.add_polygon(picture(), [0, 0, 1, 1], media.red),
                              ValueError),
    "add_polygon_filled of a number": (lambda: media.add_polygon_filled(picture(), 5, media.red),
                                       TypeError),
    "add_text in a tuple colour": (lambda: media.add_text(picture(), 0, 0, "hi", (0, 0, 0)),
                                   TypeError),
    # colours
    "create_color(300, 0, 0)": (lambda: media.create_color(300, 0, 0), ValueError),
    "create_color(0, 0, -1.5)": (lambda: media.create_color(0, 0, -1.5), ValueError),
    "create_color(None, 0, 0)": (lambda: media.create_color(None, 0, 0), TypeError),
    "Color('')": (lambda: media.Color("", 0, 0), ValueError),
    "Color('red', 0, 0)": (lambda: media.Color("red", 0, 0), ValueError),
    "darken(media.red)": (lambda: media.darken(media.red), TypeError),
    "media.red.set_red(1)": (lambda: media.red.set_red(1), TypeError),
    "darken(5)": (lambda: media.darken(5), TypeError),
    "distance(red, 5)": (lambda: media.distance(media.red, 5), TypeError),
    "Color(...).set_green(256)": (lambda: media.Color(0, 0, 0).set_green(256), ValueError),
    # sounds and samples
    "set_value(s, '5')": (lambda: media.set_value(mono_sample(), "5"), TypeError),
    "set_value(s, nan)": (lambda: media.set_value(mono_sample(), math.nan), ValueError),
    "set_value(stereo sample, 1)": (lambda: media.set_value(stereo_sample(), 1), TypeError),
    "get_value(stereo sample)": (lambda: media.get_value(stereo_sample()), TypeError),
    "get_value(snd)": (lambda: media.get_value(media.create_sound(3)), TypeError),
    "get_left('x')": (lambda: media.get_left("x"), TypeError),
    "set_left(s, '5')": (lambda: media.set_left(stereo_sample(), "5"), TypeError),
    "set_right(mono sample, None)": (lambda: media.set_right(mono_sample(), None), TypeError),
    "set_values(s, 1, 'x')": (lambda: media.set_values(stereo_sample(), 1, "x"), TypeError),
    "get_values(5)": (lambda: media.get_values(5), TypeError),
    "get_index(5)": (lambda: media.get_index(5), TypeError),
    "get_value(sample from before a crop)": (lambda: media.get_value(sample_from_before_a_crop()),
                                             IndexError),
    "set_left(sample from before a crop, 1)": (
        lambda: media.set_left(sample_from_before_a_crop(), 1), IndexError),
    "get_sample(snd, 10)": (lambda: media.get_sample(media.create_sound(10), 10), IndexError),
    "get_sample(snd, 1.5)": (lambda: media.get_sample(media.create_sound(10), 1.5), TypeError),
    "get_sample(3, 0)": (lambda: media.get_sample(3, 0), TypeError),
    "get_samples('song.wav')": (lambda: media.get_samples("song.wav"), TypeError),
    "concatenate(snd, 'x')": (lambda: media.concatenate(media.create_sound(1), "x"), TypeError),
    "append(snd, 5)": (lambda: media.append(media.create_sound(1), 5), TypeError),
    "insert(snd, snd, 99)": (lambda: media.insert(media.create_sound(1), media.create_sound(1), 99),
                             IndexError),
    "insert(snd, snd, 1.5)": (lambda: media.insert(media.create_sound(1), media.create_sound(1),
                                                   1.5), TypeError),
    "crop_sound(snd, 5, 1)": (lambda: media.crop_sound(media.create_sound(10), 5, 1), ValueError),
    "crop_sound(snd, 0, 20)": (lambda: media.crop_sound(media.create_sound(10), 0, 20), IndexError),
    "load_sound(None)": (lambda: media.load_sound(None), TypeError),
    "load_sound('missing.wav')": (lambda: media.load_sound("missing.wav"), FileNotFoundError),
    "load_sound('notes.txt')": (lambda: media.load_sound("notes.txt"), ValueError),
    "create_sound(-1)": (lambda: media.create_sound(-1), ValueError),
    "create_sound(2.5)": (lambda: media.create_sound(2.5), TypeError),
    "create_note('H', 10)": (lambda: media.create_note("H", 10), ValueError),
    "save_as(snd, 'song.mp3')": (lambda: media.save_as(media.create_sound(1), "song.mp3"),
                                 ValueError),
    "get_max_sample of silence": (lambda: media.get_max_sample(media.create_sound(0)),
                                  ValueError),
    # gone since 2.1
    "show_external(pic)": (lambda: media.show_external(picture()), AttributeError),
    "get_waveform(snd)": (lambda: media.get_waveform(media.create_sound(1)), AttributeError),
    "no_such_function": (lambda: media.no_such_function, AttributeError),
}


@pytest.fixture
def students_folder(tmp_path, monkeypatch):
    (tmp_path / "notes.txt").write_text("not a picture, not a sound", encoding="utf-8")
    Image.new("RGB", (200, 200), (1, 2, 3)).save(tmp_path / "whole.png", compress_level=0)
    (tmp_path / "broken.png").write_bytes((tmp_path / "whole.png").read_bytes()[:5000])
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("name", MISTAKES)
def test_a_mistake_prints_one_traceback_ending_in_our_message(name, students_folder):
    mistake, expected_type = MISTAKES[name]
    assert_one_traceback(the_error_of(mistake), expected_type)


@pytest.fixture
def headless_session():
    session = headless.enable(answers={})
    yield session
    headless.disable()


@pytest.mark.parametrize("mistake, expected_type", [
    (lambda: media.show(5), TypeError),
    (lambda: media.inspect(media.create_sound(10)), TypeError),
    (lambda: media.update("cat.png"), TypeError),
    (lambda: media.play("song.wav"), TypeError),
    (lambda: media.play_at_rate(media.create_sound(10), 0), ValueError),
    (lambda: media.ask_number("How many?", 10, 1), ValueError),
    (lambda: media.ask_choice("Which?", []), ValueError),
    (lambda: media.choose_color((1, 2, 3)), TypeError),
    (lambda: media.choose_file(5), TypeError),
], ids=["show(5)", "inspect(snd)", "update('cat.png')", "play('song.wav')", "play_at_rate 0",
        "ask_number limits reversed", "ask_choice of nothing", "choose_color(tuple)",
        "choose_file(5)"])
def test_a_mistake_with_a_plugin_function_prints_one_traceback(
        mistake, expected_type, headless_session):
    assert_one_traceback(the_error_of(mistake), expected_type)


def test_a_dialog_with_no_answer_left_in_headless_mode_prints_one_traceback(headless_session):
    assert_one_traceback(the_error_of(lambda: media.ask("Name?")), headless.NoAnswerLeft)


def test_a_stopped_gui_process_prints_one_traceback(gui_client):
    os.kill(gui_client.process.pid, signal.SIGKILL)
    error = the_error_of(lambda: media.say("Are you there?"))
    assert_one_traceback(error, GUIProcessEndedError)
    assert "window process has stopped" in str(error)
