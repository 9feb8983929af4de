"""pytest fixtures for testing window and dialog classes directly (GUI side).

Registered with pytest through the ``pytest11`` entry point
``pygraphics-gui``, so every test of a project that has PyGraphics
installed can use them by name:

``tk_root``
    A hidden Tk root on the test display (``gui_display``, from
    :mod:`pygraphics_core.pytest_plugin`), to test a window or dialog
    class directly, without a GUI process; drive it with
    :func:`pygraphics_core.testing.answer_dialog`.

They live here rather than in :mod:`pygraphics_core.testing` because they
need Tk, which the core never imports.
"""

import pytest


@pytest.fixture
def tk_root(gui_display):
    """A hidden Tk root on the test display, for testing a window class directly.

    Destroyed (with every window made on it) after the test.
    """
    import tkinter

    root = tkinter.Tk(screenName=gui_display)
    root.withdraw()
    yield root
    root.destroy()
