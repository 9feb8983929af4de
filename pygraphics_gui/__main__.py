"""``python -m pygraphics_gui``: the GUI process (started by PyGraphics, not by hand)."""

from pygraphics_gui.process import run

run()
