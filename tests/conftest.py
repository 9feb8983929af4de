"""Made-up plugin distributions for the core's tests.

(The display and process fixtures, ``gui_display``, ``gui_screen``,
``gui_client`` and ``student``, come from :mod:`pygraphics_core.pytest_plugin`,
installed with PyGraphics.)
"""

from __future__ import annotations

import itertools
import os
import textwrap
from pathlib import Path

import pytest

_numbers = itertools.count(1)


class FakePlugins:
    """Plugin distributions written into a folder, found the way pip-installed ones are.

    Each has real ``.dist-info`` metadata with an entry point in the group
    ``pygraphics``; the folder is put on ``sys.path`` and ``$PYTHONPATH``,
    so that this process and the GUI processes it starts both find them.
    """

    def __init__(self, folder: Path):
        self.folder = folder

    def add(self, distribution: str, code: str, version: str = "1.0",
            entry_point: str | None = None) -> str:
        """Write a plugin whose one module holds ``code``; return the module's name.

        Module names are unique in the session, so that Python's module
        cache never hands one test's plugin to another.
        """
        module = f"{distribution.replace('-', '_')}_{next(_numbers)}"
        (self.folder / f"{module}.py").write_text(textwrap.dedent(code), encoding="utf-8")
        info = self.folder / f"{distribution.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {distribution}\nVersion: {version}\n",
            encoding="utf-8")
        (info / "entry_points.txt").write_text(
            f"[pygraphics]\n{entry_point or distribution.split('-')[-1]} = {module}\n",
            encoding="utf-8")
        return module


@pytest.fixture
def fake_plugins(tmp_path, monkeypatch) -> FakePlugins:
    """A folder of made-up plugins for this test (see :class:`FakePlugins`)."""
    folder = tmp_path / "site-packages"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    paths = [str(folder), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(paths))
    # Plugins are found once per process: forget what this one found, as a
    # freshly started student's program would not know it either.
    from pygraphics_core import plugins

    monkeypatch.setattr(plugins, "_registry", None)
    return FakePlugins(folder)


@pytest.fixture
def fresh_gui_process(gui_display):
    """A GUI process just launched, that no client has connected to yet.

    The value is ``(process, port, secret)``; the process is stopped after the test.
    """
    from pygraphics_core import gui_process

    pending = gui_process.start_launch()
    yield pending.finish()
    pending.cancel()


@pytest.fixture
def resident_megabytes():
    """``resident_megabytes(pid)``: the memory a process holds (its resident set), in MiB."""
    def measure(pid: int) -> float:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise AssertionError(f"no VmRSS for process {pid}")

    return measure
