"""Make the documentation's screenshots from the real windows.

    python tools/make_screenshots.py [--use-display]

It starts a virtual screen (Xvfb, on a free display) unless ``--use-display``
is given, opens the show plugin's and the pickers plugin's windows through
the real GUI process, exactly as a student's program would, and saves a
screenshot of each window to ``docs/_static/``:

- ``show-window.png``: ``media.show`` of the beach sample;
- ``show-inspector.png``: ``media.inspect`` of the parrot sample at 800 %,
  the mouse on the parrot's eye and a pinned pixel on its beak;
- ``pickers-file.png``, ``pickers-folder.png``, ``pickers-color.png``: the
  dialogs of ``choose_file``, ``choose_folder`` and ``choose_color``;
- ``sound-inspector.png``: ``media.inspect_sound`` of a stereo sound (a
  note on the left, a quieter, lower one on the right), a range selected.

Needs Linux (or another X11 system) with Xvfb and xdotool.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
STATIC = ROOT / "docs" / "_static"
SCREEN = "1280x800x24"
TIMEOUT = 20.0


def xdotool(*arguments):
    return subprocess.run(["xdotool", *arguments], capture_output=True, text=True,
                          timeout=TIMEOUT).stdout.strip()


def wait_for_window(title):
    deadline = time.monotonic() + TIMEOUT
    while True:
        found = xdotool("search", "--onlyvisible", "--name", f"^{title}$").split()
        if found:
            return found[0]
        if time.monotonic() > deadline:
            sys.exit(f"make_screenshots: no window titled {title!r} appeared")
        time.sleep(0.05)  # polling the X server's window list


def settle():
    """Let the GUI process draw: a round trip through it (Ping) and a short pause."""
    from pygraphics_core import callRemote
    from pygraphics_core.core_commands import Ping

    callRemote(Ping)
    time.sleep(0.3)  # the X server draws after the GUI process answered


def save_window(window, name):
    from PIL import ImageGrab

    geometry = dict(line.split("=", 1) for line in
                    xdotool("getwindowgeometry", "--shell", window).split())
    x, y = int(geometry["X"]), int(geometry["Y"])
    width, height = int(geometry["WIDTH"]), int(geometry["HEIGHT"])
    shot = ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).crop((x, y, x + width, y + height))
    path = STATIC / name
    shot.convert("RGB").save(path, optimize=True)
    print(f"{path.relative_to(ROOT)}: {width}x{height}, {path.stat().st_size:,} bytes")


def show_screenshots():
    import media
    from pygraphics_tools.tour import sample

    beach = media.load_picture(sample("beach.png"))
    media.show(beach)
    window = wait_for_window("beach.png")
    settle()
    save_window(window, "show-window.png")
    media.close(beach)

    parrot = media.load_picture(sample("parrot.png"))
    media.inspect(parrot)
    window = wait_for_window("parrot.png")
    settle()
    # Find the picture on the screen: its top-left pixel is the first one
    # of the parrot's background colour below the inspector's bars.
    from PIL import ImageGrab

    geometry = dict(line.split("=", 1) for line in
                    xdotool("getwindowgeometry", "--shell", window).split())
    left, top = int(geometry["X"]), int(geometry["Y"])
    screen = ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).convert("RGB")
    background = media.get_color(media.get_pixel(parrot, 0, 0)).get_rgb()
    picture_x, picture_y = next(
        (x, y) for y in range(top, screen.height) for x in range(left, screen.width)
        if screen.getpixel((x, y)) == background)
    zoom = 8

    def screen_point(x, y):
        return str(picture_x + zoom * x + zoom // 2), str(picture_y + zoom * y + zoom // 2)

    xdotool("mousemove", *screen_point(32, 8))  # the beak: pin it
    xdotool("click", "1")
    xdotool("mousemove", *screen_point(18, 6))  # the eye
    settle()
    save_window(window, "show-inspector.png")
    media.close_inspect(parrot)


def sound_screenshot():
    import media

    left = media.create_note("A", 22050, 0, 12000)
    right = media.create_note("A", 22050, -1, 5000)
    snd = media.create_sound(len(left))
    for index in range(len(snd)):
        sample = media.get_sample(snd, index)
        media.set_left(sample, media.get_left(media.get_sample(left, index)))
        media.set_right(sample, media.get_left(media.get_sample(right, index)))
    for index in range(len(snd)):  # fade in, so the picture shows a shape
        sample = media.get_sample(snd, index)
        scale = index / len(snd)
        media.set_left(sample, media.get_left(sample) * scale)
        media.set_right(sample, media.get_right(sample) * scale)
    media.inspect_sound(snd)
    window = wait_for_window("Sound")
    settle()
    geometry = dict(line.split("=", 1) for line in
                    xdotool("getwindowgeometry", "--shell", window).split())
    left_edge, top = int(geometry["X"]), int(geometry["Y"])
    width, height = int(geometry["WIDTH"]), int(geometry["HEIGHT"])
    # Drag across the middle of the waves to select a range.
    xdotool("mousemove", str(left_edge + width * 2 // 5), str(top + height // 2))
    xdotool("mousedown", "1")
    xdotool("mousemove", str(left_edge + width * 3 // 5), str(top + height // 2))
    xdotool("mouseup", "1")
    settle()
    save_window(window, "sound-inspector.png")
    xdotool("windowfocus", "--sync", window)
    xdotool("key", "Escape")


def dialog_screenshot(call, title, name, folder):
    """Run ``media.<call>`` in a student process, photograph its dialog, cancel it."""
    program = subprocess.Popen(
        [sys.executable, "-c", f"import os, media\nos.chdir({str(folder)!r})\nmedia.{call}"],
        stdout=subprocess.DEVNULL)
    try:
        window = wait_for_window(title)
        time.sleep(0.5)  # Tk fills the dialog (file list, colours) after mapping it
        save_window(window, name)
        for _ in range(20):  # the dialog takes keys a moment after it appears
            xdotool("windowfocus", "--sync", window)
            xdotool("key", "Escape")
            try:
                program.wait(timeout=0.5)
                break
            except subprocess.TimeoutExpired:
                pass
    finally:
        if program.poll() is None:
            program.kill()
        program.wait(timeout=TIMEOUT)


def start_xvfb():
    """Start a virtual screen of SCREEN's size; return the process."""
    from pygraphics_core.virtual_display import VirtualDisplayError
    from pygraphics_core.virtual_display import start_xvfb as start

    if shutil.which("xdotool") is None:
        sys.exit("make_screenshots: needs xdotool (apt install xdotool)")
    try:
        process, display = start(SCREEN)
    except VirtualDisplayError as error:
        sys.exit(f"make_screenshots: {error}")
    os.environ["DISPLAY"] = display
    return process


def main(argv):
    import tempfile

    xvfb = None if "--use-display" in argv else start_xvfb()
    STATIC.mkdir(parents=True, exist_ok=True)
    try:
        show_screenshots()
        sound_screenshot()
        # A short, plain folder name reads better in the dialogs than a
        # random temporary one.
        scratch = Path(tempfile.gettempdir()) / "student"
        folder = scratch / "My pictures"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name in ("beach.png", "parrot.png", "holiday 2024.jpg", "\u00e9t\u00e9.png"):
                (folder / name).write_bytes(b"")
            (folder / "Sounds").mkdir()
            dialog_screenshot("choose_file()", "Choose a file", "pickers-file.png", folder)
            dialog_screenshot("choose_folder()", "Choose a folder", "pickers-folder.png", folder)
            dialog_screenshot("choose_color(media.orange)", "Choose a colour",
                              "pickers-color.png", folder)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    finally:
        from pygraphics_core import client

        client.stop_gui_process()
        if xvfb is not None:
            from pygraphics_core.virtual_display import stop_xvfb

            stop_xvfb(xvfb)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
