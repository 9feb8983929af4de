"""Print the Pythons CI runs the test suite on, one a line: ``VERSION PATH``.

They are the Python running this script (the machine's ``python3``), and,
from pyenv, the oldest CPython we support (``python_requires`` in
setup.cfg: 3.10) and the newest CPython installed, each at its newest
patch release. A version already listed is not listed twice. If pyenv, or
one of those Pythons, or its Tk is missing, it says which and how to get it,
and exits with status 1: CI must not pass on fewer Pythons than it claims.

Standard library only, like dev.py.
"""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class MissingPython(Exception):
    """A Python that CI must test on is not on this machine."""


def oldest_supported() -> tuple[int, int]:
    """The oldest Python that setup.cfg allows: ``python_requires = >=3.10`` → (3, 10)."""
    config = configparser.ConfigParser(interpolation=None)
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    found = re.fullmatch(r">=\s*(\d+)\.(\d+)", config.get("options", "python_requires").strip())
    if not found:
        raise MissingPython("setup.cfg's python_requires is not of the form >=3.N")
    return int(found.group(1)), int(found.group(2))


def pyenv_versions() -> list[tuple[int, int, int]]:
    """The CPython releases (X.Y.Z, nothing else) that pyenv has, oldest first."""
    pyenv = shutil.which("pyenv")
    if pyenv is None:
        raise MissingPython("pyenv is not installed, so the oldest and newest Pythons cannot "
                            "be found (see https://github.com/pyenv/pyenv)")
    listed = subprocess.run([pyenv, "versions", "--bare"], capture_output=True, text=True,
                            timeout=60, check=True).stdout.split()
    return sorted(tuple(int(part) for part in name.split("."))
                  for name in listed if re.fullmatch(r"\d+\.\d+\.\d+", name))


def pyenv_python(version: tuple[int, int, int]) -> Path:
    """The ``python3`` of one pyenv version."""
    name = ".".join(map(str, version))
    prefix = subprocess.run([shutil.which("pyenv"), "prefix", name], capture_output=True,
                            text=True, timeout=60, check=True).stdout.strip()
    return Path(prefix) / "bin" / "python3"


def pythons_to_test() -> list[tuple[str, Path]]:
    """``(version, path)`` of each Python CI tests on: this one, the oldest, the newest."""
    supported = [version for version in pyenv_versions() if version[:2] >= oldest_supported()]
    oldest_minor = [version for version in supported if version[:2] == oldest_supported()]
    if not oldest_minor:
        wanted = ".".join(map(str, oldest_supported()))
        raise MissingPython(f"pyenv has no Python {wanted}, the oldest we support: "
                            f"pyenv install {wanted}")
    chosen = {".".join(map(str, sys.version_info[:3])): Path(sys.executable)}
    for version in (oldest_minor[-1], supported[-1]):
        chosen.setdefault(".".join(map(str, version)), pyenv_python(version))
    for name, python in chosen.items():
        check = subprocess.run([str(python), "-c", "import tkinter, venv; tkinter.Tcl()"],
                               capture_output=True, text=True, timeout=60)
        if check.returncode != 0:
            raise MissingPython(f"Python {name} ({python}) has no working tkinter or venv: "
                                f"{check.stderr.strip().splitlines()[-1:]}")
    return list(chosen.items())


def main() -> int:
    try:
        for name, python in pythons_to_test():
            print(name, python)
    except MissingPython as missing:
        print(f"CI: {missing}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
