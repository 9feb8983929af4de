"""Notebook mode: pictures, dialogs and sounds in the cell's output, for a notebook with no screen.

A notebook served from elsewhere (a university JupyterHub, Google Colab,
Codespaces, VS Code connected to a remote machine) runs its Python, the
*kernel*, on a computer with no screen: no window can reach the student.
In notebook mode no GUI process starts; every command is answered in the
kernel by the plugins' notebook responders, which put what a window would
show into the running cell's output:

* ``media.show(pic)`` puts the picture in the output, ``media.update(pic)``
  redraws that same output in place (so an animation plays), and
  ``media.close(pic)`` leaves a small faded copy;
* ``media.say`` shows its message, and every dialog (``ask``,
  ``ask_number``, ``choose_file``...) asks in the notebook: the person
  types the answer in the box the notebook shows, and a wrong answer is
  refused with the same words the window would use;
* ``media.play`` puts an audio player in the output.

When it applies
---------------

* In a Jupyter kernel on a computer with no screen (on Linux: no
  ``$DISPLAY``): automatically.
* In any notebook, chosen in code: :func:`use_notebook` (``media.use_notebook()``),
  and back to windows with :func:`use_windows` (``media.use_windows()``).
* Chosen for a whole course: the environment variable
  ``PYGRAPHICS_NOTEBOOK=1`` (notebook mode in every notebook, even with a
  screen) or ``PYGRAPHICS_NOTEBOOK=0`` (always windows).

Plain scripts and the Python shell never use it, whatever is set.
Headless mode (``PYGRAPHICS_HEADLESS=1``, for autograders) comes first.

Plugins take part through the hook ``pygraphics_notebook_responders`` (see
:mod:`pygraphics_core.hookspecs`): one function per command, called with a
:class:`NotebookSession`, which renders (where headless mode's session
records). IPython is used only here, when the kernel has it already; the
ipywidgets package is used when it is installed (:attr:`NotebookSession.widgets`).
"""

from __future__ import annotations

import itertools
import math
import os
import sys
import time
from typing import Any, Callable

from pygraphics_core import notebook_views
from pygraphics_core.in_process import InProcessConnection, describe_origin

__all__ = [
    "ENABLE_VARIABLE",
    "NoNotebookResponderError",
    "NotebookCannotAskError",
    "NotebookConnection",
    "NotebookOutput",
    "NotebookSession",
    "applies",
    "current_session",
    "has_screen",
    "in_notebook",
    "use_notebook",
    "use_windows",
]

#: "1" (or yes/true/on): notebook mode in every notebook, even with a screen;
#: "0" (or no/false/off): Tk windows in every notebook; unset: notebook mode
#: in a notebook whose computer has no screen.
ENABLE_VARIABLE = "PYGRAPHICS_NOTEBOOK"


class NotebookCannotAskError(RuntimeError):
    """A dialog needed an answer, but the notebook runs with no person to type one."""


class NoNotebookResponderError(RuntimeError):
    """A plugin's command needs an answer that only its window can give, in a notebook."""


# -- where it applies --------------------------------------------------------

def in_notebook() -> bool:
    """True when this Python is a Jupyter kernel (IPython with ipykernel) running a notebook."""
    if "ipykernel" not in sys.modules:
        return False
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return shell is not None and getattr(shell, "kernel", None) is not None


def has_screen() -> bool:
    """True when a Tk window opened here could reach a screen.

    Windows and macOS always have one. Elsewhere Tk needs an X display
    (``$DISPLAY``, which Wayland desktops provide too).
    """
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY"))


#: What the student chose in code: "notebook", "windows", or None (automatic).
_choice: str | None = None
#: The connection to the GUI process in use when notebook mode was chosen.
_windows_connection: Any = None


def applies() -> bool:
    """True when PyGraphics should answer in the notebook rather than open windows.

    See "When it applies" above. Never in a plain script or Python shell.
    """
    if _choice == "windows" or not in_notebook():
        return False
    if _choice == "notebook":
        return True
    setting = os.environ.get(ENABLE_VARIABLE, "").strip().lower()
    if setting in ("0", "no", "false", "off"):
        return False
    if setting:
        return True
    return not has_screen()


def use_notebook() -> None:
    """Show pictures, dialogs and sounds in this notebook instead of windows.

    ``media.show(pic)`` then puts the picture below the cell that runs it,
    ``media.update(pic)`` redraws it there, and dialogs ask you to type
    the answer in the notebook. A notebook on a computer with no screen
    (JupyterHub, Colab...) does this by itself; call this to have it on
    your own computer too. ``media.use_windows()`` goes back to windows.

        >>> media.use_notebook()            # doctest: +SKIP
    """
    from pygraphics_core import client

    global _choice, _windows_connection
    if not in_notebook():
        raise RuntimeError(
            "media.use_notebook() works only in a Jupyter notebook, and this Python is not "
            "running one (it is a script or a Python shell): here PyGraphics shows "
            "pictures in windows. Remove the call, or run your code in a notebook.")
    _choice = "notebook"
    previous = client.use_connection(None)
    if isinstance(previous, NotebookConnection):
        client.use_connection(previous)
        return
    if previous is not None:
        _windows_connection = previous
    client.use_connection(NotebookConnection())


def use_windows() -> None:
    """Show pictures, dialogs and sounds in windows again, not in the notebook.

    Windows need a screen on the computer that runs the notebook's Python:
    on JupyterHub or Colab there is none, and the next window says so.

        >>> media.use_windows()             # doctest: +SKIP
    """
    from pygraphics_core import client

    global _choice, _windows_connection
    _choice = "windows"
    current = client.use_connection(_windows_connection)
    _windows_connection = None
    if current is not None and not isinstance(current, NotebookConnection):
        client.use_connection(current)  # it was windows already


# -- the connection ------------------------------------------------------------

class NotebookConnection(InProcessConnection):
    """The connection :mod:`pygraphics_core.client` uses in notebook mode.

    It answers each command in the kernel through the plugins' notebook
    responders (see :class:`~pygraphics_core.in_process.InProcessConnection`).
    """

    hook_name = "pygraphics_notebook_responders"
    responder_kind = "notebook responder"

    def __init__(self, session: NotebookSession | None = None):
        super().__init__(session if session is not None else current_session())

    def callRemote(self, command: type, **kwargs: Any) -> dict | None:
        """Answer ``command`` in the notebook and return the response."""
        try:
            return super().callRemote(command, **kwargs)
        finally:
            # A frame held back earlier may be due now.
            self.session.send_due_frames()

    def unanswered(self, command: type, arguments: dict) -> dict:
        """A command no plugin answers in a notebook: a note, or an error if it needs an answer."""
        origin = describe_origin(command)
        if command.requiresAnswer and command.response:
            raise NoNotebookResponderError(
                f"The command {command.commandName!r} (from {origin}) needs an answer that "
                f"only its window can give, and there are no windows in this notebook (its "
                f"computer has no screen). The plugin has no notebook responder (the hook "
                f"pygraphics_notebook_responders): ask its authors for one, or run this "
                f"program on a computer with a screen.")
        self.session.note_once(
            command.commandName,
            f"The window of the command {command.commandName!r} (from {origin}) cannot "
            f"open in this notebook: the plugin has no notebook responder (the hook "
            f"pygraphics_notebook_responders). Your program goes on without it.")
        return {}


_session: NotebookSession | None = None


def current_session() -> NotebookSession:
    """The notebook session of this kernel (made on first use)."""
    global _session
    if _session is None:
        _session = NotebookSession()
    return _session


# -- outputs and the session -------------------------------------------------------

_display_numbers = itertools.count(1)


class NotebookOutput:
    """One output in the notebook that PyGraphics can redraw in place.

    Made by :meth:`NotebookSession.display`. It is an IPython display
    handle: :meth:`update` replaces what every copy of it shows (the
    message ``update_display_data`` with its ``display_id``).
    """

    def __init__(self, session: NotebookSession, display_id: str, size: int):
        self.session = session
        #: The IPython display id of this output.
        self.display_id = display_id
        #: The cell run (see :meth:`NotebookSession.current_cell`) it was last put in.
        self.cell = session.current_cell()
        #: How many bytes its last content had (to plan animation frames).
        self.size = size

    def update(self, content: Any, title: str = "") -> None:
        """Redraw this output with ``content`` now (see :meth:`NotebookSession.render`)."""
        self.session.drop_frame(self.display_id)
        self.session._publish(self.session.render(content, title), self.display_id,
                              update=True, output=self)

    def update_frame(self, make_content: Callable[[], Any]) -> None:
        """Redraw this output as one frame of an animation.

        ``make_content()`` returns the content; it is called only for the
        frames that are sent. Frames that come faster than a notebook can
        take them (the Jupyter server drops output above about 1 MB/s)
        are skipped, except the last: it is sent at the next chance, and
        at the latest when the cell finishes.
        """
        def send() -> int:
            self.session._publish(self.session.render(make_content()), self.display_id,
                                  update=True, output=self)
            return self.size

        self.session.send_frame(self.display_id, send, self.size)

    @property
    def in_this_cell(self) -> bool:
        """True when this output belongs to the cell running now."""
        return self.cell == self.session.current_cell()

    def show_here(self, content: Any, title: str = "") -> None:
        """Show ``content`` in the running cell: redraw this output if it is there, else put
        a copy of it there (older copies keep being redrawn with it)."""
        if self.in_this_cell:
            self.update(content, title)
            return
        self.session.drop_frame(self.display_id)
        self.cell = self.session.current_cell()
        self.session._publish(self.session.render(content, title), self.display_id,
                              update=False, output=self)


class NotebookSession:
    """What notebook responders use: put things in the cell's output, and ask the person.

    There is one per kernel (:func:`current_session`). Where headless
    mode's session records, this one renders:

    * :meth:`display` shows content in the output and returns a
      :class:`NotebookOutput` to redraw it;
    * :meth:`ask` reads an answer typed in the notebook, checked by the
      plugin's own function;
    * :meth:`message` shows a message in a coloured box;
    * :attr:`widgets` is the ipywidgets module, or None when it is not installed.
    """

    #: Animation frames are held back beyond this many bytes per second
    #: (the Jupyter server's default limit is 1,000,000).
    FRAME_BYTES_PER_SECOND = 400_000
    #: ... allowing a burst of this many bytes.
    FRAME_BURST_BYTES = 1_200_000
    #: ... and at most this many frames per second.
    FRAMES_PER_SECOND = 30

    def __init__(self):
        #: Responders added in code: ``{command class: function(session, **arguments)}``.
        self.responders: dict[type, Callable] = {}
        self._pending_frames: dict[str, tuple[Callable[[], int], int]] = {}
        self._frame_tokens = float(self.FRAME_BURST_BYTES)
        self._tokens_at = time.monotonic()
        self._last_frame_at = -math.inf
        self._noted: set[str] = set()
        self._hooked_cell_end = False

    def register(self, command: type, responder: Callable) -> None:
        """Answer ``command`` with ``responder(session, **arguments) -> dict`` from now on."""
        self.responders[command] = responder

    # -- showing ----------------------------------------------------------------

    def render(self, content: Any, title: str = "") -> dict:
        """Return the MIME bundle that shows ``content``.

        ``content`` is a MIME bundle (a dict such as ``{"text/html": ...,
        "text/plain": ...}``), a picture (Pillow image or media Picture,
        shown with ``title`` and its size), a string (shown as plain text),
        or any object IPython knows how to show.
        """
        if isinstance(content, dict):
            return content
        if isinstance(content, str):
            return notebook_views.text_bundle(content)
        if hasattr(content, "getpixel") or hasattr(content, "get_image"):
            return notebook_views.picture_bundle(content, title)
        shell = _shell()
        data, _metadata = shell.display_formatter.format(content)
        return data

    def display(self, content: Any, title: str = "") -> NotebookOutput:
        """Show ``content`` (see :meth:`render`) in the running cell's output; return its handle."""
        display_id = f"pygraphics-{os.getpid()}-{next(_display_numbers)}"
        output = NotebookOutput(self, display_id, 0)
        self._publish(self.render(content, title), display_id, update=False, output=output)
        return output

    def display_widget(self, widget: Any, again: NotebookOutput | None = None) -> NotebookOutput:
        """Show an ipywidgets widget in the running cell's output; return its handle.

        With ``again`` (the handle of an earlier display of it), show it
        once more, in this cell, under the same display id.
        """
        from IPython.display import display

        if again is not None:
            self.drop_frame(again.display_id)
            display(widget, display_id=again.display_id)
            again.cell = self.current_cell()
            return again
        display_id = f"pygraphics-{os.getpid()}-{next(_display_numbers)}"
        display(widget, display_id=display_id)
        return NotebookOutput(self, display_id, 0)

    def html(self, markup: str, plain: str = "") -> dict:
        """Content that is HTML (``plain`` for front ends that show only text)."""
        return notebook_views.html_bundle(markup, plain)

    def message(self, text: str, kind: str = "say", title: str = "") -> NotebookOutput:
        """Show ``text`` in a box: kind ``say``, ``information``, ``warning``, ``error`` or ``note``."""
        return self.display(notebook_views.message_bundle(text, kind, title))

    def note_once(self, key: str, text: str) -> None:
        """Show a note, once per kernel for each ``key``."""
        if key not in self._noted:
            self._noted.add(key)
            self.message(text, "note")

    @property
    def widgets(self) -> Any:
        """The ipywidgets module if it is installed, else None."""
        try:
            import ipywidgets
        except ImportError:
            return None
        return ipywidgets

    # -- asking ---------------------------------------------------------------------

    def ask(self, prompt: str, read: Callable[[str], Any], hidden: bool = False) -> Any:
        """Ask the person to type an answer in the notebook; return ``read(typed)``.

        ``read`` gets the line typed (without its line break) and returns
        the answer, or raises ValueError with a message for the person:
        the message is shown and the question asked again. With
        ``hidden`` the typed letters show as dots (a password).

        Raises :class:`NotebookCannotAskError` when the notebook runs with
        no person to answer (``nbconvert --execute``, an autograder).
        """
        self.send_due_frames(everything=True)
        while True:
            typed = self._read_line(prompt, hidden)
            try:
                return read(typed)
            except ValueError as why:
                print(why, flush=True)

    def _read_line(self, prompt: str, hidden: bool) -> str:
        from IPython.core.error import StdinNotImplementedError

        try:
            if hidden:
                import getpass

                return getpass.getpass(prompt)
            return input(prompt)
        except StdinNotImplementedError:
            raise NotebookCannotAskError(
                f"PyGraphics needs an answer typed in the notebook ({prompt.strip()!r}), but "
                f"this notebook runs with no one to type it (it was started without input, "
                f"for example by nbconvert --execute or an autograder). Autograders: run "
                f"with PYGRAPHICS_HEADLESS=1 and prepared answers.") from None

    # -- the cell being run ----------------------------------------------------------------

    def current_cell(self) -> Any:
        """Something that tells the cell runs apart: the id of the kernel's request."""
        shell = _shell()
        parent = getattr(shell, "parent_header", None) or {}
        message_id = parent.get("header", {}).get("msg_id") if isinstance(parent, dict) else None
        return message_id or getattr(shell, "execution_count", None)

    # -- sending ----------------------------------------------------------------------

    def _publish(self, bundle: dict, display_id: str, update: bool,
                 output: NotebookOutput) -> None:
        from IPython.display import display

        self._hook_cell_end()
        display(bundle, raw=True, display_id=display_id, update=update)
        output.size = sum(len(value) for value in bundle.values() if isinstance(value, str))

    def send_frame(self, key: str, send: Callable[[], int], expected_size: int) -> None:
        """Send one frame of an animation now, or hold it back if frames come too fast.

        ``send()`` sends the frame and returns how many bytes it sent;
        ``expected_size`` is the guess before it runs (the last frame's
        size). A frame held back is replaced by the next one with the same
        ``key``; the last is sent at the next chance, at the latest when
        the cell finishes (see :meth:`NotebookOutput.update_frame`).
        """
        self._pending_frames[key] = (send, expected_size)
        self.send_due_frames()

    def drop_frame(self, key: str) -> None:
        """Forget the frame held back under ``key`` (its output was redrawn or closed)."""
        self._pending_frames.pop(key, None)

    def send_due_frames(self, everything: bool = False) -> None:
        """Send the animation frames held back, as many as the budget allows (or all)."""
        for key in list(self._pending_frames):
            send, expected_size = self._pending_frames[key]
            if not everything and not self._frame_allowed(expected_size):
                continue
            del self._pending_frames[key]
            self._frame_tokens -= send()
            self._last_frame_at = time.monotonic()

    def _frame_allowed(self, size: int) -> bool:
        now = time.monotonic()
        self._frame_tokens = min(float(self.FRAME_BURST_BYTES),
                                 self._frame_tokens
                                 + (now - self._tokens_at) * self.FRAME_BYTES_PER_SECOND)
        self._tokens_at = now
        return (now - self._last_frame_at >= 1 / self.FRAMES_PER_SECOND
                and self._frame_tokens >= min(size, self.FRAME_BURST_BYTES))

    def _hook_cell_end(self) -> None:
        if not self._hooked_cell_end:
            self._hooked_cell_end = True
            _shell().events.register("post_run_cell", self._at_cell_end)

    def _at_cell_end(self, *_result: Any) -> None:
        # The last frame of an animation is never lost: it is sent before
        # the cell is reported finished, into that cell's output.
        self.send_due_frames(everything=True)


def _shell() -> Any:
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        raise RuntimeError("PyGraphics' notebook mode needs a running Jupyter kernel "
                           "(IPython); this Python has none.")
    return shell
