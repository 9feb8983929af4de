"""The ``headless`` fixture: headless mode for one test, for graders and plugin authors.

Grading scripts run student code in headless mode (no window at all: see
:mod:`pygraphics_core.headless`) and check what it showed and said. With
pytest, this fixture does the enabling and disabling around each test.

It is one of the fixtures of PyGraphics' pytest plugin, which a test suite
opts in to with ``-p pygraphics_gui.pytest_fixtures`` (see
:mod:`pygraphics_gui.pytest_fixtures` for them all). The helpers that drive
Tk windows from a test are in :mod:`pygraphics_gui.testing`: they need Tk,
which the core never imports.

Example, a grader::

    def test_the_student_asks_for_a_size_and_shows_a_picture(headless):
        headless.answers["ask_number"] = [200]
        run_student_program()
        assert headless.pictures[-1].size == (200, 200)
"""

import pytest

__all__ = ["headless"]


@pytest.fixture
def headless(tmp_path):
    """Headless mode for one test: no GUI process, dialogs answered from a script.

    Yields the :class:`~pygraphics_core.headless.HeadlessSession` that
    records what the code under test showed (``.shown``, ``.pictures``,
    ``.texts``, ``.calls(name)``) and whose ``.answers`` the test fills
    before running the code. Pictures are also saved as PNG files in
    ``tmp_path / "shown"``. The previous connection is restored afterwards.
    """
    from pygraphics_core import headless as headless_mode

    session = headless_mode.enable(save_to=tmp_path / "shown")
    try:
        yield session
    finally:
        headless_mode.disable()
