"""The helpers plugin authors use to drive a dialog with real key presses."""

import time

import pytest

from pygraphics_core.testing import (
    DialogDidNotAnswer, answer_dialog, press_keys, type_text, wait_until)


def make_dialog(root):
    """The smallest dialog the helpers accept: show(), result, focus_widget."""
    import tkinter

    dialog = tkinter.Toplevel(root)
    dialog.result = None
    entry = tkinter.Entry(dialog)
    entry.pack()
    dialog.focus_widget = entry

    def show():
        dialog.deiconify()
        dialog.bind("<Map>", lambda event: (dialog.focus_force(), entry.focus_set()))

    def accept(event):
        dialog.result = entry.get()
        dialog.destroy()

    dialog.show = show
    dialog.bind("<Return>", accept)
    return dialog


def test_typed_text_and_keys_reach_the_dialog_and_its_answer_comes_back(tk_root):
    assert answer_dialog(make_dialog(tk_root), type="hello", keys=["Return"]) == "hello"


def test_actions_run_once_the_dialog_has_the_focus(tk_root):
    def type_more(dialog):
        assert dialog.focus_get() is dialog.focus_widget
        type_text("!", display=dialog.winfo_screen())
        press_keys("Return", display=dialog.winfo_screen())

    assert answer_dialog(make_dialog(tk_root), type="hi", actions=[type_more]) == "hi!"


def test_a_dialog_nobody_answers_fails_the_test_in_bounded_time(tk_root):
    dialog = make_dialog(tk_root)
    started = time.monotonic()
    with pytest.raises(DialogDidNotAnswer, match="still open after 0.5 s"):
        answer_dialog(dialog, type="no enter", timeout=0.5)
    assert time.monotonic() - started < 5
    assert not dialog.winfo_exists()


def test_wait_until_names_what_it_waited_for(tk_root):
    with pytest.raises(AssertionError, match="gave up after 0.2 s waiting for the moon"):
        wait_until(tk_root, lambda: False, timeout=0.2, what="the moon")
