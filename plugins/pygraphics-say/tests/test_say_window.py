"""The say window itself, built in this process on the test display."""

import tkinter

import pytest

from pygraphics_core import client
from pygraphics_say.commands import Say
from pygraphics_say.front_end import say
from pygraphics_say.window import MOST_LINES, SayWindow


@pytest.fixture
def root(gui_display):
    root = tkinter.Tk()
    root.withdraw()
    yield root
    root.destroy()


def shown(window):
    window.update()
    return window


def test_the_text_is_shown_exactly_and_read_only(root):
    text = "Привет, мир!\nΕλληνικά — العربية — 日本語 ✓"
    window = shown(SayWindow(text, master=root))
    assert window.text_area.get("1.0", "end-1c") == text
    assert str(window.text_area.cget("state")) == "disabled"
    assert window.title() == "Message"


def test_short_text_gets_no_scrollbar_and_long_text_scrolls(root):
    short = shown(SayWindow("Short.", master=root))
    assert not [child for body in short.winfo_children()
                for child in body.winfo_children() if isinstance(child, tkinter.Scrollbar)]
    long = shown(SayWindow("\n".join(f"line {n}" for n in range(500)), master=root))
    assert int(long.text_area.cget("height")) == MOST_LINES
    scrollbars = [child for body in long.winfo_children()
                  for child in body.winfo_children() if isinstance(child, tkinter.Scrollbar)]
    assert len(scrollbars) == 1
    first, last = long.text_area.yview()
    assert first == 0.0 and last < 0.1  # most of the text is below, reachable by scrolling


def test_one_long_line_wraps_instead_of_widening_the_window(root):
    window = shown(SayWindow("word " * 2000, master=root))
    assert window.text_area.cget("wrap") == "word"
    assert window.winfo_reqwidth() < window.winfo_screenwidth() * 0.8


@pytest.mark.parametrize("key", ["<Return>", "<KP_Enter>", "<Escape>"])
def test_enter_and_escape_close_it(root, key):
    window = shown(SayWindow("Bye", master=root))
    assert window.is_open
    window.event_generate(key)
    assert not window.is_open


def test_ok_closes_it(root):
    window = shown(SayWindow("Bye", master=root))
    window.ok_button.invoke()
    assert not window.is_open


class Recorder:
    def __init__(self):
        self.calls = []

    def callRemote(self, command, **kwargs):
        self.calls.append((command, kwargs))
        return {}

    def close(self):
        pass


@pytest.mark.parametrize("value, text", [("Hi", "Hi"), (42, "42"), ([1, 2], "[1, 2]")])
def test_say_sends_what_print_would_show(value, text):
    recorder = Recorder()
    previous = client.use_connection(recorder)
    try:
        assert say(value) is None
    finally:
        client.use_connection(previous)
    assert recorder.calls == [(Say, {"text": text})]
