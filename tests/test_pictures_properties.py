"""Property-based checks (hypothesis) that pictures agree with Pillow, the
reference for what a picture's pixels are, for any size and contents."""

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

import media
from pygraphics_core.colors import Color
from pygraphics_core.pictures import Picture

components = st.integers(min_value=0, max_value=255)


@st.composite
def pictures_with_images(draw):
    width = draw(st.integers(min_value=1, max_value=12))
    height = draw(st.integers(min_value=1, max_value=12))
    raw = draw(st.binary(min_size=width * height * 3, max_size=width * height * 3))
    return Picture.from_bytes(width, height, raw), Image.frombytes("RGB", (width, height), raw)


@given(pictures_with_images())
def test_every_pixel_reads_what_pillow_reads(picture_and_image):
    pic, image = picture_and_image
    width, height = image.size
    for x in range(width):
        for y in range(height):
            assert media.get_color(media.get_pixel(pic, x, y)).get_rgb() == image.getpixel((x, y))
    assert pic.get_image().tobytes() == image.tobytes()


@given(pictures_with_images())
def test_a_loop_visits_every_pixel_once_column_by_column(picture_and_image):
    pic, image = picture_and_image
    width, height = image.size
    visited = [(media.get_x(p), media.get_y(p), media.get_red(p)) for p in pic]
    assert visited == [(x, y, image.getpixel((x, y))[0]) for x in range(width) for y in range(height)]


@given(pictures_with_images(), st.data())
def test_crop_agrees_with_pillow(picture_and_image, data):
    pic, image = picture_and_image
    width, height = image.size
    x1 = data.draw(st.integers(0, width - 1))
    x2 = data.draw(st.integers(x1, width - 1))
    y1 = data.draw(st.integers(0, height - 1))
    y2 = data.draw(st.integers(y1, height - 1))
    media.crop_picture(pic, x1, y1, x2, y2)
    assert pic.to_bytes() == image.crop((x1, y1, x2 + 1, y2 + 1)).tobytes()


@settings(max_examples=50)
@given(pictures_with_images(), st.data())
def test_writing_a_pixel_changes_that_pixel_only(picture_and_image, data):
    pic, image = picture_and_image
    width, height = image.size
    x = data.draw(st.integers(0, width - 1))
    y = data.draw(st.integers(0, height - 1))
    rgb = data.draw(st.tuples(components, components, components))
    pixel = media.get_pixel(pic, x, y)
    media.set_red(pixel, rgb[0])
    media.set_green(pixel, rgb[1])
    media.set_blue(pixel, rgb[2])
    image.putpixel((x, y), rgb)
    assert pic.to_bytes() == image.tobytes()


@given(st.tuples(components, components, components), st.tuples(components, components, components))
def test_colour_sums_and_differences_stay_in_range(first, second):
    total = (Color(*first) + Color(*second)).get_rgb()
    difference = (Color(*first) - Color(*second)).get_rgb()
    assert total == tuple(min(a + b, 255) for a, b in zip(first, second))
    assert difference == tuple(max(a - b, 0) for a, b in zip(first, second))


@given(st.floats(min_value=0, max_value=255.999))
def test_a_fractional_value_is_rounded_down(value):
    pixel = media.get_pixel(media.create_picture(1, 1), 0, 0)
    media.set_blue(pixel, value)
    assert media.get_blue(pixel) == int(value)


def outcome(action):
    """What action() did: ('stored', value) or (error type, message)."""
    try:
        return ("stored", action())
    except Exception as error:  # noqa: BLE001 - the error is the outcome
        return (type(error).__name__, str(error))


@settings(max_examples=500)
@given(value=st.one_of(st.floats(), st.floats(min_value=-2, max_value=258),
                       st.integers(min_value=-300, max_value=600)),
       channel=st.sampled_from([(0, media.set_red), (1, media.set_green), (2, media.set_blue)]))
def test_the_quick_way_for_floats_gives_exactly_what_the_careful_way_gives(value, channel):
    # media.set_red takes floats (from "/") without the careful path's cost;
    # its result or error must be exactly the careful path's, as in 2.1:
    # int() of a float from 0 up to 256, an error for anything else.
    from pygraphics_core.pictures import set_channel_carefully

    index, setter = channel
    quick, careful = (media.get_pixel(media.create_picture(1, 1), 0, 0) for _ in range(2))

    def quick_way():
        setter(quick, value)
        return quick._values[index]

    def careful_way():
        set_channel_carefully(careful, index, value, setter.__name__)
        return careful._values[index]

    assert outcome(quick_way) == outcome(careful_way)
    if isinstance(value, float) and 0 <= value < 256:
        assert outcome(quick_way) == ("stored", int(value))


@settings(max_examples=500)
@given(value=st.one_of(st.floats(), st.floats(min_value=-2, max_value=258),
                       st.integers(min_value=-300, max_value=600)))
def test_a_colour_made_from_floats_the_quick_way_is_exactly_the_careful_one(value):
    from pygraphics_core.colors import _checked_rgb

    quick = outcome(lambda: Color(0, value, 0).get_rgb())
    careful = outcome(lambda: tuple(_checked_rgb(0, value, 0)))
    assert quick == careful
    if isinstance(value, float) and 0 <= value < 256:
        assert quick == ("stored", (0, int(value), 0))
