"""Fixtures for the ask plugin's tests.

``gui_display``, ``gui_screen`` and ``student`` come from PyGraphics' pytest
plugin (:mod:`pygraphics_core.pytest_plugin`); ``tk_root`` and ``headless``
from :mod:`pygraphics_core.testing`, imported here by name.
"""

from pygraphics_core.testing import headless, tk_root  # noqa: F401
