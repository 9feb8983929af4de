"""The tour (``python -m pygraphics_tools.tour``), run as a new user would run it."""

import os
import subprocess
import sys
import time

import media
from pygraphics_tools.tour import sample


def test_without_a_screen_the_tour_says_how_to_run_it_and_ends_normally():
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
    finished = subprocess.run([sys.executable, "-m", "pygraphics_tools.tour"],
                              capture_output=True, text=True, timeout=60, env=environment)
    assert finished.returncode == 0
    assert "no screen" in finished.stdout
    assert "xvfb-run -a python -m pygraphics_tools.tour" in finished.stdout
    assert finished.stderr == ""


def test_the_tour_shows_inspects_animates_and_asks_for_a_file(gui_screen, student):
    program = student(
        "from pygraphics_core import client\n"
        "from pygraphics_tools.tour import main\n"
        "main()\n"
        # The tour's windows stay open (that is the point): the fixture ends
        # this GUI process after the test.
        "print('GUI_PID', client.connection().process.pid)\n")
    program.expect("Step 1:")
    # Titled as in 2.1: the folder and the name of the file (the tour's samples).
    [beach] = gui_screen.wait_for_windows(os.path.join("samples", "beach.png"), 1)
    # The sky, pixel for pixel as in the file, once Tk has drawn it.
    pixel = media.load_picture(sample("beach.png")).get_pixel(5, 5)
    sky = (pixel.get_red(), pixel.get_green(), pixel.get_blue())
    gui_screen.wait_until_seen(beach, lambda shot: shot.getpixel((5, 5)) == sky, "the blue sky")
    program.expect("Step 2:")
    gui_screen.wait_for_windows(os.path.join("samples", "parrot.png"), 1)
    program.expect("Step 3:")
    program.expect("    Done: 20 rounds", timeout=60)
    # The sky went from blue towards red: each round took a tenth of the
    # blue and a twentieth of the green, and added 4 to the red.
    red, green, blue = sky
    for _ in range(20):
        red, green, blue = min(255, red + 4), green * 19 // 20, blue * 9 // 10
    gui_screen.wait_until_seen(beach, lambda shot: shot.getpixel((5, 5)) == (red, green, blue),
                               f"the sunset sky {(red, green, blue)}")
    program.expect("Step 4:")
    [dialog] = gui_screen.wait_for_windows("Pick a picture to show", 1)
    # The pickers plugin gives the dialog the keyboard once it is ready.
    deadline = time.monotonic() + 10
    while gui_screen._xdotool("getwindowfocus").stdout.strip() != dialog:
        assert time.monotonic() < deadline, "the file dialog never got the keyboard"
        time.sleep(0.01)  # polling the X server's focus: nothing to await
    gui_screen._xdotool("key", "Escape")
    assert "choose_file returned None" in program.expect("    You pressed Cancel")
    program.expect("That is the tour.")
    program.gui_pids.append(int(program.expect("GUI_PID")))
