"""Fixtures for the ask plugin's tests.

``gui_display``, ``gui_screen`` and ``student`` come from PyGraphics' pytest
plugin (:mod:`pygraphics_core.pytest_plugin`); ``headless`` from
:mod:`pygraphics_core.testing`.
"""

import tkinter

import pytest


@pytest.fixture
def tk_root(gui_display):
    """A hidden Tk root on the test display, destroyed after the test."""
    root = tkinter.Tk(screenName=gui_display)
    root.withdraw()
    yield root
    root.destroy()

# Until PyGraphics registers pygraphics_core.testing as a pytest plugin too.
from pygraphics_core.testing import headless  # noqa: E402,F401
