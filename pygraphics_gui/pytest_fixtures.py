"""The pytest plugin of PyGraphics, for plugin authors and graders: opt in to use it.

Installing PyGraphics changes no one's pytest runs: its fixtures load only
in a test suite that asks for them, by naming this module, in the
``setup.cfg`` (or ``pytest.ini``) of the project::

    [tool:pytest]
    addopts = -p pygraphics_gui.pytest_fixtures

or on the command line (``python -m pytest -p pygraphics_gui.pytest_fixtures``),
or in the top ``conftest.py``: ``pytest_plugins = ["pygraphics_gui.pytest_fixtures"]``.
``pygraphics new-plugin`` writes the first of these for you. It brings
every fixture of PyGraphics: those of :mod:`pygraphics_core.pytest_plugin`
(``gui_display``, ``gui_screen``, ``gui_client``, ``gui_cleanup``,
``student``), of :mod:`pygraphics_core.testing` (``headless``), and this
module's own:

``tk_root``
    A hidden Tk root on the test display (``gui_display``, from
    :mod:`pygraphics_core.pytest_plugin`), to test a window or dialog
    class directly, without a GUI process; drive it with the helpers of
    :mod:`pygraphics_gui.testing` (:func:`~pygraphics_gui.testing.answer_dialog`,
    :func:`~pygraphics_gui.testing.press_keys`, :func:`~pygraphics_gui.testing.drag`...).

They live here rather than in :mod:`pygraphics_core.testing` because they
need Tk, which the core never imports.
"""

import pytest

# Loading this plugin loads the core's too (pytest reads this name in every
# plugin module it loads).
pytest_plugins = ["pygraphics_core.pytest_plugin", "pygraphics_core.testing"]


@pytest.fixture
def tk_root(gui_display):
    """A hidden Tk root on the test display, for testing a window class directly.

    Destroyed (with every window made on it) after the test.
    """
    import tkinter

    root = tkinter.Tk(screenName=gui_display)
    root.withdraw()
    yield root
    # What Tk left for when it is idle (ttk's first theme set-up) runs now,
    # not after the destruction, where it can only complain.
    root.update_idletasks()
    root.destroy()
