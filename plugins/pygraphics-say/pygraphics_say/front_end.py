"""What the say plugin adds to ``media``."""

from pygraphics_core import callRemote
from pygraphics_say.commands import Say


def say(text):
    """Show text in a message window, and carry on at once.

    The window stays open while your program goes on; close it with its
    OK button, or by pressing Enter or Escape. You can have many message
    windows open at once. Long text wraps and scrolls.

    >>> media.say("Hello, world!")
    >>> media.say("The answer is " + str(42))

    Anything that is not a string is shown as print() would show it:
    media.say(42) shows 42.
    """
    callRemote(Say, text=str(text))
