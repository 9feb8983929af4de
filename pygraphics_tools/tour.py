"""A first tour of PyGraphics: ``python -m pygraphics_tools.tour``.

It runs the same ``media`` calls a student writes, on the sample pictures
that PyGraphics ships, and says before each step what it does and which
call does it:

1. load a sample picture and ``show`` it;
2. open the pixel ``inspect``-or on a small pixel-art picture;
3. change the beach picture's pixels in a loop, calling ``update`` after
   each change, so the window shows the sun going down;
4. ask for a picture file with ``choose_file`` and show it.

Between steps it waits for Enter (or, when no one is typing, a moment).
It needs a screen; without one it says how to run it and ends normally.
"""

import os
import sys
import time
from importlib import resources

#: Pause between steps when input does not come from a person.
PAUSE_SECONDS = 2.0


def sample(name):
    """Return the path of a sample picture shipped with PyGraphics."""
    return str(resources.files("pygraphics_core") / "samples" / name)


def say(text):
    print(text, flush=True)


def next_step():
    if sys.stdin is not None and sys.stdin.isatty():
        input("    (press Enter for the next step) ")
    else:
        time.sleep(PAUSE_SECONDS)  # pacing for a reader, not synchronisation


def has_screen():
    """False on Linux and other X11 systems when no display is set."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def explain_no_screen():
    say("The PyGraphics tour opens windows, and this computer has no screen\n"
        "($DISPLAY is not set). Run it where you can see windows. To check\n"
        "that it works on a computer without one, run it on a virtual screen\n"
        "(Xvfb); nobody sees its windows there, and its last step waits for\n"
        "an answer in a file dialog until you press Ctrl+C:\n\n"
        "    xvfb-run -a python -m pygraphics_tools.tour\n\n"
        "(in a copy of PyGraphics' source: xvfb-run -a python3 dev.py demo)\n")


def sunset(media, beach):
    """Step 3: darken the sky and the sea a little each frame, updating the window."""
    width, height = media.get_width(beach), media.get_height(beach)
    frames = 20
    for frame in range(frames):
        for y in range(0, 160):
            for x in range(width):
                pixel = media.get_pixel(beach, x, y)
                # Sunset: less blue and green each frame, more red in the sky.
                media.set_blue(pixel, media.get_blue(pixel) * 9 // 10)
                media.set_green(pixel, media.get_green(pixel) * 19 // 20)
                if y < 120:
                    media.set_red(pixel, min(255, media.get_red(pixel) + 4))
        media.update(beach)
    return frames


def tour():
    import media

    say("Welcome to PyGraphics!  This tour runs the media calls you will write.\n")

    say("Step 1: load a picture and show it in a window.\n"
        f"    beach = media.load_picture({os.path.basename(sample('beach.png'))!r})\n"
        "    media.show(beach)")
    beach = media.load_picture(sample("beach.png"))
    media.show(beach)
    say("    The window stays open while Python keeps running.")
    next_step()

    say("\nStep 2: look at single pixels with the inspector.\n"
        "    parrot = media.load_picture('parrot.png')\n"
        "    media.inspect(parrot)\n"
        "    Move the mouse over the parrot: the inspector shows the x, y, red,\n"
        "    green and blue of the pixel under it. Click a pixel to pin it, use\n"
        "    the arrow keys to step, and the zoom buttons to see pixels as squares.")
    parrot = media.load_picture(sample("parrot.png"))
    media.inspect(parrot)
    next_step()

    say("\nStep 3: change pixels in a loop and call media.update to see each change.\n"
        "    for y in range(160):\n"
        "        for x in range(media.get_width(beach)):\n"
        "            pixel = media.get_pixel(beach, x, y)\n"
        "            media.set_blue(pixel, media.get_blue(pixel) * 9 // 10)\n"
        "            ...\n"
        "    media.update(beach)      # after each round: an animation\n"
        "    Watch the beach window (media.show brings it to the front): the sun goes down.")
    media.show(beach)
    frames = sunset(media, beach)
    say(f"    Done: {frames} rounds, each followed by media.update(beach).")
    next_step()

    say("\nStep 4: ask for a file with a dialog.\n"
        "    filename = media.choose_file()\n"
        "    Pick a picture of your own (or press Cancel).")
    filename = media.choose_file("Pick a picture to show")
    if filename is None:
        say("    You pressed Cancel: choose_file returned None.")
    else:
        say(f"    choose_file returned {filename!r}.")
        try:
            picture = media.load_picture(filename)
        except (OSError, ValueError) as error:
            say(f"    That file is not a picture PyGraphics can read: {error}")
        else:
            media.show(picture)
            say("    media.show(media.load_picture(filename)) shows it.")

    say("\nThat is the tour. Close the windows to end it.")


def main():
    if not has_screen():
        explain_no_screen()
        return 0
    from pygraphics_core.gui_process import GUIUnavailableError

    try:
        tour()
    except GUIUnavailableError as error:
        say(f"\nThe tour could not open its windows: {error}")
        explain_no_screen()
        return 0
    except KeyboardInterrupt:
        say("\nTour stopped.")
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
