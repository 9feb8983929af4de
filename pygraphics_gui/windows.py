"""The window class every PyGraphics window is made from.

A :class:`Window` is a Tk ``Toplevel`` that appears centred on the screen,
closes with the window manager's close button or :meth:`Window.close`, and
is counted: the GUI process stays alive while any :class:`Window` is open,
even after the student's program has ended, and exits when the last one is
closed. Plugins subclass it (or put their widgets in one)::

    class SayWindow(Window):
        def __init__(self, text):
            super().__init__("Message")
            tkinter.Label(self, text=text).pack()
"""

from __future__ import annotations

import tkinter
from collections.abc import Callable

#: How far (pixels) each open window moves the next one down and right...
CASCADE_STEP = 30
#: ...for up to this many windows; then the cascade starts again at the centre.
CASCADE_WINDOWS = 8

_open_windows: list["Window"] = []
_close_listeners: list[Callable[[int], None]] = []


def open_windows() -> list["Window"]:
    """Return the windows open now, oldest first."""
    return list(_open_windows)


def add_close_listener(listener: Callable[[int], None]) -> None:
    """Call ``listener(number_still_open)`` after each window closes."""
    _close_listeners.append(listener)


def remove_close_listener(listener: Callable[[int], None]) -> None:
    """Stop calling a listener given to :func:`add_close_listener`."""
    _close_listeners.remove(listener)


class Window(tkinter.Toplevel):
    """A top-level window, centred on the screen when first shown.

    When other windows are open already, it appears a little below and to
    the right of the centre, so it never hides another window exactly.

    ``Window("Message")`` makes a window titled "Message" on the GUI
    process's hidden root window (or on ``master``). Build its contents
    right after making it: it is shown, centred for its finished size, once
    Tk is idle again. With ``take_focus=True`` it also takes the keyboard
    focus when shown (a message that Enter closes); by default it leaves
    the focus where the student is typing.
    """

    def __init__(self, title: str, master: tkinter.Misc | None = None, *,
                 take_focus: bool = False, **options):
        super().__init__(master, **options)
        self._take_focus = take_focus
        # Hidden until its contents are built, so that it appears once, in
        # the right place, instead of jumping there from the corner.
        self.withdraw()
        self.title(title)
        self.protocol("WM_DELETE_WINDOW", self.close)
        self._closed = False
        _open_windows.append(self)
        # A window can also be destroyed from outside (some window managers
        # do it, and xdotool windowclose): Tk forgets it then, and so must
        # the count of open windows.
        self.bind("<Destroy>", self._destroyed_from_outside, add="+")
        self.after_idle(self._show_centred)

    def _show_centred(self) -> None:
        if self._closed:
            return
        self.update_idletasks()
        width, height = self.winfo_reqwidth(), self.winfo_reqheight()
        # Each window that is already open moves the new one a step down and
        # to the right, so that a window never hides another one exactly
        # (a student who shows two pictures sees that there are two).
        step = CASCADE_STEP * ((len(_open_windows) - 1) % CASCADE_WINDOWS)
        x = min(max(0, (self.winfo_screenwidth() - width) // 2 + step),
                max(0, self.winfo_screenwidth() - width))
        y = min(max(0, (self.winfo_screenheight() - height) // 2 + step),
                max(0, self.winfo_screenheight() - height))
        self.geometry(f"+{x}+{y}")
        self.deiconify()
        self.lift()
        if self._take_focus:
            self.focus_force()

    @property
    def is_open(self) -> bool:
        """True until the window is closed."""
        return not self._closed

    def close(self) -> None:
        """Close the window (the same as its close button)."""
        self.destroy()

    def destroy(self) -> None:
        """Destroy the window and tell the process one window fewer is open."""
        if self._closed:
            return
        self._forget()
        super().destroy()
        self._tell_listeners()

    def _destroyed_from_outside(self, event: tkinter.Event) -> None:
        # <Destroy> of a toplevel also comes for each widget inside it.
        if event.widget is self and not self._closed:
            self._forget()
            # Later, not inside Tk's own clean-up of the window: a listener
            # may end the event loop.
            self._root().after_idle(self._tell_listeners)

    def _forget(self) -> None:
        self._closed = True
        _open_windows.remove(self)

    def _tell_listeners(self) -> None:
        remaining = len(_open_windows)
        for listener in list(_close_listeners):
            listener(remaining)
