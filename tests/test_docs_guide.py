"""Every example of the students' guide (docs/guide/*.rst) runs and prints what the page shows.

The ``>>>`` examples of each page run as a doctest, in a folder holding the
sample picture the pages use (``beach.png``), in headless mode: no window
opens, ``show`` and ``say`` are recorded, and each dialog gets the answer a
student would give it here (below). The windows themselves are tested by
the plugins' own tests, on a real screen.
"""

from __future__ import annotations

import doctest
import shutil
from importlib import resources
from pathlib import Path

import pytest

from pygraphics_core import headless

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "guide"

#: What the student picks or types in each dialog the pages open, in order.
ANSWERS = {
    "choose_file": ["beach.png", "beach.png"],
    "choose_folder": ["."],
    "choose_color": [(255, 128, 0)],
    "ask": ["Ada"],
    "ask_number": [3],
    "ask_integer": [7],
    "ask_yes_no": [True],
}

PAGES = sorted(GUIDE.glob("*.rst"))


@pytest.fixture
def students_folder(tmp_path, monkeypatch):
    """A folder with the sample picture, the one the student's Python runs in."""
    samples = resources.files("pygraphics_core") / "samples"
    shutil.copy(samples / "beach.png", tmp_path / "beach.png")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_guide_has_pages_with_examples():
    with_examples = [page.name for page in PAGES if ">>> " in page.read_text(encoding="utf-8")]
    assert len(with_examples) >= 5, with_examples


@pytest.mark.parametrize("page", PAGES, ids=[page.stem for page in PAGES])
def test_the_examples_of_the_page_print_what_it_shows(page, students_folder, capsys):
    session = headless.enable(answers={name: list(values) for name, values in ANSWERS.items()})
    try:
        results = doctest.testfile(str(page), module_relative=False, globs={},
                                   optionflags=doctest.ELLIPSIS, report=True)
    finally:
        headless.disable()
    report = capsys.readouterr().out
    assert results.failed == 0, f"docs/guide/{page.name}:\n{report}"
    if ">>> media.show(" in page.read_text(encoding="utf-8"):
        assert session.calls("show"), "the page shows a picture, but none was shown"
