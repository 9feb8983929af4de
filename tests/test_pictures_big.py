"""A student loads a photo from their phone: 4032 x 3024 pixels, 12 megapixels.

The photo is made by the test (never committed): smooth colour ramps in
each channel, saved as a JPEG and a PNG.
"""

import tracemalloc

import pytest
from PIL import Image

import media

PHONE_PHOTO = (4032, 3024)
RAW_BYTES = PHONE_PHOTO[0] * PHONE_PHOTO[1] * 3


def phone_photo():
    """A 4032 x 3024 picture with a different colour in (nearly) every pixel."""
    ramp = Image.linear_gradient("L")
    return Image.merge("RGB", (ramp.resize(PHONE_PHOTO),
                               ramp.rotate(90).resize(PHONE_PHOTO),
                               ramp.rotate(45).resize(PHONE_PHOTO)))


@pytest.fixture(scope="module")
def photo_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("phone")
    image = phone_photo()
    jpeg, png = folder / "photo.jpg", folder / "photo.png"
    image.save(jpeg, quality=90)
    image.save(png, compress_level=1)
    return {"JPEG": jpeg, "PNG": png}


@pytest.mark.parametrize("kind", ["JPEG", "PNG"])
def test_a_loaded_phone_photo_has_exactly_the_pixels_pillow_reads(photo_files, kind):
    picture = media.load_picture(photo_files[kind])
    with Image.open(photo_files[kind]) as image:
        expected = image.convert("RGB").tobytes()
    assert (picture.get_width(), picture.get_height()) == PHONE_PHOTO
    assert picture.to_bytes() == expected


@pytest.mark.parametrize("kind", ["JPEG", "PNG"])
def test_a_loaded_phone_photo_is_held_once_even_while_loading(photo_files, kind):
    # Python's own allocations: Pillow's image (freed once loaded) is not
    # among them, a copy of the pixels in bytes or a bytearray would be.
    tracemalloc.start()
    try:
        picture = media.load_picture(photo_files[kind])
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert picture.get_width() == PHONE_PHOTO[0]
    assert RAW_BYTES <= held <= 1.1 * RAW_BYTES
    assert peak <= 1.1 * RAW_BYTES


def test_set_image_packs_the_new_pixels_in_place_or_into_a_new_size():
    picture = media.create_picture(30, 20, media.red)
    pixel = media.get_pixel(picture, 0, 0)
    same_size = Image.new("RGB", (30, 20), (1, 2, 3))
    picture.set_image(same_size)
    assert picture.to_bytes() == same_size.tobytes()
    media.set_green(pixel, 99)  # a pixel taken before writes into the new pixels
    assert media.get_color(media.get_pixel(picture, 0, 0)) == media.create_color(1, 99, 3)
    larger = Image.new("RGB", (50, 40), (7, 8, 9))
    picture.set_image(larger)
    assert (picture.get_width(), picture.get_height()) == (50, 40)
    assert picture.to_bytes() == larger.tobytes()
