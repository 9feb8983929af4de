"""How fast and how big is notebook mode's output? Run: python bench/bench_notebook.py

Every figure is printed beside a baseline measured in the same run:

- one frame of ``media.update`` (the picture made into the output's PNG in
  HTML) against ``Picture._repr_png_``, which a notebook already used to
  show a picture at the end of a cell (full size, Pillow's default PNG);
- a sound put into a notebook (``compact_wav`` + base64) against the plain
  WAV file in base64, which ``Sound._repr_html_`` embedded before: time and
  bytes in the notebook, for 10 s, 60 s and 3 minutes of stereo.

Times are the best of several runs, in milliseconds. Plain script, not a test;
no kernel is needed (the rendering is plain Pillow).
"""

import base64
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import media  # noqa: E402
from pygraphics_core import notebook_audio, notebook_views  # noqa: E402

REPEATS = 5


def best(function, repeats=REPEATS):
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def photo(width, height):
    """A picture with detail (a gradient and noise), like a photograph to PNG."""
    import random

    from PIL import Image

    generator = random.Random(1)
    noise = bytes(generator.randrange(256) for _ in range(width * height))
    image = Image.frombytes("L", (width, height), noise).convert("RGB")
    gradient = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    return media.Picture.from_bytes(width, height,
                                    Image.blend(image, gradient, 0.7).tobytes())


def main():
    print("One picture frame (ms; bytes in the notebook)")
    print(f"{'picture':>12} {'update frame':>14} {'_repr_png_':>12} {'ratio':>6}"
          f" {'frame bytes':>12} {'repr bytes':>12}")
    for width, height in ((320, 200), (640, 480), (2400, 1600)):
        pic = photo(width, height)
        image = pic.get_image()
        frame = best(lambda: notebook_views.picture_bundle(image, "photo"))
        baseline = best(pic._repr_png_)
        frame_bytes = len(notebook_views.picture_bundle(image, "photo")["text/html"])
        repr_bytes = len(base64.b64encode(pic._repr_png_()))
        print(f"{width}x{height:<7} {frame:14.1f} {baseline:12.1f} {frame / baseline:6.2f}"
              f" {frame_bytes:12,} {repr_bytes:12,}")

    print()
    print("A sound in the notebook (ms; bytes in the notebook)")
    print(f"{'seconds':>8} {'compact':>9} {'plain WAV':>10} {'ratio':>6}"
          f" {'compact bytes':>14} {'plain bytes':>12} {'smaller':>8}")
    second = media.create_note("A", 44100)
    for seconds in (10, 60, 180):
        wav = (second * seconds).to_wav_bytes()
        compact = best(lambda: base64.b64encode(notebook_audio.compact_wav(wav).wav), 3)
        plain = best(lambda: base64.b64encode(wav), 3)
        compact_bytes = len(base64.b64encode(notebook_audio.compact_wav(wav).wav))
        plain_bytes = len(base64.b64encode(wav))
        print(f"{seconds:8} {compact:9.1f} {plain:10.1f} {compact / plain:6.1f}"
              f" {compact_bytes:14,} {plain_bytes:12,} {plain_bytes / compact_bytes:7.1f}x")


if __name__ == "__main__":
    main()
