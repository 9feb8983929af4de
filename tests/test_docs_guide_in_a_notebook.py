"""Every example of the students' guide runs unchanged in a notebook with no screen.

Each ``>>>`` example of docs/guide/*.rst runs as one cell of a real Jupyter
kernel started with no screen (as on JupyterHub or Colab), in a folder
holding the sample picture the pages use; each dialog is answered through
the kernel's stdin, as a student would type. An example that prints shows
what the page shows; one that the page shows failing fails the same way.
"""

from __future__ import annotations

import doctest
import re
import shutil
from importlib import resources
from pathlib import Path

import pytest

from pygraphics_core.notebook_testing import NotebookKernel

pytest.importorskip("ipykernel")

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "guide"
PAGES = [page for page in sorted(GUIDE.glob("*.rst"))
         if ">>> " in page.read_text(encoding="utf-8")]
DIALOGS = re.compile(r"media\.(choose_|ask)")


def typed_answer(prompt):
    """What a student types at each kind of question the guide asks."""
    for part, answer in (("file name", "beach.png"), ("folder's number", "."),
                         ("Type a colour", "255, 128, 0"), ("(y/n", "y"),
                         ("whole number", "7"), ("a number", "3"), ("Press Enter", "")):
        if part in prompt:
            return answer
    return "Ada"


@pytest.fixture(scope="module")
def kernel_in_students_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("student")
    shutil.copy(resources.files("pygraphics_core") / "samples" / "beach.png", folder)
    kernel = NotebookKernel(folder=folder)
    try:
        yield kernel
    finally:
        kernel.shutdown()


@pytest.mark.parametrize("page", PAGES, ids=[page.stem for page in PAGES])
def test_the_examples_of_the_page_run_in_a_notebook(page, kernel_in_students_folder):
    kernel = kernel_in_students_folder
    kernel.run("%reset -f").check()
    checker = doctest.OutputChecker()
    examples = doctest.DocTestParser().get_examples(page.read_text(encoding="utf-8"))
    for example in examples:
        run = kernel.run(example.source, answers=typed_answer, timeout=120)
        where = f"docs/guide/{page.name}, line {example.lineno + 1}: {example.source.strip()}"
        if example.exc_msg is not None:
            assert run.error is not None, f"{where} should fail as the page shows"
            expected = example.want.strip().splitlines()[-1].split(":")[0]
            assert run.error["ename"] == expected, where
            continue
        run.check()
        if DIALOGS.search(example.source):
            continue  # a dialog's listing and prompts are the notebook's own
        printed = run.stdout + "".join(result["data"]["text/plain"] + "\n"
                                       for result in run.of_type("execute_result"))
        assert checker.check_output(example.want, printed, doctest.ELLIPSIS), (
            f"{where}\nexpected:\n{example.want}\ngot:\n{printed}")
