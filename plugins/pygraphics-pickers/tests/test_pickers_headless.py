"""The pickers with no screen (headless mode): answers come from the grader."""

import os

import pytest

import media
from pygraphics_pickers import front_end


@pytest.fixture(autouse=True)
def fresh_last_folder(monkeypatch):
    monkeypatch.setattr(front_end, "_last_folder", None)


def test_paths_and_cancel_come_back_as_given(headless):
    headless.answers["choose_file"] = ["cat.jpg", None]
    headless.answers["choose_folder"] = ["/home/ada/pictures"]
    assert media.choose_file() == "cat.jpg"
    assert media.choose_file() is None
    assert media.choose_folder() == "/home/ada/pictures"


def test_the_first_dialog_starts_in_the_current_folder_then_in_the_last_used(
        headless, tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    monkeypatch.chdir(first)
    headless.answers["choose_file"] = [str(second / "cat.jpg"), None]
    headless.answers["choose_save_filename"] = [None]
    media.choose_file()
    media.choose_file()  # cancelled: the last folder stays
    media.choose_save_filename()
    folders = [record.arguments["folder"] for record in headless.shown]
    assert folders == [os.getcwd(), str(second), str(second)]


def test_choose_color_returns_a_color_or_none(headless):
    headless.answers["choose_color"] = [(30, 144, 255), media.orange, None]
    chosen = media.choose_color()
    assert isinstance(chosen, media.Color)
    assert chosen.get_rgb() == (30, 144, 255)
    assert media.choose_color(media.red) == media.orange
    assert media.choose_color() is None
    starts = [(record.arguments["red"], record.arguments["green"], record.arguments["blue"])
              for record in headless.shown]
    assert starts == [(255, 255, 255), (255, 0, 0), (255, 255, 255)]


def test_choose_color_refuses_a_tuple_and_says_what_to_give(headless):
    with pytest.raises(TypeError, match=r"starts from a colour such as media.red or "
                                        r"media.Color\(255, 128, 0\), not tuple"):
        media.choose_color((255, 0, 0))


def test_a_title_must_be_a_string(headless):
    with pytest.raises(TypeError, match=r"choose_file\(\) needs its title as a string"):
        media.choose_file(42)
