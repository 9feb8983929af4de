"""Fixtures for the ask dialogs' tests: a Tk root on a real (virtual) display."""

import os
import subprocess
import tkinter

import pytest


@pytest.fixture(scope="session")
def gui_display():
    """TEMPORARY until the GUI helper's pytest plugin lands: $DISPLAY or a fresh Xvfb."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                             "1280x1024x24", "-nolisten", "tcp"],
                            pass_fds=[write_end], stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        display = ":" + numbers.readline().strip()
    os.environ["DISPLAY"] = display
    yield display
    del os.environ["DISPLAY"]
    xvfb.terminate()
    xvfb.wait(10)


@pytest.fixture
def tk_root(gui_display):
    """A hidden Tk root on the test display, destroyed after the test."""
    root = tkinter.Tk(screenName=gui_display)
    root.withdraw()
    yield root
    root.destroy()
