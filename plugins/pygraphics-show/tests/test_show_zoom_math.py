"""The zoom arithmetic: which picture pixel each screen pixel shows."""

from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st
from PIL import Image

from pygraphics_show import zoom as zoom_math

allowed_zooms = st.sampled_from(
    list(zoom_math.ZOOM_STEPS) + [Fraction(1, n) for n in range(5, 13)]
)


def coordinate_picture(width, height):
    """A picture whose pixel (x, y) has red x and green y: every pixel distinct."""
    picture = Image.new("RGB", (width, height))
    picture.putdata([(x, y, 128) for y in range(height) for x in range(width)])
    return picture


@given(zoom=allowed_zooms, index=st.integers(0, 5000))
def test_the_screen_span_of_a_pixel_shows_that_pixel(zoom, index):
    first, end = zoom_math.screen_span(index, zoom)
    for screen_index in range(first, end):
        assert zoom_math.picture_index(screen_index, zoom) == index


@given(zoom=allowed_zooms, length=st.integers(1, 3000))
def test_the_screen_shows_the_whole_picture_and_nothing_more(zoom, length):
    screen_length = zoom_math.zoomed_length(length, zoom)
    assert zoom_math.picture_index(screen_length - 1, zoom) < length
    assert zoom_math.picture_index(screen_length, zoom) >= length


@pytest.mark.parametrize("zoom", [Fraction(z) for z in (1, 2, 3, 5, 7, 8)])
def test_at_whole_zooms_every_pixel_is_a_square_of_zoom_screen_pixels(zoom):
    for index in range(200):
        first, end = zoom_math.screen_span(index, zoom)
        assert (first, end) == (index * zoom, (index + 1) * zoom)


@settings(deadline=None)  # checks every drawn pixel: slow, but exact
@given(zoom=allowed_zooms, width=st.integers(1, 60), height=st.integers(1, 40),
       data=st.data())
def test_pillow_draws_exactly_the_pixels_the_readout_names(zoom, width, height, data):
    picture = coordinate_picture(width, height)
    zoomed_width = zoom_math.zoomed_length(width, zoom)
    zoomed_height = zoom_math.zoomed_length(height, zoom)
    left = data.draw(st.integers(0, zoomed_width - 1))
    top = data.draw(st.integers(0, zoomed_height - 1))
    view_width, view_height = zoomed_width - left, zoomed_height - top
    drawn = picture.transform(
        (view_width, view_height), Image.AFFINE,
        zoom_math.sampling_transform(zoom, left, top), resample=Image.NEAREST,
    )
    for screen_y in range(view_height):
        for screen_x in range(view_width):
            red, green, _ = drawn.getpixel((screen_x, screen_y))
            assert (red, green) == (
                zoom_math.picture_index(left + screen_x, zoom),
                zoom_math.picture_index(top + screen_y, zoom),
            )


@pytest.mark.parametrize("given_zoom, expected", [
    (1, Fraction(1)), ("200%", Fraction(2)), ("25 %", Fraction(1, 4)),
    (0.5, Fraction(1, 2)), ("33%", Fraction(1, 4)), ("250%", Fraction(2)),
    (Fraction(1, 3), Fraction(1, 3)), (8, Fraction(8)),
])
def test_zooms_round_down_to_equal_square_pixels(given_zoom, expected):
    assert zoom_math.as_zoom(given_zoom) == expected


@pytest.mark.parametrize("bad_zoom", ["900%", 0.1, "20%", 9])
def test_a_zoom_outside_25_to_800_percent_says_the_range(bad_zoom):
    with pytest.raises(ValueError, match="25% to 800%"):
        zoom_math.as_zoom(bad_zoom)


def test_a_zoom_that_is_not_a_number_says_how_to_write_one():
    with pytest.raises(ValueError, match="'big' is not a percentage: use for example '200%'"):
        zoom_math.as_zoom("big")


@pytest.mark.parametrize("picture, room, expected", [
    ((100, 50), (800, 800), Fraction(8)),
    ((100, 50), (350, 800), Fraction(3)),
    ((640, 480), (640, 480), Fraction(1)),
    ((641, 480), (640, 480), Fraction(1, 2)),
    ((4000, 3000), (800, 600), Fraction(1, 5)),
])
def test_fit_picks_the_largest_zoom_that_shows_the_whole_picture(picture, room, expected):
    assert zoom_math.fit_zoom(*picture, *room) == expected


def test_zoom_steps_go_from_25_to_800_percent_and_stop_at_the_ends():
    zoom, seen = zoom_math.MIN_ZOOM, []
    while zoom not in seen:
        seen.append(zoom)
        zoom = zoom_math.next_zoom_step(zoom, 1)
    assert [zoom_math.zoom_label(step) for step in seen] == [
        "25%", "33%", "50%", "100%", "200%", "300%", "400%", "500%", "600%", "700%", "800%"]
    assert zoom_math.next_zoom_step(zoom_math.MIN_ZOOM, -1) == zoom_math.MIN_ZOOM
    assert zoom_math.next_zoom_step(Fraction(1, 5), 1) == Fraction(1, 4)
