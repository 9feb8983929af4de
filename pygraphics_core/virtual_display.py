"""Starting an Xvfb virtual screen, for tests and benchmarks on a machine without one.

Linux and other X11 systems only; needs the ``Xvfb`` program (Debian/Ubuntu:
``apt install xvfb``).
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time

#: Size and depth of the virtual screen.
SCREEN = "1280x1024x24"
#: Seconds Xvfb may take to start.
START_TIMEOUT = 20.0


class VirtualDisplayError(RuntimeError):
    """Xvfb is missing or did not start."""


def start_xvfb(screen: str = SCREEN) -> tuple[subprocess.Popen, str]:
    """Start Xvfb on a free display number; return the process and ``":N"``.

    Xvfb picks the number itself (``-displayfd``) and reports it once it
    accepts clients: no race with other X servers, and no sleeping.
    """
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise VirtualDisplayError(
            "There is no screen: $DISPLAY is not set and Xvfb is not installed "
            "(on Debian/Ubuntu: sudo apt install xvfb xdotool x11-utils).")
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", screen, "-nolisten", "tcp"],
        pass_fds=[write_end], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.close(write_end)
    number = b""
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while not number.endswith(b"\n"):
            ready, _, _ = select.select([read_end], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                break
            chunk = os.read(read_end, 16)
            if not chunk:
                break
            number += chunk
    finally:
        os.close(read_end)
    if not number.strip().isdigit():
        process.kill()
        _, errors = process.communicate(timeout=5)
        raise VirtualDisplayError(
            f"Xvfb did not start: {errors.decode(errors='replace')[-2000:]}")
    process.stderr.close()
    return process, f":{number.strip().decode()}"


def stop_xvfb(process: subprocess.Popen) -> None:
    """Stop an Xvfb started by :func:`start_xvfb`."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
