"""Benchmark: how fast students' pixel loops and whole-picture work are.

Run ``python bench/bench_pixels.py``. Every figure is measured in this run,
beside its baseline, and reported as a ratio against the issue's targets:

- "halve the red of every pixel" on 640x480, written the two ways students
  write it (a for loop over the picture, and nested x/y loops with
  get_pixel), against a bare bytearray (the floor) and against a re-creation
  of PyGraphics 2.1's design (Pillow's PixelAccess plus a Pixel object per
  pixel, below). Targets: >= 2.5x faster than 2.1, <= 3x the floor;
- greyscale written with ``/ 3`` (floats, as students write it) against the
  same loop with ``// 3`` (whole numbers), measured in alternating rounds:
  target <= 1.3x;
- memory per picture (tracemalloc) against its raw RGB bytes (target <= 1.5x);
- whole-picture operations against Pillow doing the same directly, on
  640x480 and on a 4032x3024 phone photo (made for the run, see photos.py);
- ``load_picture`` of a JPEG and a PNG, 640x480 and 4032x3024, against
  Pillow's own open + load + convert of the same file (target <= 1.3x), and
  the memory a loaded phone photo takes in a fresh Python (its resident
  set, Linux only) against its raw RGB bytes (target <= 1.1x);
- (``import media`` against ``import PIL.Image``, target <= 1.3x, is
  measured by ``bench/bench_gui.py``, on a pip-installed copy.)

Below the loop targets, two rows (not targets) show where the time goes: the
get_pixel loop with media's functions imported by name (``from media import
get_pixel, ...``: no ``media.`` lookup, whose price shows in the difference;
it is small because media is a plain module, without a ``__getattr__``,
so CPython specializes those lookups), and the least any design of this
API can cost: three Python function calls and one new object per pixel,
with no checks at all.

Times are CPU time (``time.process_time``), best of several runs, so other
work on the machine disturbs them less.
"""

import gc
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from PIL import Image, ImageDraw

import media
from media import get_height, get_pixel, get_red, get_width, set_red
from photos import PHONE_PHOTO, SMALL_PHOTO, photo_image, save_photos
from pygraphics_core.pictures import position_tables

WIDTH, HEIGHT = 640, 480
PIXELS = WIDTH * HEIGHT


def best_time(function, repeats):
    """Return the smallest CPU time of ``repeats`` calls of ``function``."""
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return min(times)


# --- PyGraphics 2.1's design, re-created -------------------------------------
# 2.1 wrapped a Pillow image; each Pixel held the image's PixelAccess and its
# x, y, and read or wrote a whole (r, g, b) tuple through it. media's
# functions called the Pixel's methods.


class Pixel21:
    def __init__(self, pixels, x, y):
        self.x = x
        self.y = y
        self.pixels = pixels
        self.pixels[x, y]  # 2.1's way of raising IndexError when outside

    def get_red(self):
        return self.pixels[self.x, self.y][0]

    def set_red(self, r):
        if 0 <= r <= 255:
            self.pixels[self.x, self.y] = (
                r,
                self.pixels[self.x, self.y][1],
                self.pixels[self.x, self.y][2],
            )
        else:
            raise ValueError("Invalid red value specified.")


class Picture21:
    def __init__(self, width, height):
        self.image = Image.new("RGB", (width, height), (200, 100, 50))
        self.pixels = self.image.load()

    def __iter__(self):
        for x in range(self.image.size[0]):
            for y in range(self.image.size[1]):
                yield Pixel21(self.pixels, x, y)

    def get_pixel(self, x, y):
        return Pixel21(self.pixels, x, y)


def get_red_21(pix):
    return pix.get_red()


def set_red_21(pix, r):
    pix.set_red(r)


def get_pixel_21(pic, x, y):
    return pic.get_pixel(x, y)


# --- the loops ------------------------------------------------------------------


def floor_loop():
    values = bytearray(b"\xc8\x64\x32" * PIXELS)
    for x in range(WIDTH):
        for y in range(HEIGHT):
            index = (y * WIDTH + x) * 3
            values[index] = values[index] // 2


def design_21_for_loop():
    pic = Picture21(WIDTH, HEIGHT)
    for p in pic:
        set_red_21(p, get_red_21(p) // 2)


def design_21_get_pixel_loop():
    pic = Picture21(WIDTH, HEIGHT)
    for x in range(WIDTH):
        for y in range(HEIGHT):
            p = get_pixel_21(pic, x, y)
            set_red_21(p, get_red_21(p) // 2)


def media_for_loop():
    pic = media.create_picture(WIDTH, HEIGHT, media.create_color(200, 100, 50))
    for p in pic:
        media.set_red(p, media.get_red(p) // 2)


def media_get_pixel_loop():
    pic = media.create_picture(WIDTH, HEIGHT, media.create_color(200, 100, 50))
    for x in range(media.get_width(pic)):
        for y in range(media.get_height(pic)):
            p = media.get_pixel(pic, x, y)
            media.set_red(p, media.get_red(p) // 2)


def media_get_pixel_loop_imported_names():
    pic = media.create_picture(WIDTH, HEIGHT, media.create_color(200, 100, 50))
    for x in range(get_width(pic)):
        for y in range(get_height(pic)):
            p = get_pixel(pic, x, y)
            set_red(p, get_red(p) // 2)


# The least a function-per-step API can cost: a new object per pixel and
# three calls that do only the bytearray work, without any checks.


class BarePixel:
    __slots__ = ("values", "index")


def bare_get_pixel(values, x, y):
    pixel = BarePixel()
    pixel.values = values
    pixel.index = (y * WIDTH + x) * 3
    return pixel


def bare_get_red(pixel):
    return pixel.values[pixel.index]


def bare_set_red(pixel, value):
    pixel.values[pixel.index] = value


def least_possible_loop():
    values = bytearray(b"\xc8\x64\x32" * PIXELS)
    for x in range(WIDTH):
        for y in range(HEIGHT):
            p = bare_get_pixel(values, x, y)
            bare_set_red(p, bare_get_red(p) // 2)


def check_loops_agree():
    """The loops must do the same work: compare their results once."""
    pic = media.create_picture(WIDTH, HEIGHT, media.create_color(200, 100, 50))
    for p in pic:
        media.set_red(p, media.get_red(p) // 2)
    assert pic.to_bytes() == b"\x64\x64\x32" * PIXELS


def report_loops():
    check_loops_agree()
    print(f"Halve the red of every pixel, {WIDTH}x{HEIGHT} (ns per pixel, best CPU time)")
    floor = best_time(floor_loop, 5)
    old_for = best_time(design_21_for_loop, 3)
    old_get = best_time(design_21_get_pixel_loop, 3)
    new_for = best_time(media_for_loop, 5)
    new_get = best_time(media_get_pixel_loop, 5)
    imported_get = best_time(media_get_pixel_loop_imported_names, 5)
    least = best_time(least_possible_loop, 5)

    def ns(seconds):
        return seconds / PIXELS * 1e9

    print(f"  bytearray floor (nested x/y loops)      {ns(floor):7.1f}")
    print(f"  PyGraphics 2.1 design, for p in pic      {ns(old_for):7.1f}")
    print(f"  PyGraphics 2.1 design, get_pixel loops   {ns(old_get):7.1f}")
    print(f"  media, for p in pic                      {ns(new_for):7.1f}")
    print(f"  media, get_pixel loops                   {ns(new_get):7.1f}")
    rows = [
        ("for p in pic", old_for, new_for),
        ("get_pixel loops", old_get, new_get),
    ]
    for name, old, new in rows:
        speedup, to_floor = old / new, new / floor
        print(
            f"  {name:16s} {speedup:4.2f}x faster than 2.1 (target >= 2.5: "
            f"{'met' if speedup >= 2.5 else 'MISSED'}), {to_floor:4.2f}x the floor "
            f"(target <= 3: {'met' if to_floor <= 3 else 'MISSED'})"
        )
    print("  where the time goes (not targets):")
    for name, seconds in [
        ("get_pixel loops, from media import ...", imported_get),
        ("least possible: 3 bare calls + an object", least),
    ]:
        print(f"  {name:42s} {ns(seconds):7.1f}  {seconds / floor:4.2f}x the floor")


# --- floats from "/" ---------------------------------------------------------------


def greyscale_whole_numbers():
    pic = media.create_picture(WIDTH, HEIGHT, media.create_color(200, 100, 50))
    for p in pic:
        grey = (media.get_red(p) + media.get_green(p) + media.get_blue(p)) // 3
        media.set_red(p, grey)
        media.set_green(p, grey)
        media.set_blue(p, grey)


def greyscale_floats():
    pic = media.create_picture(WIDTH, HEIGHT, media.create_color(200, 100, 50))
    for p in pic:
        grey = (media.get_red(p) + media.get_green(p) + media.get_blue(p)) / 3
        media.set_red(p, grey)
        media.set_green(p, grey)
        media.set_blue(p, grey)


def greyscale_whole_numbers_with_colours():
    pic = media.create_picture(WIDTH, HEIGHT, media.create_color(200, 100, 50))
    for p in pic:
        grey = (media.get_red(p) + media.get_green(p) + media.get_blue(p)) // 3
        media.set_color(p, media.create_color(grey, grey, grey))


def greyscale_floats_with_colours():
    pic = media.create_picture(WIDTH, HEIGHT, media.create_color(200, 100, 50))
    for p in pic:
        grey = (media.get_red(p) + media.get_green(p) + media.get_blue(p)) / 3
        media.set_color(p, media.create_color(grey, grey, grey))


def check_greyscales_agree():
    """Both loops give the same picture: (200 + 100 + 50) / 3 is 116.67, kept as 116."""
    for loop in (greyscale_whole_numbers, greyscale_floats):
        pic = media.create_picture(WIDTH, HEIGHT, media.create_color(200, 100, 50))
        for p in pic:
            grey = (media.get_red(p) + media.get_green(p) + media.get_blue(p))
            grey = grey // 3 if loop is greyscale_whole_numbers else grey / 3
            media.set_red(p, grey)
            media.set_green(p, grey)
            media.set_blue(p, grey)
        assert pic.to_bytes() == bytes([116, 116, 116]) * PIXELS


def alternating_best(first, second, rounds=5):
    """Best CPU times of two loops measured in turn, so both see the same machine."""
    best_first = best_second = float("inf")
    for _ in range(rounds):
        best_first = min(best_first, best_time(first, 1))
        best_second = min(best_second, best_time(second, 1))
    return best_first, best_second


def report_floats():
    check_greyscales_agree()
    print(f"\nGreyscale of {WIDTH}x{HEIGHT}, (r + g + b) / 3 against // 3 "
          f"(ns per pixel, best CPU time, alternating rounds)")
    whole, floats = alternating_best(greyscale_whole_numbers, greyscale_floats)
    ratio = floats / whole
    print(f"  // 3, set_red/green/blue                 {whole / PIXELS * 1e9:7.1f}")
    print(f"  /  3, set_red/green/blue                 {floats / PIXELS * 1e9:7.1f}  "
          f"{ratio:4.2f}x (target <= 1.3: {'met' if ratio <= 1.3 else 'MISSED'})")
    whole, floats = alternating_best(greyscale_whole_numbers_with_colours,
                                     greyscale_floats_with_colours)
    print(f"  // 3, set_color(create_color(...))       {whole / PIXELS * 1e9:7.1f}")
    print(f"  /  3, set_color(create_color(...))       {floats / PIXELS * 1e9:7.1f}  "
          f"{floats / whole:4.2f}x (not a target)")


# --- memory -------------------------------------------------------------------


def allocated_by(make):
    """Return the bytes still allocated by what ``make`` returns."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = make()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del kept
    return after - before


def report_memory(png_path):
    print("\nMemory per 640x480 picture (tracemalloc) vs raw RGB bytes")
    raw = PIXELS * 3

    def first_of_its_size():
        # get_pixel's lookup tables are shared by pictures of one size: the
        # first picture of a size pays for them (see pictures.position_tables).
        position_tables.cache_clear()
        return media.create_picture(WIDTH, HEIGHT)

    for name, make in [
        ("create_picture", lambda: media.create_picture(WIDTH, HEIGHT)),
        ("first of its size", first_of_its_size),
        ("load_picture (PNG)", lambda: media.load_picture(png_path)),
        ("copy", lambda pic=media.create_picture(WIDTH, HEIGHT): media.copy(pic)),
    ]:
        size = allocated_by(make)
        ratio = size / raw
        print(
            f"  {name:20s} {size:9d} bytes  raw {raw} bytes  {ratio:4.2f}x "
            f"(target <= 1.5: {'met' if ratio <= 1.5 else 'MISSED'})"
        )


# --- whole-picture operations ----------------------------------------------------


def report_whole_picture(folder, size, repeats):
    """Compare whole-picture operations with Pillow doing the same directly."""
    width, height = size
    print(f"\nWhole-picture operations on {width}x{height} (ms, best CPU time): "
          f"media vs Pillow directly")
    source = photo_image(size)
    png_path = folder / f"ops{width}.png"
    source.save(png_path)
    pic = media.load_picture(png_path)
    image = source.copy()
    red = media.red
    # A crop of the middle half, a rectangle and text placed by proportion.
    x1, y1, x2, y2 = width // 4, height // 4, width * 3 // 4 - 1, height * 3 // 4 - 1
    rect_x, rect_y, rect_w, rect_h = width // 6, height // 5, width // 6, height // 10

    def media_crop():
        media.crop_picture(media.copy(pic), x1, y1, x2, y2)

    def pillow_crop():
        image.copy().crop((x1, y1, x2 + 1, y2 + 1))

    def pillow_line():
        ImageDraw.Draw(image).line([0, 0, width - 1, height - 1], fill=(255, 0, 0))

    def pillow_rect():
        ImageDraw.Draw(image).rectangle(
            [rect_x, rect_y, rect_x + rect_w - 1, rect_y + rect_h - 1], fill=(255, 0, 0))

    def pillow_text():
        ImageDraw.Draw(image).text((10, 10), "Hello, PyGraphics", fill=(255, 0, 0))

    operations = [
        ("save PNG", lambda: media.save_as(pic, folder / "out.png"),
         lambda: image.save(folder / "direct.png")),
        ("save JPEG", lambda: media.save_as(pic, folder / "out.jpg"),
         lambda: image.save(folder / "direct.jpg", quality=95)),
        ("copy", lambda: media.copy(pic), image.copy),
        ("copy + crop", media_crop, pillow_crop),
        ("line corner to corner",
         lambda: media.add_line(pic, 0, 0, width - 1, height - 1, red), pillow_line),
        (f"filled rect {rect_w}x{rect_h}",
         lambda: media.add_rect_filled(pic, rect_x, rect_y, rect_w, rect_h, red), pillow_rect),
        ("text", lambda: media.add_text(pic, 10, 10, "Hello, PyGraphics", red), pillow_text),
        ("get_image (to Pillow)", pic.get_image, image.copy),
        ("to_bytes", pic.to_bytes, image.tobytes),
    ]
    print(f"  {'operation':24s} {'media':>8s} {'Pillow':>8s}  ratio")
    for name, ours, theirs in operations:
        ours_time, their_time = best_times(ours, theirs, repeats)
        ratio = ours_time / their_time if their_time else float("inf")
        print(f"  {name:24s} {ours_time * 1e3:8.3f} {their_time * 1e3:8.3f}  {ratio:5.2f}x")
    return png_path


def best_times(first, second, repeats):
    """The smallest CPU times of ``first()`` and ``second()``, run in turns.

    Taking turns spreads what else the machine does over both.
    """
    first_times, second_times = [], []
    for _ in range(repeats):
        for function, times in ((first, first_times), (second, second_times)):
            gc.collect()
            start = time.process_time()
            function()
            times.append(time.process_time() - start)
    return min(first_times), min(second_times)


# --- loading, and the memory of a phone photo ----------------------------------------


def pillow_load(path):
    """What Pillow itself does to read a file into an "RGB" image."""
    with Image.open(path) as image:
        image.load()
        return image.convert("RGB")


def report_loading(folder):
    print("\nload_picture vs Pillow's open + load + convert of the same file "
          "(ms, best CPU time)")
    for size, repeats in ((SMALL_PHOTO, 15), (PHONE_PHOTO, 5)):
        jpeg, png = save_photos(folder, size, name=f"load{size[0]}")
        for kind, path in (("JPEG", jpeg), ("PNG", png)):
            ours, theirs = best_times(lambda: media.load_picture(path),
                                      lambda: pillow_load(path), repeats)
            ratio = ours / theirs
            print(f"  {size[0]}x{size[1]} {kind:4s}  media {ours * 1e3:7.1f}  Pillow "
                  f"{theirs * 1e3:7.1f}  {ratio:4.2f}x (target <= 1.3: "
                  f"{'met' if ratio <= 1.3 else 'MISSED'})")
    return folder / f"load{PHONE_PHOTO[0]}.jpg", folder / f"load{SMALL_PHOTO[0]}.jpg"


# Run in a fresh Python, so that nothing this benchmark did before shows in
# its memory: the resident set grown by loading a phone photo (after a
# small load, so that Pillow's decoders are in memory already).
_MEMORY_PROBE = """
import gc, sys
from pathlib import Path
import media

def resident():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024

media.load_picture(sys.argv[2])
gc.collect()
before = resident()
picture = media.load_picture(sys.argv[1])
gc.collect()
print(resident() - before)
"""


def report_big_memory(photo_path, small_path):
    width, height = PHONE_PHOTO
    raw = width * height * 3
    print(f"\nMemory of a {width}x{height} photo in the student's process vs its raw "
          f"RGB bytes ({raw / 1e6:.1f} MB)")
    if not Path("/proc/self/status").exists():
        print("  (the resident set is read from /proc: Linux only)")
        return
    grown = int(subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, str(photo_path), str(small_path)],
        capture_output=True, text=True, check=True).stdout)
    ratio = grown / raw
    print(f"  load_picture (JPEG), resident set grown by {grown / 1e6:.1f} MB: {ratio:4.2f}x "
          f"(target <= 1.1: {'met' if ratio <= 1.1 else 'MISSED'})")


def main():
    started = time.perf_counter()
    print(f"Python {sys.version.split()[0]}, Pillow {Image.__version__}, {os.cpu_count()} CPUs\n")
    report_loops()
    report_floats()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        png_path = report_whole_picture(folder, SMALL_PHOTO, 7)
        report_memory(png_path)
        photo_path, small_path = report_loading(folder)
        report_big_memory(photo_path, small_path)
        report_whole_picture(folder, PHONE_PHOTO, 3)
    print(f"\n(took {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
