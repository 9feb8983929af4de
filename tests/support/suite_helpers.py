"""Helpers that several test modules of PyGraphics' own suite share.

(Found through ``pythonpath = tests/support`` in setup.cfg's pytest section.)
"""

from __future__ import annotations

import os
import signal
from pathlib import Path


def kill_processes_of(python: str | os.PathLike) -> None:
    """Kill every process still running ``python`` (after a test that failed).

    A program that failed may leave its GUI process, with a window open,
    behind; a later test would find that window and be misled. Linux only
    (it reads /proc); elsewhere it does nothing.
    """
    if not Path("/proc").is_dir():
        return
    wanted = os.fsencode(python)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command_line = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue  # gone meanwhile, or not ours to read
        if command_line[0] == wanted:
            try:
                os.kill(int(entry.name), signal.SIGKILL)
            except OSError:
                pass


def block_body(lines: list[str], number: int) -> list[str]:
    """The lines of the reStructuredText block whose directive is ``lines[number]``.

    They are the lines after it that are blank or indented deeper than it.
    """
    indent = len(lines[number]) - len(lines[number].lstrip())
    body = []
    for text in lines[number + 1:]:
        if text.strip() and len(text) - len(text.lstrip()) <= indent:
            break
        body.append(text)
    return body


def dark_text_on_light(picture):
    """Return ``picture`` (a screenshot) if it has dark ink on a light background, else None.

    For :meth:`pygraphics_core.pytest_plugin.Screen.wait_until_seen`: a
    window is on the screen a moment before its text is drawn.
    """
    darkest, lightest = picture.convert("L").getextrema()
    return picture if darkest < 80 and lightest > 180 else None
