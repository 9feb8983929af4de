"""A student's media.say, through the real GUI process, seen on a real (virtual) screen."""

import time

import pytest

from pygraphics_core import callRemote
from pygraphics_core.core_commands import Ping
import media

TITLE = "Message"


def dark_text_on_light(picture):
    """Return ``picture`` if it has dark ink and a light background, else None."""
    darkest, lightest = picture.convert("L").getextrema()
    return picture if darkest < 80 and lightest > 180 else None


def test_say_opens_a_window_with_the_text_and_returns_at_once(gui_client, gui_screen):
    started = time.perf_counter()
    media.say("Hello, world!")
    assert time.perf_counter() - started < 5
    (window,) = gui_screen.wait_for_windows(TITLE, 1)
    picture = gui_screen.wait_until_seen(window, dark_text_on_light, "dark text on light")
    width, height = picture.size
    assert width > 100 and height > 40
    # The program goes on while the window is open.
    assert callRemote(Ping) == {}


def test_several_windows_stay_open_at_once(gui_client, gui_screen):
    for number in range(3):
        media.say(f"Message number {number}")
    assert len(gui_screen.wait_for_windows(TITLE, 3)) == 3


def test_enter_and_escape_close_a_window(gui_client, gui_screen):
    media.say("first")
    media.say("second")
    first, second = gui_screen.wait_for_windows(TITLE, 2)
    gui_screen.press(second, "Return")
    (left,) = gui_screen.wait_for_windows(TITLE, 1)
    gui_screen.press(left, "Escape")
    gui_screen.wait_for_windows(TITLE, 0)


def test_the_ok_button_closes_the_window(gui_client, gui_screen):
    media.say("Click OK")
    (window,) = gui_screen.wait_for_windows(TITLE, 1)
    x, y, width, height = gui_screen.geometry(window)
    # OK is centred at the bottom of the window.
    gui_screen._xdotool("mousemove", "--sync", str(x + width // 2), str(y + height - 25),
                        "click", "1")
    gui_screen.wait_for_windows(TITLE, 0)


def test_the_window_is_centred_on_the_screen(gui_client, gui_screen):
    media.say("Where am I?")
    (window,) = gui_screen.wait_for_windows(TITLE, 1)
    x, y, width, height = gui_screen.geometry(window)
    screen_width, screen_height = gui_screen.screenshot().size
    assert abs((x + width / 2) - screen_width / 2) <= 2
    assert abs((y + height / 2) - screen_height / 2) <= 2


def test_a_second_window_does_not_hide_the_first(gui_client, gui_screen):
    media.say("First")
    (first,) = gui_screen.wait_for_windows(TITLE, 1)
    media.say("Second")
    windows = gui_screen.wait_for_windows(TITLE, 2)
    (second,) = [window for window in windows if window != first]
    first_x, first_y, _, _ = gui_screen.geometry(first)
    second_x, second_y, _, _ = gui_screen.geometry(second)
    assert second_x > first_x and second_y > first_y


@pytest.mark.parametrize("text", [
    "Привет, мир! Ελληνικά, עברית, العربية, हिन्दी, 日本語 and emoji 🎉",
    "word " * 60_000,  # 300 kB: several AMP values (BigUnicode)
])
def test_long_or_non_ascii_text_arrives_and_shows(gui_client, gui_screen, text):
    media.say(text)
    (window,) = gui_screen.wait_for_windows(TITLE, 1)
    x, y, width, height = gui_screen.geometry(window)
    # Long text wraps and scrolls: the window never outgrows the screen.
    screen_width, screen_height = gui_screen.screenshot().size
    assert width < screen_width * 0.8 and height < screen_height * 0.8
