"""Driving Tk windows from a test, through Tk itself: keys, typing, clicks, drags.

These helpers act on windows of the test's own process (a window or dialog
class made on the ``tk_root`` fixture) as a person would, but without any
extra program: each key press, click or drag is a Tk event made with
``event_generate`` and handled by the window's own bindings, as CPython's
IDLE tests do. So a plugin's tests pass on Windows, macOS and Linux alike.
(To act on the windows of a student's program, which live in its GUI
process, use the ``student`` fixture's
:meth:`~pygraphics_core.remote_windows.RemoteWindow.press` and friends: the
GUI process runs these same helpers.)

Keys are Tk's key names (keysyms): ``"Return"``, ``"Escape"``, ``"Tab"``,
``"space"``, ``"BackSpace"``, ``"Down"``, ``"a"``, ``"7"``, ``"period"``...
with modifiers joined by ``+``: ``"ctrl+a"``, ``"shift+Tab"``,
``"ctrl+End"``. A key goes where the keyboard would send it: to the widget
of the window that has the keyboard focus.

Coordinates are the widget's own, in screen pixels from its top-left
corner. With ``picture=True`` they are a picture's: pixel ``(x, y)`` of
the picture the widget shows (see :func:`picture_point`).

Example, a dialog class tested with a hidden Tk root::

    from pygraphics_gui.testing import answer_dialog, drag, press_keys

    def test_typing_a_number_and_enter_answers_it(tk_root):
        dialog = NumberDialog(tk_root, "How many?", minimum=1, maximum=10)
        assert answer_dialog(dialog, type="7", keys=["Return"]) == 7

    def test_dragging_on_the_picture_chooses_a_region(tk_root):
        window = RegionWindow(tk_root, picture)
        window.show()
        drag(window.canvas, (10, 20), (60, 45), picture=True)
        press_keys(window, "Return")
        assert window.result == (10, 20, 60, 45)
"""

from __future__ import annotations

import time
import tkinter

import _tkinter

__all__ = [
    "DEFAULT_TIMEOUT",
    "DialogDidNotAnswer",
    "answer_dialog",
    "click",
    "drag",
    "find_widget",
    "picture_point",
    "press_button",
    "press_keys",
    "type_text",
    "wait_until",
]

#: Bound on every wait for a window to react, in seconds.
DEFAULT_TIMEOUT = 10.0

#: What ``ctrl``, ``shift``... in a key name stand for in a Tk event pattern.
_MODIFIERS = {"ctrl": "Control", "control": "Control", "shift": "Shift", "alt": "Alt",
              "option": "Option", "command": "Command", "cmd": "Command", "meta": "Meta"}

#: The Tk key names of the printable ASCII characters that are not their own name.
_CHARACTER_KEYS = {
    " ": "space", "!": "exclam", '"': "quotedbl", "#": "numbersign", "$": "dollar",
    "%": "percent", "&": "ampersand", "'": "apostrophe", "(": "parenleft",
    ")": "parenright", "*": "asterisk", "+": "plus", ",": "comma", "-": "minus",
    ".": "period", "/": "slash", ":": "colon", ";": "semicolon", "<": "less",
    "=": "equal", ">": "greater", "?": "question", "@": "at", "[": "bracketleft",
    "\\": "backslash", "]": "bracketright", "^": "asciicircum", "_": "underscore",
    "`": "grave", "{": "braceleft", "|": "bar", "}": "braceright", "~": "asciitilde",
    "\n": "Return", "\t": "Tab",
}

#: The state bit Tk sets while each mouse button is held (X11's Button1Mask...).
_BUTTON_HELD = {1: 0x100, 2: 0x200, 3: 0x400}


class DialogDidNotAnswer(AssertionError):
    """A dialog under test was still open when the time allowed ran out."""


#: The most window events handled after one key or click (a window that
#: redraws for ever must not hold the test).
_MOST_EVENTS_HANDLED = 1000


def _settle(tk) -> None:
    """Let Tk carry out what the last event started: window events and idle tasks only.

    Not a full ``update``: that would also run timers and socket handlers,
    such as the GUI process's for the student's next command or the
    test's next action, in the middle of this one.
    """
    for _ in range(_MOST_EVENTS_HANDLED):
        if not tk.dooneevent(_tkinter.WINDOW_EVENTS | _tkinter.DONT_WAIT):
            break
    tk.call("update", "idletasks")


# -- the keyboard -----------------------------------------------------------------

def press_keys(widget: tkinter.Misc, *keys: str) -> None:
    """Press and release each key in turn, in the window of ``widget``.

    The keys go to the widget that has the keyboard focus in that window
    (as the keyboard's would); the window gets the focus first if it does
    not have it. Raises AssertionError if the window closes before every
    key has been pressed (an Enter that closed a dialog, then one more key).
    """
    tk, toplevel = widget.tk, _toplevel_path(widget)
    for position, key in enumerate(keys):
        pattern, keysym = _key_event(key)
        _press(tk, toplevel, pattern, keysym, f"the key {key!r}", keys[position:])


def type_text(widget: tkinter.Misc, text: str) -> None:
    """Type ``text`` in the window of ``widget``, one key press per character.

    Printable ASCII characters, ``"\\n"`` (Return) and ``"\\t"`` (Tab) are
    pressed as keys. Other characters (``é``, ``李``), which a keyboard
    layout may not have, are inserted into the focused text field as a
    paste would put them.
    """
    tk, toplevel = widget.tk, _toplevel_path(widget)
    for position, character in enumerate(text):
        keysym = _CHARACTER_KEYS.get(character)
        if keysym is None and character.isascii() and character.isalnum():
            keysym = character
        where = f"the character {character!r} of {text!r}"
        if keysym is not None:
            _press(tk, toplevel, "<KeyPress>", keysym, where, text[position:])
        else:
            focused = _focus_in(tk, toplevel, where, text[position:])
            try:
                tk.call(focused, "insert", "insert", character)
            except tkinter.TclError:
                raise ValueError(
                    f"cannot type {character!r}: the focused widget {focused} does not take "
                    f"text (only keys that are ASCII characters can be pressed there)") from None
            _settle(tk)


def _key_event(key: str) -> tuple[str, str]:
    """Turn ``"ctrl+End"`` into the Tk event pattern and key name to generate."""
    # The last part is the key itself, which may be "+" ("ctrl++").
    head, plus, keysym = key[:-1].rpartition("+")
    keysym += key[-1:]
    modifiers = head.split("+") if plus else []
    prefix = ""
    for modifier in modifiers:
        name = _MODIFIERS.get(modifier.lower())
        if name is None:
            raise ValueError(f"unknown modifier {modifier!r} in the key {key!r}: use "
                             f"{', '.join(sorted(set(_MODIFIERS)))}")
        prefix += name + "-"
    return f"<{prefix}KeyPress>", _CHARACTER_KEYS.get(keysym, keysym)


def _press(tk, toplevel: str, pattern: str, keysym: str, what: str, remaining) -> None:
    focused = _focus_in(tk, toplevel, what, remaining)
    try:
        tk.call("event", "generate", focused, pattern, "-keysym", keysym)
        if tk.call("winfo", "exists", focused):
            tk.call("event", "generate", focused,
                    pattern.replace("KeyPress", "KeyRelease"), "-keysym", keysym)
    except tkinter.TclError as error:
        if "bad keysym" in str(error):
            raise ValueError(f"{keysym!r} is not a Tk key name (try 'Return', 'Escape', "
                             f"'Tab', 'space', 'Down', 'a')") from None
        raise
    _settle(tk)


def _focus_in(tk, toplevel: str, what: str, remaining) -> str:
    """Give the keyboard focus to ``toplevel`` unless it has it; return the focused widget.

    Tk only delivers keys while its application has the focus. The
    operating system may give it to another program (the terminal that runs
    the tests, on macOS and Windows), so the focus is taken back before
    each key: ``focus -force`` makes Tk deliver the next key here at once.
    """
    if tk.call("winfo", "exists", toplevel):
        _catch_up(tk, toplevel)
    if not tk.call("winfo", "exists", toplevel):
        raise AssertionError(f"the window closed before {what} could be pressed "
                             f"(keys left: {list(remaining)!r})")
    focused = str(tk.call("focus"))
    if not focused or str(tk.call("winfo", "toplevel", focused)) != toplevel:
        focused = str(tk.call("focus", "-lastfor", toplevel))
        # Nothing is handled between this and the key: had a focus event
        # from the window system come in between (another program taking
        # the focus), Tk would drop the key.
        tk.call("focus", "-force", focused)
    return focused


def _catch_up(tk, window: str) -> None:
    """Let Tk finish what it has begun, as it would before a person's next key.

    A dialog just shown maps its fields when Tk is idle, and the focus it
    gives a field that is not mapped yet moves there only once the window
    system says the field is on the screen. So: the idle tasks, then a round
    trip to the window system (asking where the pointer is), then the window
    events it sent (<Map>, the focus).
    """
    tk.call("update", "idletasks")
    tk.call("winfo", "pointerxy", window)
    _settle(tk)


# -- the mouse ---------------------------------------------------------------------

def click(widget: tkinter.Misc, x: int | None = None, y: int | None = None, *,
          button: int = 1, times: int = 1, picture: bool = False) -> None:
    """Click ``widget`` at ``(x, y)`` (its middle if not given); ``times=2`` double-clicks.

    The pointer first enters the widget and moves there, so hover effects
    and ``<Motion>`` bindings see it as they would a real mouse. With
    ``picture=True``, ``(x, y)`` is a pixel of the picture the widget shows
    (:func:`picture_point`).
    """
    tk, path = widget.tk, str(widget)
    tk.call("update", "idletasks")
    if x is None or y is None:
        if picture:
            raise ValueError("click(..., picture=True) needs the pixel's x and y")
        x = int(tk.call("winfo", "width", path)) // 2
        y = int(tk.call("winfo", "height", path)) // 2
    elif picture:
        x, y = picture_point(widget, x, y)
    _pointer_to(tk, path, x, y)
    for _ in range(times):
        _mouse(tk, path, "<ButtonPress>", x, y, button=button)
        _mouse(tk, path, "<ButtonRelease>", x, y, button=button)
    _settle(tk)


def drag(widget: tkinter.Misc, start: tuple[int, int], end: tuple[int, int], *,
         button: int = 1, steps: int = 8, picture: bool = False) -> None:
    """Press the mouse button at ``start``, move to ``end`` in ``steps`` moves, release.

    Each move is a ``<B1-Motion>`` event (``<B3-Motion>`` for ``button=3``)
    on the way, as a hand moving the mouse makes. With ``picture=True``,
    ``start`` and ``end`` are pixels of the picture the widget shows.
    """
    tk, path = widget.tk, str(widget)
    tk.call("update", "idletasks")
    if picture:
        start, end = picture_point(widget, *start), picture_point(widget, *end)
    (x0, y0), (x1, y1) = start, end
    _pointer_to(tk, path, x0, y0)
    _mouse(tk, path, "<ButtonPress>", x0, y0, button=button)
    held = _BUTTON_HELD.get(button, 0)
    for step in range(1, max(1, steps) + 1):
        x = x0 + (x1 - x0) * step // max(1, steps)
        y = y0 + (y1 - y0) * step // max(1, steps)
        _mouse(tk, path, "<Motion>", x, y, state=held)
    _mouse(tk, path, "<ButtonRelease>", x1, y1, button=button, state=held)
    _settle(tk)


def _pointer_to(tk, path: str, x: int, y: int) -> None:
    _mouse(tk, path, "<Enter>", x, y)
    _mouse(tk, path, "<Motion>", x, y)


def _mouse(tk, path: str, pattern: str, x: int, y: int, button: int | None = None,
           state: int = 0) -> None:
    if not tk.call("winfo", "exists", path):
        return  # the last click closed it, as a real click may
    options = ["-x", int(x), "-y", int(y)]
    if button is not None:
        options += ["-button", button]
    if state:
        options += ["-state", state]
    tk.call("event", "generate", path, pattern, *options)


def picture_point(widget: tkinter.Misc, x: int, y: int) -> tuple[int, int]:
    """Return where, in ``widget``, pixel ``(x, y)`` of the picture it shows is.

    ``widget`` is either a widget with a ``widget_point(x, y)`` method that
    answers this itself (a zoomable picture view should have one), or a
    ``tkinter.Canvas`` with an image item (the picture, at 100 %): the
    pixel is found from the item's top-left corner and the canvas's scroll
    position. Raises ValueError if ``widget`` shows no picture this way.
    """
    own = getattr(widget, "widget_point", None)
    if callable(own):
        point = own(x, y)
        return int(point[0]), int(point[1])
    tk, path = widget.tk, str(widget)
    try:
        images = [item for item in tk.splitlist(tk.call(path, "find", "all"))
                  if tk.call(path, "type", item) == "image"]
    except tkinter.TclError:
        images = []
    if not images:
        raise ValueError(
            f"{path} shows no picture that picture coordinates can refer to: use a Canvas "
            f"with the picture as an image item, or give the widget a method "
            f"widget_point(x, y) that returns where pixel (x, y) is in it")
    left, top, _, _ = (int(value) for value in tk.splitlist(tk.call(path, "bbox", images[0])))
    # The canvas may be scrolled: canvasx(0) is the canvas x at the widget's left edge.
    scrolled_x = float(tk.call(path, "canvasx", 0))
    scrolled_y = float(tk.call(path, "canvasy", 0))
    return int(left + x - scrolled_x), int(top + y - scrolled_y)


# -- buttons and widgets ------------------------------------------------------------

def find_widget(window: tkinter.Misc, name: str) -> tkinter.Misc:
    """Return the widget of ``window`` named ``name``, or the first of that class.

    ``name`` is the name the widget was made with
    (``tkinter.Canvas(self, name="picture")``) or a Tk class name
    (``"Canvas"``, ``"TButton"``). Raises LookupError naming what there is.
    """
    path = _find_path(window.tk, str(window), name)
    return window.nametowidget(path)


def _find_path(tk, window: str, name: str) -> str:
    descendants = _descendants(tk, window)
    for wanted in ("name", "class"):
        for path in descendants:
            if str(tk.call("winfo", wanted, path)) == name:
                return path
    there = sorted({str(tk.call("winfo", "name", path)) for path in descendants})
    raise LookupError(f"{window} has no widget named {name!r} and none of that class; "
                      f"its widgets are named: {', '.join(there) or '(none)'}")


def _descendants(tk, path: str) -> list[str]:
    found = [path]
    for child in tk.splitlist(tk.call("winfo", "children", path)):
        found.extend(_descendants(tk, str(child)))
    return found


def press_button(window: tkinter.Misc, text: str) -> None:
    """Press the button of ``window`` whose text is ``text`` (its command runs).

    Raises LookupError listing the buttons there are, and ValueError if the
    button is disabled (a person could not press it either).
    """
    tk = window.tk
    tk.call(_find_button(tk, str(window), text), "invoke")
    _settle(tk)


def _find_button(tk, window: str, text: str) -> str:
    """Return the path of the enabled button of ``window`` whose text is ``text``."""
    labels = []
    for path in _descendants(tk, window):
        try:
            label = str(tk.call(path, "cget", "-text"))
            tk.call(path, "cget", "-command")
        except tkinter.TclError:
            continue  # not a button: it has no text or no command
        if label != text:
            labels.append(label)
        elif _is_disabled(tk, path):
            raise ValueError(f"the button {text!r} is disabled: it cannot be pressed now")
        else:
            return path
    raise LookupError(f"{window} has no button {text!r}; its buttons are: "
                      f"{', '.join(repr(label) for label in labels) or '(none)'}")


def _is_disabled(tk, path: str) -> bool:
    try:
        return bool(tk.call(path, "instate", "disabled"))  # a ttk widget
    except tkinter.TclError:
        return str(tk.call(path, "cget", "-state")) == "disabled"


def _toplevel_path(widget: tkinter.Misc) -> str:
    return str(widget.tk.call("winfo", "toplevel", str(widget)))


# -- waiting -----------------------------------------------------------------------

def wait_until(widget: tkinter.Misc, condition, timeout: float = DEFAULT_TIMEOUT,
               what: str = "the window to be ready") -> None:
    """Run Tk's event loop until ``condition()`` is true.

    Raises AssertionError naming ``what`` if it is still false after
    ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout} s waiting for {what}")
        widget.tk.call("update")
        # A short pause between polls (the condition is the window's state,
        # which has no event of its own), so the loop does not spin the CPU.
        time.sleep(0.01)


def answer_dialog(dialog, type: str | None = None, keys=(), actions=(),
                  timeout: float = DEFAULT_TIMEOUT):
    """Show ``dialog``, act on it like a person, and return its answer.

    ``dialog`` is a Tk Toplevel with ``show()`` and a ``result`` attribute
    that is destroyed once answered (every dialog of pygraphics-ask, and the
    dialogs ``pygraphics new-plugin`` writes); if it has a
    ``focus_widget`` attribute, that widget gets the keyboard focus before
    any key is pressed. Once it is on screen, ``type`` is typed, then
    ``keys`` are pressed, then each of ``actions`` (functions taking the
    dialog) is called. Returns ``dialog.result`` once the dialog has
    closed; raises :class:`DialogDidNotAnswer` if it is still open after
    ``timeout`` seconds (and closes it).
    """
    dialog.show()
    wait_until(dialog, dialog.winfo_viewable, timeout, "the dialog to appear")
    wanted = getattr(dialog, "focus_widget", None)
    if wanted is not None:
        # A dialog may move the focus when it is mapped: wait until Tk
        # records the focus on the widget meant to have it.
        wait_until(dialog, lambda: str(dialog.tk.call("focus", "-lastfor", dialog)) == str(wanted),
                   timeout, f"the keyboard focus to reach {wanted}")
    if type:
        type_text(dialog, type)
    if keys:
        press_keys(dialog, *keys)
    for action in actions:
        action(dialog)
    if not dialog.winfo_exists():  # answered already
        return dialog.result
    timed_out = []

    def give_up():
        timed_out.append(True)
        dialog.destroy()

    # wait_window returns when the dialog closes: bound it with a timer.
    timer = dialog.after(int(timeout * 1000), give_up)
    try:
        dialog.wait_window()
    finally:
        try:
            dialog.after_cancel(timer)
        except tkinter.TclError:  # the interpreter went with the dialog: nothing to cancel
            pass
    if timed_out:
        raise DialogDidNotAnswer(f"the dialog was still open after {timeout} s")
    return dialog.result
