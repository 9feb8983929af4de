"""The AMP command of the say plugin."""

from pygraphics_core import amp


class Say(amp.Command):
    """Show ``text`` in a message window; answer as soon as the window exists."""

    # BigUnicode: the text may be longer than one AMP value (64 KiB) and in
    # any script.
    arguments = [("text", amp.BigUnicode())]
    response = []
