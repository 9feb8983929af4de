"""Photo-like test pictures for the benchmarks, made on the spot (never committed).

A phone photo is 4032 x 3024 pixels (12 megapixels, 36.6 MB of RGB) and
a 3 to 5 MB JPEG. :func:`phone_photo` makes a picture of that size whose
JPEG is about as large as a real photo's (so decoding it costs what a real
one costs): smooth areas, fine detail and noise in every channel.
"""

from __future__ import annotations

from pathlib import Path

PHONE_PHOTO = (4032, 3024)
SMALL_PHOTO = (640, 480)


def photo_image(size):
    """Return a photo-like Pillow "RGB" image of ``size``."""
    from PIL import Image, ImageChops

    fractal = Image.effect_mandelbrot(size, (-2.2, -1.2, 1.0, 1.2), 80)
    noise = Image.effect_noise(size, 24)
    gradient = Image.linear_gradient("L").resize(size)
    red = ImageChops.add(fractal, noise, 1, -64)
    green = ImageChops.blend(fractal, gradient, 0.5)
    blue = ImageChops.add(gradient, noise, 1, -64)
    return Image.merge("RGB", (red, green, blue))


def save_photos(folder: Path, size=PHONE_PHOTO, name="photo") -> tuple[Path, Path]:
    """Write a photo of ``size`` as ``name.jpg`` (quality 90) and ``name.png``."""
    image = photo_image(size)
    jpeg, png = folder / f"{name}.jpg", folder / f"{name}.png"
    image.save(jpeg, quality=90)
    image.save(png)
    return jpeg, png
