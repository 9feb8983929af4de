"""The say plugin in a notebook with no screen: the message goes into the cell's output.

See :mod:`pygraphics_core.notebook`. Like the window, the message stays
and the program carries on at once.
"""

from pygraphics_say.commands import Say


def answer_say(session, text):
    """Show ``text`` in a message box in the running cell's output."""
    session.message(text, "say")
    return {}


#: For the ``pygraphics_notebook_responders`` hook.
NOTEBOOK_RESPONDERS = {Say: answer_say}
