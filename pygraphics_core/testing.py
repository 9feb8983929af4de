"""Test helpers for plugin authors and graders (a pytest plugin).

Two kinds of tests use PyGraphics without a person at the screen:

* **plugin tests** run a real dialog or window on a virtual display (Xvfb)
  and drive it with real key presses (xdotool), as a person would;
* **grading scripts** run student code in headless mode (no window at all:
  see :mod:`pygraphics_core.headless`) and check what it showed and said.

Fixtures (for a test suite that opts in to PyGraphics' pytest plugin:
``-p pygraphics_gui.pytest_fixtures``, see that module):

``headless``
    Headless mode for one test, with a fresh recording: answer dialogs with
    ``headless.answers`` and look at ``headless.shown`` afterwards.

``tk_root`` (a hidden Tk root on the test display, to test a window or
dialog class directly with :func:`answer_dialog`) comes from
:mod:`pygraphics_gui.pytest_fixtures`, the plugin that brings them all: it
needs Tk, which the core never imports.

The fixtures for the real GUI process on a virtual display (``gui_display``,
``gui_screen``, ``gui_client``, ``student``) live in
:mod:`pygraphics_core.pytest_plugin`; this module adds what graders and
dialog authors need on top of them.

Helpers for Tk windows (call them from a test that has a display; they do
not import tkinter themselves, so this module is safe to import anywhere):

:func:`answer_dialog`
    show a dialog, press keys in it, and return its answer.
:func:`press_keys`, :func:`type_text`, :func:`click`
    send real key presses (or mouse clicks) to the window under them,
    with xdotool.

Example, a plugin author testing a dialog class with a plain Tk root::

    from pygraphics_core.testing import answer_dialog

    def test_typing_a_number_and_enter_answers_it(tk_root):
        dialog = NumberDialog(tk_root, "How many?", minimum=1, maximum=10)
        assert answer_dialog(dialog, type="7", keys=["Return"]) == 7

Example, a grader::

    def test_the_student_asks_for_a_size_and_shows_a_picture(headless):
        headless.answers["ask_number"] = [200]
        run_student_program()
        assert headless.pictures[-1].size == (200, 200)
"""

import os
import shutil
import subprocess
import time

import pytest

__all__ = [
    "DialogDidNotAnswer",
    "answer_dialog",
    "click",
    "headless",
    "press_keys",
    "type_text",
    "wait_until",
]

#: Bound on every wait for a window to react, in seconds.
DEFAULT_TIMEOUT = 10.0


class DialogDidNotAnswer(AssertionError):
    """A dialog under test was still open when the time allowed ran out."""


def _xdotool(*arguments, display=None):
    if shutil.which("xdotool") is None:
        raise RuntimeError("xdotool is not installed: the PyGraphics GUI tests "
                           "need it (apt install xdotool)")
    environment = dict(os.environ)
    if display:
        environment["DISPLAY"] = display
    subprocess.run(["xdotool", *arguments], check=True, env=environment,
                   timeout=DEFAULT_TIMEOUT)


def press_keys(*keys, display=None):
    """Press and release each key in turn, in the focused window.

    Keys are X key names: ``"Return"``, ``"Escape"``, ``"Tab"``, ``"space"``,
    ``"Down"``, ``"y"``, ``"ctrl+a"``...
    """
    if keys:
        _xdotool("key", "--delay", "30", *keys, display=display)


def type_text(text, display=None):
    """Type ``text`` into the focused window, one real key press per character."""
    if text:
        _xdotool("type", "--delay", "15", "--", text, display=display)


def click(times=1, button=1, display=None):
    """Click the mouse where the pointer is: ``times=2`` double-clicks."""
    _xdotool("click", "--repeat", str(times), "--delay", "60", str(button), display=display)


def wait_until(widget, condition, timeout=DEFAULT_TIMEOUT, what="the window to be ready"):
    """Run ``widget``'s Tk event loop until ``condition()`` is true.

    Raises AssertionError naming ``what`` if it is still false after
    ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout} s waiting for {what}")
        widget.update()
        # A short pause between polls of a real event (the X server's reply),
        # so the loop does not spin the CPU.
        time.sleep(0.01)


def answer_dialog(dialog, type=None, keys=(), actions=(), timeout=DEFAULT_TIMEOUT):
    """Show ``dialog``, act on it like a person, and return its answer.

    ``dialog`` is a Tk Toplevel with ``show()`` and a ``result`` attribute
    that is destroyed once answered (every dialog of pygraphics-ask, and the
    dialogs the plugin template makes); if it has a ``focus_widget``
    attribute, that widget must have the keyboard focus before any key is
    pressed. Once the dialog has the keyboard focus, ``type`` is typed, then ``keys`` are pressed, then each of
    ``actions`` (functions taking the dialog) is called. Returns
    ``dialog.result`` once the dialog has closed; raises
    :class:`DialogDidNotAnswer` if it is still open after ``timeout`` s.
    """
    dialog.show()
    # Keys pressed before Tk has routed the focus to the field are lost, so
    # wait for the very widget that should have it, when the dialog says.
    wanted = getattr(dialog, "focus_widget", None)
    if wanted is None:
        wait_until(dialog, lambda: dialog.focus_get() is not None, timeout,
                   "the dialog to get the keyboard focus")
    else:
        wait_until(dialog, lambda: dialog.focus_get() is wanted, timeout,
                   "the dialog to get the keyboard focus")
    display = dialog.winfo_screen()
    type_text(type, display=display)
    press_keys(*keys, display=display)
    for action in actions:
        action(dialog)
    timed_out = []

    def give_up():
        timed_out.append(True)
        dialog.destroy()

    # wait_window returns when the dialog closes: bound it with a timer.
    if not dialog.winfo_exists():  # the actions answered it already
        return dialog.result
    timer = dialog.after(int(timeout * 1000), give_up)
    try:
        dialog.wait_window()
    finally:
        try:
            dialog.after_cancel(timer)
        except Exception:  # the interpreter is gone with the dialog: nothing to cancel
            pass
    if timed_out:
        raise DialogDidNotAnswer(f"the dialog was still open after {timeout} s")
    return dialog.result


@pytest.fixture
def headless(tmp_path):
    """Headless mode for one test: no GUI process, dialogs answered from a script.

    Yields the :class:`pygraphics_core.headless.HeadlessSession` that records
    what the code under test showed (``.shown``, ``.pictures``, ``.texts``)
    and whose ``.answers`` the test fills before running the code. Pictures
    are also saved as PNG files in ``tmp_path / "shown"``. The previous
    connection is restored afterwards.
    """
    from pygraphics_core import headless as headless_mode

    session = headless_mode.enable(save_to=tmp_path / "shown")
    try:
        yield session
    finally:
        headless_mode.disable()
