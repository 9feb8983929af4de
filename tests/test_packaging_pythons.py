"""Every Python we support: dev.py keeps one environment per Python, and CI finds them all.

``.ci/run`` runs the suite on the default ``python3`` and, from pyenv, on
the oldest Python we support and the newest installed (``.ci/pythons.py``
chooses them); each has its own virtual environment (``PYGRAPHICS_VENV``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_dev_py_refuses_an_environment_made_by_another_python(tmp_path):
    made_by_another = tmp_path / "venv"
    made_by_another.mkdir()
    (made_by_another / "pyvenv.cfg").write_text("home = /nowhere\nversion = 3.9.1\n",
                                                encoding="utf-8")
    finished = subprocess.run([sys.executable, str(ROOT / "dev.py"), "test", "--co"],
                              env={**os.environ, "PYGRAPHICS_VENV": str(made_by_another)},
                              capture_output=True, text=True, timeout=60)
    assert finished.returncode == 1
    assert f"{made_by_another} was made by Python 3.9.1" in finished.stderr
    assert f"PYGRAPHICS_VENV=.venv-{sys.version_info[0]}.{sys.version_info[1]}" in finished.stderr
    assert sorted(path.name for path in made_by_another.iterdir()) == ["pyvenv.cfg"]


def pythons(path_variable: str | None = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ)
    if path_variable is not None:
        environment["PATH"] = path_variable
    return subprocess.run([sys.executable, str(ROOT / ".ci" / "pythons.py")], env=environment,
                          capture_output=True, text=True, timeout=120)


def test_ci_finds_this_python_the_oldest_we_support_and_the_newest():
    if shutil.which("pyenv") is None:
        # Not a CI machine: then it must say so, and fail.
        finished = pythons()
        assert finished.returncode == 1 and "pyenv is not installed" in finished.stderr
        return
    finished = pythons()
    assert finished.returncode == 0, finished.stderr
    chosen = [line.split(" ", 1) for line in finished.stdout.splitlines()]
    versions = [tuple(int(part) for part in version.split(".")) for version, _ in chosen]
    assert versions[0] == sys.version_info[:3]
    listed = subprocess.run(["pyenv", "versions", "--bare"], capture_output=True, text=True,
                            timeout=60, check=True).stdout.split()
    installed = sorted(tuple(map(int, name.split("."))) for name in listed
                       if re.fullmatch(r"\d+\.\d+\.\d+", name))
    assert max(version for version in installed if version[:2] == (3, 10)) in versions
    assert installed[-1] in versions
    assert len(set(versions)) == len(versions)
    for _, python in chosen:
        assert Path(python).is_file(), python


def test_ci_fails_clearly_without_pyenv(tmp_path):
    finished = pythons(path_variable=str(tmp_path))
    assert finished.returncode == 1
    assert finished.stderr.startswith("CI: pyenv is not installed"), finished.stderr
