"""Drawing on pictures: each shape must put exactly the pixels Pillow would
draw on an RGB image (with a w by h box covering exactly w by h pixels),
only inside the picture, and explain wrong arguments."""

import pytest
from PIL import Image, ImageDraw, ImageFont

import media


def background():
    """A picture with a pattern, so that a shape that wrote the wrong pixels shows."""
    pic = media.create_picture(40, 30)
    for p in pic:
        media.set_color(p, media.create_color(media.get_x(p) * 5, media.get_y(p) * 7, 90))
    return pic


def pillow_drawing(pic, draw_with_pillow):
    image = pic.get_image()
    draw_with_pillow(ImageDraw.Draw(image))
    return image.tobytes()


RED = (255, 0, 0)

CASES = [
    ("line", lambda pic: media.add_line(pic, 2, 3, 37, 25, media.red),
     lambda draw: draw.line([2, 3, 37, 25], fill=RED)),
    ("steep line backwards", lambda pic: media.add_line(pic, 30, 29, 1, 0, media.red),
     lambda draw: draw.line([30, 29, 1, 0], fill=RED)),
    ("thick line", lambda pic: pic.add_line(media.red, 0, 15, 39, 15, width=5),
     lambda draw: draw.line([0, 15, 39, 15], fill=RED, width=5)),
    ("rect", lambda pic: media.add_rect(pic, 5, 6, 10, 4, media.red),
     lambda draw: draw.rectangle([5, 6, 14, 9], outline=RED)),
    ("filled rect", lambda pic: media.add_rect_filled(pic, 5, 6, 10, 4, media.red),
     lambda draw: draw.rectangle([5, 6, 14, 9], fill=RED, outline=RED)),
    ("rect past the edges", lambda pic: media.add_rect_filled(pic, 30, 20, 50, 50, media.red),
     lambda draw: draw.rectangle([30, 20, 79, 69], fill=RED)),
    ("oval", lambda pic: media.add_oval(pic, 3, 2, 30, 20, media.red),
     lambda draw: draw.ellipse([3, 2, 32, 21], outline=RED)),
    ("filled oval", lambda pic: media.add_oval_filled(pic, 3, 2, 30, 20, media.red),
     lambda draw: draw.ellipse([3, 2, 32, 21], fill=RED, outline=RED)),
    ("oval past the edge", lambda pic: media.add_oval_filled(pic, 20, 10, 40, 40, media.red),
     lambda draw: draw.ellipse([20, 10, 59, 49], fill=RED, outline=RED)),
    ("polygon", lambda pic: media.add_polygon(pic, [1, 1, 38, 5, 20, 28], media.red),
     lambda draw: draw.polygon([(1, 1), (38, 5), (20, 28)], outline=RED)),
    ("filled polygon", lambda pic: media.add_polygon_filled(pic, [1, 1, 38, 5, 20, 28], media.red),
     lambda draw: draw.polygon([(1, 1), (38, 5), (20, 28)], fill=RED, outline=RED)),
    ("polygon of pairs", lambda pic: media.add_polygon_filled(pic, [(1, 1), (38, 5), (20, 28)], media.red),
     lambda draw: draw.polygon([(1, 1), (38, 5), (20, 28)], fill=RED, outline=RED)),
    ("text", lambda pic: media.add_text(pic, 2, 5, "Hi 42!", media.red),
     lambda draw: draw.text((2, 5), "Hi 42!", fill=RED, font=ImageFont.load_default())),
]


@pytest.mark.parametrize("name, draw_with_media, draw_with_pillow", CASES, ids=[c[0] for c in CASES])
def test_shapes_put_exactly_the_pixels_pillow_draws(name, draw_with_media, draw_with_pillow):
    pic = background()
    expected = pillow_drawing(pic, draw_with_pillow)
    before = pic.to_bytes()
    assert draw_with_media(pic) is None
    assert pic.to_bytes() != before, "the shape drew nothing"
    assert pic.to_bytes() == expected


def test_a_rectangle_w_by_h_covers_exactly_w_by_h_pixels():
    pic = media.create_picture(10, 10)
    media.add_rect_filled(pic, 2, 3, 4, 5, media.black)
    black = [(media.get_x(p), media.get_y(p)) for p in pic if media.get_color(p) == media.black]
    assert black == [(x, y) for x in range(2, 6) for y in range(3, 8)]


def test_a_rectangle_of_width_0_draws_nothing():
    pic = background()
    before = pic.to_bytes()
    media.add_rect(pic, 1, 1, 0, 5, media.red)
    assert pic.to_bytes() == before


@pytest.mark.parametrize("w, h", [(-1, 5), (5, -1)])
def test_a_negative_width_or_height_is_a_value_error(w, h):
    with pytest.raises(ValueError, match="is negative; a width or height is 0 or more"):
        media.add_rect(media.create_picture(10, 10), 1, 1, w, h, media.red)
    with pytest.raises(ValueError, match="add_oval_filled: .* is negative"):
        media.add_oval_filled(media.create_picture(10, 10), 1, 1, w, h, media.red)


def test_a_shape_starting_outside_the_picture_is_an_index_error():
    pic = media.create_picture(10, 10)
    with pytest.raises(IndexError, match="x=10 is outside this 10-pixel-wide picture: use 0 to 9"):
        media.add_rect(pic, 10, 0, 2, 2, media.red)
    with pytest.raises(IndexError, match="y=-1 is outside"):
        media.add_line(pic, 0, 0, 5, -1, media.red)
    with pytest.raises(IndexError, match="y=12 is outside"):
        media.add_polygon(pic, [0, 0, 5, 5, 3, 12], media.red)
    with pytest.raises(IndexError, match="x=20 is outside"):
        media.add_text(pic, 20, 0, "hi", media.red)


def test_drawing_needs_a_colour():
    with pytest.raises(TypeError, match=r"add_line needs a Color such as media.red .* but got 'red'"):
        media.add_line(media.create_picture(5, 5), 0, 0, 4, 4, "red")
    with pytest.raises(TypeError, match="add_text needs a Color"):
        media.add_text(media.create_picture(5, 5), 0, 0, "hi", (0, 0, 0))


def test_polygon_corner_lists_that_cannot_be():
    pic = media.create_picture(10, 10)
    with pytest.raises(ValueError, match="has 5 numbers, but corners come in x, y pairs"):
        media.add_polygon(pic, [0, 0, 5, 5, 3], media.red)
    with pytest.raises(ValueError, match="needs at least 3 corners"):
        media.add_polygon(pic, [0, 0, 5, 5], media.red)
    with pytest.raises(TypeError, match="needs a list of corners"):
        media.add_polygon(pic, 7, media.red)


def test_sizes_must_be_whole_numbers():
    with pytest.raises(TypeError, match=r"add_rect: w=2.5 is a float"):
        media.add_rect(media.create_picture(10, 10), 0, 0, 2.5, 3, media.red)


def test_text_can_be_any_value_and_a_font_can_be_chosen():
    pic = media.create_picture(60, 30)
    media.add_text(pic, 1, 1, 42, media.black)
    expected = pillow_drawing(media.create_picture(60, 30),
                              lambda draw: draw.text((1, 1), "42", fill=(0, 0, 0),
                                                     font=ImageFont.load_default()))
    assert pic.to_bytes() == expected
    big = ImageFont.load_default(size=20)
    styled = media.create_picture(60, 30)
    styled.add_text_with_style(media.black, 1, 1, "42", big)
    assert styled.to_bytes() != pic.to_bytes()


def test_drawing_functions_need_a_picture():
    with pytest.raises(TypeError, match="add_oval needs a picture"):
        media.add_oval("pic", 0, 0, 1, 1, media.red)
