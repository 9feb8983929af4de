"""``python -m pygraphics_gui``: the GUI process (started by PyGraphics, not by hand)."""

import sys

from pygraphics_gui.process import main

sys.exit(main())
