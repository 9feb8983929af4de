"""The AMP commands of the ask plugin (used by both processes).

Each command opens one modal dialog in the GUI process and answers once the
person has answered it; an optional answer of None means Cancel. Numbers
travel as text written the way Python writes them (see
:mod:`pygraphics_ask.answers`), so ints of any size and floats arrive exact.
"""

from pygraphics_core import amp


class Ask(amp.Command):
    """Ask for a line of text (with ``hidden``, a password); answer it, or None."""

    # BigUnicode: a lab's prompt may be long, and the answer is pasted text.
    arguments = [("prompt", amp.BigUnicode()),
                 ("title", amp.Unicode(optional=True)),
                 ("default", amp.BigUnicode(optional=True)),
                 ("hidden", amp.Boolean(optional=True))]
    response = [("answer", amp.BigUnicode(optional=True))]


class AskNumber(amp.Command):
    """Ask for a number, within ``minimum``..``maximum`` (either may be left out).

    ``minimum``, ``maximum`` and the answer are numbers written as text
    (``repr``); with ``whole`` only whole numbers are taken.
    """

    arguments = [("prompt", amp.BigUnicode()),
                 ("title", amp.Unicode(optional=True)),
                 ("minimum", amp.Unicode(optional=True)),
                 ("maximum", amp.Unicode(optional=True)),
                 ("whole", amp.Boolean(optional=True))]
    response = [("answer", amp.Unicode(optional=True))]


class AskYesNo(amp.Command):
    """Ask a yes-or-no question; answer True, False, or None (Escape)."""

    arguments = [("prompt", amp.BigUnicode()),
                 ("title", amp.Unicode(optional=True))]
    response = [("answer", amp.Boolean(optional=True))]


class AskChoice(amp.Command):
    """Ask to pick one of ``choices`` (or several); answer the positions picked, or None."""

    arguments = [("prompt", amp.BigUnicode()),
                 ("title", amp.Unicode(optional=True)),
                 ("choices", amp.ListOf(amp.Unicode())),
                 ("several", amp.Boolean(optional=True))]
    response = [("chosen", amp.ListOf(amp.Integer(), optional=True))]


class ShowMessage(amp.Command):
    """Show a message box (``kind``: information, warning or error) until OK is pressed."""

    arguments = [("message", amp.BigUnicode()),
                 ("kind", amp.Unicode()),
                 ("title", amp.Unicode(optional=True))]
    response = []


#: Every command of the plugin, for the ``pygraphics_commands`` hook.
COMMANDS = [Ask, AskNumber, AskYesNo, AskChoice, ShowMessage]
