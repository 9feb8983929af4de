"""How fast picture windows update: ``python bench/bench_show.py``.

Figures, each beside a baseline measured in the same run:

1. ``media.update(pic)`` of a shown 1920 x 1080 picture (student's side:
   raw bytes, AMP, GUI process: decode, paste into Tk, draw, answer),
   against the *floor*: the same 6.2 MB sent over a loopback TCP socket to
   another process that acknowledges them, plus pasting them into a Tk
   photo image shown on the screen (``ImageTk.PhotoImage.paste``, the
   fastest way in here; a P6 PPM ``data=`` string is slower).
   Target: at most 1.5 times the floor.
2. An animation: a loop that changes a 640 x 480 picture (a bar moving
   across it) and calls ``media.update``; frames per second, against the
   same floor for 640 x 480 and against a 60 Hz screen.
   Target: at least 60 frames per second ("screen rate").

The whole 1920 x 1080 picture must be visible for the comparison to be
fair (a window shows and draws only what fits on the screen), so by
default the benchmark starts its own Xvfb with a 2560 x 1600 screen (on a
free display).  ``--use-display`` uses $DISPLAY as it is instead.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BIG = (1920, 1080)
SMALL = (640, 480)
RUNS = 40
ANIMATION_FRAMES = 300
BENCH_SCREEN = "2560x1600x24"

_RECEIVER = r"""
import socket, sys
listener = socket.create_server(("127.0.0.1", 0))
print(listener.getsockname()[1], flush=True)
connection, _ = listener.accept()
size = int(sys.argv[1])
buffer = bytearray(size)
view = memoryview(buffer)
while True:
    got = 0
    while got < size:
        count = connection.recv_into(view[got:], size - got)
        if not count:
            sys.exit(0)
        got += count
    connection.sendall(b"!")
"""


def median_ms(samples):
    return statistics.median(samples) * 1000


def floor_socket_ms(size):
    """Median time to send ``size`` bytes to another process and get its ack."""
    receiver = subprocess.Popen([sys.executable, "-c", _RECEIVER, str(size)],
                                stdout=subprocess.PIPE, text=True)
    try:
        port = int(receiver.stdout.readline())
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sender:
            sender.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            payload = os.urandom(size)
            samples = []
            for _ in range(RUNS):
                started = time.perf_counter()
                sender.sendall(payload)
                if sender.recv(1) != b"!":
                    raise RuntimeError("the receiver stopped")
                samples.append(time.perf_counter() - started)
    finally:
        receiver.kill()
        receiver.wait(timeout=10)
    return median_ms(samples)


def floor_paste_ms(size):
    """Median time to paste raw RGB bytes into a Tk photo image shown on screen."""
    import tkinter

    from PIL import Image, ImageTk

    root = tkinter.Tk()
    try:
        root.geometry("+0+0")
        pixels = os.urandom(size[0] * size[1] * 3)
        photo = ImageTk.PhotoImage(Image.frombytes("RGB", size, pixels), master=root)
        label = tkinter.Label(root, image=photo, borderwidth=0)
        label.pack()
        root.update()
        samples = []
        for _ in range(RUNS):
            pixels = os.urandom(16) + pixels[16:]  # new bytes each time, like a frame
            started = time.perf_counter()
            photo.paste(Image.frombuffer("RGB", size, pixels, "raw", "RGB", 0, 1))
            root.update_idletasks()
            samples.append(time.perf_counter() - started)
        return median_ms(samples)
    finally:
        root.destroy()


def ours_update_ms(media, size):
    """Median time of ``media.update`` for a shown picture of ``size``."""
    picture = media.create_picture(*size, media.white)
    picture.set_title(f"bench {size[0]}x{size[1]}")
    media.show(picture)
    media.update(picture)
    samples = []
    for run in range(RUNS):
        media.set_red(media.get_pixel(picture, run, 0), run)
        started = time.perf_counter()
        media.update(picture)
        samples.append(time.perf_counter() - started)
    media.close(picture)
    return median_ms(samples)


def animation_fps(media):
    """Frames per second of a loop that moves a bar across 640x480 and updates."""
    width, height = SMALL
    picture = media.create_picture(width, height, media.white)
    picture.set_title("bench animation")
    media.show(picture)
    started = time.perf_counter()
    x = 0
    for frame in range(ANIMATION_FRAMES):
        # The bar is drawn with add_rect_filled, not pixel by pixel, so
        # that the figure is the cost of update.
        media.add_rect_filled(picture, x, 100, 20, 280, media.white)
        x = (frame * 4) % (width - 20)
        media.add_rect_filled(picture, x, 100, 20, 280, media.blue)
        media.update(picture)
    elapsed = time.perf_counter() - started
    media.close(picture)
    return ANIMATION_FRAMES / elapsed


def start_xvfb():
    """Start a virtual screen big enough for the 1920x1080 picture; return the process."""
    from pygraphics_core.virtual_display import VirtualDisplayError
    from pygraphics_core.virtual_display import start_xvfb as start

    try:
        process, display = start(BENCH_SCREEN)
    except VirtualDisplayError as error:
        sys.exit(f"bench_show: {error} Or run with --use-display on a screen of at "
                 f"least 2000 x 1200 pixels.")
    os.environ["DISPLAY"] = display
    return process


def main(argv):
    xvfb = None
    if "--use-display" not in argv:
        xvfb = start_xvfb()
    try:
        import media

        size = BIG[0] * BIG[1] * 3
        socket_ms = floor_socket_ms(size)
        paste_ms = floor_paste_ms(BIG)
        floor_ms = socket_ms + paste_ms
        update_ms = ours_update_ms(media, BIG)
        small_floor_ms = floor_socket_ms(SMALL[0] * SMALL[1] * 3) + floor_paste_ms(SMALL)
        small_update_ms = ours_update_ms(media, SMALL)
        fps = animation_fps(media)

        print(f"display {os.environ.get('DISPLAY')}, {RUNS} runs each, medians")
        print(f"1920x1080 update        {update_ms:7.2f} ms")
        print(f"  floor: socket {socket_ms:.2f} ms + paste into shown photo {paste_ms:.2f} ms "
              f"= {floor_ms:.2f} ms")
        print(f"  ratio                 {update_ms / floor_ms:7.2f}x   (target <= 1.5x)")
        print(f"640x480 update          {small_update_ms:7.2f} ms   "
              f"(floor {small_floor_ms:.2f} ms, ratio {small_update_ms / small_floor_ms:.2f}x)")
        print(f"640x480 animation       {fps:7.1f} frames/s  "
              f"(screen rate 60 Hz: ratio {fps / 60:.2f}x, target >= 1x)")
    finally:
        if xvfb is not None:
            from pygraphics_core import client

            client.stop_gui_process()
            from pygraphics_core.virtual_display import stop_xvfb

            stop_xvfb(xvfb)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
