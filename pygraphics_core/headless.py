"""Headless mode: run students' programs with no screen, for autograders.

In headless mode no GUI process starts and no window opens. Student code
runs unchanged, and:

* ``show``, ``inspect``, ``update``, ``close``, ``say`` and every other
  command that only displays something are *recorded*: a copy of the
  picture as it was at that moment, the text. A grading script reads the
  records (:attr:`HeadlessSession.shown`, :attr:`~HeadlessSession.pictures`,
  :attr:`~HeadlessSession.texts`); with ``save_to`` the pictures are also
  written as PNG files, with a log ``shown.jsonl``, to a folder;
* dialogs take their answers from a script the grader prepares:
  ``choose_file`` returns the next prepared path, ``ask_number`` the next
  prepared number, and a dialog with no answer left raises
  :class:`NoAnswerLeft`, saying which dialog asked.

Turn it on in either of two ways.

From a grading script (the documented call)::

    from pygraphics_core import headless

    session = headless.enable(
        answers={"choose_file": ["cat.jpg"], "ask_number": [3, 4]},
        save_to="shown")
    run_the_students_program()
    assert session.pictures[-1].size == (300, 200)
    headless.disable()

From the shell, for a program run as it is::

    PYGRAPHICS_HEADLESS=1 PYGRAPHICS_HEADLESS_ANSWERS=answers.json \\
    PYGRAPHICS_HEADLESS_SAVE_TO=shown python student.py

where ``answers.json`` holds either a list (answers for any dialog, in
order) or an object mapping a media function's name to its list of
answers: ``{"choose_file": ["cat.jpg"], "ask_number": [3, 4]}``.

Answers: the value a dialog would have returned (a path, a number, True or
False, the chosen item); ``None`` stands for the Cancel button. Instead of a
list, a function may be given: it is called with the dialog's prompt and
returns the answer. Answers given for a function name are used first; the
list under :data:`IN_ORDER` (``"*"``) serves any dialog after that.

Plugins take part through the hook ``pygraphics_headless_responders`` (see
:mod:`pygraphics_core.hookspecs`): a plugin maps its commands to functions
that answer them here, in the student's process, so that a course's own
dialog can be answered from the grader's script too. A command no plugin
answers is recorded with its arguments; it gets an empty response if its
response is empty, and otherwise raises an error naming the command.

Headless mode sends every argument and response through the same AMP
encoding as the real connection, so a wrong argument type fails the same
way in both, and the recorded pictures are copies, not the student's
objects.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from pygraphics_core.in_process import InProcessConnection, describe_origin

__all__ = [
    "ANSWERS_VARIABLE",
    "ENABLE_VARIABLE",
    "HeadlessConnection",
    "HeadlessSession",
    "IN_ORDER",
    "NoAnswerLeft",
    "SAVE_TO_VARIABLE",
    "Shown",
    "current_session",
    "disable",
    "enable",
    "is_enabled",
]

#: Set to anything but "" or "0" to run headless.
ENABLE_VARIABLE = "PYGRAPHICS_HEADLESS"
#: Path of a JSON file with the dialogs' answers (see the module docstring).
ANSWERS_VARIABLE = "PYGRAPHICS_HEADLESS_ANSWERS"
#: Folder to write the shown pictures (PNG) and the log ``shown.jsonl`` to.
SAVE_TO_VARIABLE = "PYGRAPHICS_HEADLESS_SAVE_TO"
#: The key of the answers that serve any dialog, in order.
IN_ORDER = "*"

LOG_NAME = "shown.jsonl"


class NoAnswerLeft(LookupError):
    """A dialog asked for an answer and the grader's script had none left for it."""


@dataclass
class Shown:
    """One thing the program would have put on the screen, or one dialog it opened."""

    #: Its place in the recording: 1 for the first thing shown.
    number: int
    #: The media function (or, for a command no plugin describes, the
    #: command's name in snake_case): 'show', 'say', 'ask_number'...
    function: str
    #: The AMP command that carried it, e.g. 'Show'.
    command: str
    #: A copy of the picture shown, as it was at that moment (a PIL image), or None.
    picture: Any = None
    #: The text shown: what ``say`` said, a dialog's prompt... or None.
    text: str | None = None
    #: For a dialog: the answer the grader's script gave (None = Cancel).
    answer: Any = None
    #: Every argument of the command, as the GUI process would have received it.
    arguments: dict = field(default_factory=dict, repr=False)
    #: The PNG file the picture was written to (with ``save_to``), or None.
    path: Path | None = None


class HeadlessSession:
    """What a program showed and the answers its dialogs get, in headless mode.

    ``answers`` maps a media function's name (``"ask_number"``,
    ``"choose_file"``...) or :data:`IN_ORDER` to a list of answers (used
    from the front) or to a function of the prompt. A plain list given to
    the constructor means answers for any dialog, in order.
    ``save_to`` is a folder (made if needed) for PNG files of the pictures
    shown and a log ``shown.jsonl`` of everything recorded.
    """

    def __init__(self, answers=None, save_to=None):
        self.answers: dict[str, Any] = {}
        if isinstance(answers, dict):
            # Copies, so that using answers up leaves the grader's lists alone.
            self.answers.update({key: list(value) if isinstance(value, (list, tuple)) else value
                                 for key, value in answers.items()})
        elif answers is not None:
            self.answers[IN_ORDER] = list(answers)
        self.save_to = Path(save_to) if save_to is not None else None
        #: Everything recorded, in order.
        self.shown: list[Shown] = []
        #: How many answers each function name has used so far.
        self.used: dict[str, int] = {}
        #: Headless responders added by the grader: {command class: function}.
        self.responders: dict[type, Callable] = {}

    # -- for grading scripts ----------------------------------------------------

    @property
    def pictures(self) -> list:
        """Every picture shown, in order (PIL images, copies taken at the time)."""
        return [record.picture for record in self.shown if record.picture is not None]

    @property
    def texts(self) -> list[str]:
        """Every text shown (said, or asked in a dialog's prompt), in order."""
        return [record.text for record in self.shown if record.text is not None]

    def calls(self, function: str) -> list[Shown]:
        """The records of one media function, in order: ``session.calls('say')``."""
        return [record for record in self.shown if record.function == function]

    def register(self, command: type, responder: Callable) -> None:
        """Answer ``command`` with ``responder(session, **arguments) -> dict`` from now on.

        For a grader who wants to answer a command that has no headless
        responder of its own, or answer one differently.
        """
        self.responders[command] = responder

    # -- for plugins' headless responders --------------------------------------------

    def next_answer(self, function: str, prompt: str | None = None) -> Any:
        """Return the grader's next answer for a dialog of ``function``.

        Answers under ``function`` come first, then those under
        :data:`IN_ORDER`. Raises :class:`NoAnswerLeft`, naming the
        function and the prompt, when none is left.
        """
        for key in (function, IN_ORDER):
            source = self.answers.get(key)
            if source is None:
                continue
            if callable(source):
                self.used[key] = self.used.get(key, 0) + 1
                return source(prompt)
            if isinstance(source, (str, bytes)) or not hasattr(source, "pop"):
                raise TypeError(
                    f"headless answers[{key!r}] should be a list of answers or a "
                    f"function of the prompt, not {source!r}")
            if source:
                self.used[key] = self.used.get(key, 0) + 1
                return source.pop(0)
        asked = f"media.{function}({prompt!r})" if prompt is not None else f"media.{function}()"
        given = ", ".join(f"{self.used[key]} for {key!r}" for key in self.used) or "none yet"
        raise NoAnswerLeft(
            f"{asked} needs an answer, but the grading script has no answer left for it "
            f"(answers used so far: {given}). PyGraphics is running headless (no screen), "
            f"so dialogs are answered from a list: add one, e.g. "
            f"headless.enable(answers={{{function!r}: [...]}}), or a line in the "
            f"{ANSWERS_VARIABLE} file.")

    def record(self, function: str, *, command: str = "", picture=None, text=None,
               answer=None, arguments=None) -> Shown:
        """Record one thing shown and return its record (a :class:`Shown`).

        ``function`` is the media function's name (``"choose_region"``),
        which :meth:`calls` finds it by; the keywords, all optional, fill
        the record's fields of the same names: ``command`` (the AMP
        command's name), ``picture`` (a PIL image, or a media Picture),
        ``text`` (what was said or asked), ``answer`` (the dialog's answer)
        and ``arguments`` (a dict of the command's arguments). A copy of the
        picture is kept, so later changes to it do not change the record;
        with ``save_to``, it is written as a PNG file too.
        """
        if picture is not None:
            if not _is_picture(picture) and hasattr(picture, "get_image"):
                picture = picture.get_image()  # a student's media Picture
            picture = picture.copy()
        record = Shown(number=len(self.shown) + 1, function=function, command=command,
                       picture=picture, text=text, answer=answer,
                       arguments=dict(arguments or {}))
        self.shown.append(record)
        if self.save_to is not None:
            self._save(record)
        return record

    # -- inner workings -------------------------------------------------------------

    def _save(self, record: Shown) -> None:
        self.save_to.mkdir(parents=True, exist_ok=True)
        if record.picture is not None:
            path = self.save_to / f"{record.number:04d}-{record.function}.png"
            picture = record.picture
            if picture.mode not in ("1", "L", "LA", "I", "I;16", "P", "RGB", "RGBA"):
                picture = picture.convert("RGBA" if "A" in picture.mode else "RGB")
            picture.save(path)
            record.path = path
        entry = {"number": record.number, "function": record.function,
                 "command": record.command, "text": record.text,
                 "answer": _jsonable(record.answer),
                 "picture": record.path.name if record.path is not None else None}
        with open(self.save_to / LOG_NAME, "a", encoding="utf-8") as log:
            log.write(json.dumps(entry, ensure_ascii=False) + "\n")


class HeadlessConnection(InProcessConnection):
    """The connection :mod:`pygraphics_core.client` uses in headless mode.

    It answers each command in this process, through the plugins' headless
    responders, instead of sending it to a GUI process (see
    :class:`pygraphics_core.in_process.InProcessConnection`). Made with no
    session, it uses the current one, or starts one from the environment
    (:data:`ANSWERS_VARIABLE`, :data:`SAVE_TO_VARIABLE`).
    """

    hook_name = "pygraphics_headless_responders"
    responder_kind = "headless responder"

    def __init__(self, session: HeadlessSession | None = None):
        global _session
        if session is None:
            if _session is None:
                _session = _session_from_environment()
            session = _session
        super().__init__(session)

    def unanswered(self, command: type, arguments: dict) -> dict:
        """Record a command no plugin answers; raise if it needs an answer."""
        function = _snake_case(command.commandName)
        pictures = [value for value in arguments.values() if _is_picture(value)]
        texts = [value for value in arguments.values() if isinstance(value, str)]
        self.session.record(function, command=command.commandName,
                            picture=pictures[0] if pictures else None,
                            text=arguments.get("text", texts[0] if texts else None),
                            arguments=arguments)
        if command.requiresAnswer and command.response:
            names = ", ".join(name for name, _type in command.response)
            raise RuntimeError(
                f"PyGraphics is running headless (no screen), and the command "
                f"{command.commandName!r} (from {describe_origin(command)}) needs an answer "
                f"({names}) that only its window could give. Its plugin has no headless "
                f"responder (the hook pygraphics_headless_responders); a grading "
                f"script can add one with session.register({command.__name__}, function).")
        return {}


_session: HeadlessSession | None = None
_previous_connection: Any = None


def enable(answers=None, save_to=None) -> HeadlessSession:
    """Run headless from now on: no window opens; return the new session.

    ``answers`` (a list, or a dict by media function name) and ``save_to``
    (a folder) are described in :class:`HeadlessSession`. A GUI process
    already started is left alone, unused, and used again after
    :func:`disable`.
    """
    from pygraphics_core import client

    global _session, _previous_connection
    _session = HeadlessSession(answers=answers, save_to=save_to)
    previous = client.use_connection(HeadlessConnection(_session))
    if not isinstance(previous, HeadlessConnection):
        _previous_connection = previous
    return _session


def disable() -> None:
    """Leave headless mode: go back to the connection in use before :func:`enable`.

    With none before, the next call starts a GUI process (or runs headless
    again if the environment variable asks for it).
    """
    from pygraphics_core import client

    global _session, _previous_connection
    client.use_connection(_previous_connection)
    _previous_connection = None
    _session = None


def current_session() -> HeadlessSession | None:
    """The session recording now, or None when not headless."""
    return _session


def is_enabled() -> bool:
    """True when PyGraphics runs headless (by :func:`enable` or the environment)."""
    return _session is not None or os.environ.get(ENABLE_VARIABLE, "") not in ("", "0")


def _session_from_environment() -> HeadlessSession:
    answers = None
    answers_path = os.environ.get(ANSWERS_VARIABLE)
    if answers_path:
        try:
            with open(answers_path, encoding="utf-8") as answers_file:
                answers = json.load(answers_file)
        except OSError as error:
            raise FileNotFoundError(
                f"{ANSWERS_VARIABLE}={answers_path!r}: the answers file could not be "
                f"read ({error.strerror or error})") from error
        except ValueError as error:
            raise ValueError(
                f"{ANSWERS_VARIABLE}={answers_path!r} is not valid JSON ({error}): write a "
                f"list of answers, or an object such as {{\"ask_number\": [3, 4]}}") from error
        if not isinstance(answers, (list, dict)):
            raise ValueError(
                f"{ANSWERS_VARIABLE}={answers_path!r} holds {type(answers).__name__}: write "
                f"a list of answers, or an object such as {{\"ask_number\": [3, 4]}}")
    save_to = os.environ.get(SAVE_TO_VARIABLE) or None
    return HeadlessSession(answers=answers, save_to=save_to)


def _snake_case(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _is_picture(value: Any) -> bool:
    return hasattr(value, "getpixel") and hasattr(value, "copy") and hasattr(value, "mode")


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    return str(value)
