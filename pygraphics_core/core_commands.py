"""The AMP commands of PyGraphics itself, between the student's process and the GUI process.

Plugins define their own commands (see :mod:`pygraphics_core.hookspecs`);
these few keep the connection itself working:

- :class:`Hello`: the first command on a new connection; the student's
  process proves it is the one that started the GUI process.
- :class:`Ping`: does nothing; shows the GUI process is alive (and times
  the round trip in ``bench/bench_gui.py``).
- :class:`Goodbye`: the student's process is ending; the answer says how
  many windows are still open, so it can tell the student why it waits.
- :class:`Output`: sent by the GUI process for text that a responder
  printed, so that it appears where the student looks (their terminal,
  IDLE's shell, a notebook cell), even when that is not file descriptor 1.
"""

from pygraphics_core import amp


class WrongSecret(Exception):
    """The secret sent with :class:`Hello` is not the one this GUI process was given."""


class Hello(amp.Command):
    """Prove that this connection comes from the process that started the GUI process.

    ``secret`` is the one the GUI process was started with. Once it is
    accepted, the GUI process registers every plugin's backends and
    answers commands on this connection, and on no other.
    """

    arguments = [("secret", amp.String())]
    response = []
    errors = {WrongSecret: "WRONG_SECRET"}


class Ping(amp.Command):
    """Do nothing and answer at once."""

    arguments = []
    response = []


class Goodbye(amp.Command):
    """The student's process is ending; the answer counts the windows still open."""

    arguments = []
    response = [("open_windows", amp.Integer())]


class Output(amp.Command):
    """Text printed in the GUI process, to write on the student's stdout or stderr."""

    arguments = [("stream", amp.Unicode()), ("text", amp.BigUnicode())]
    response = []
    requiresAnswer = False


#: Every core command, by name; a plugin may not reuse these names.
CORE_COMMANDS = {command.commandName: command for command in (Hello, Ping, Goodbye, Output)}
