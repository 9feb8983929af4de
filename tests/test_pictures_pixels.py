"""Pictures and pixels as students use them: making pictures, looping over
their pixels, reading and changing colours, and the errors they meet."""

import weakref

import pytest
from PIL import Image

import media
from pygraphics_core.pictures import Picture, Pixel


def numbered_picture(width=4, height=3):
    """A picture whose pixel (x, y) has red x, green y and blue 7."""
    pic = media.create_picture(width, height)
    for x in range(width):
        for y in range(height):
            media.set_color(media.get_pixel(pic, x, y), media.create_color(x, y, 7))
    return pic


def test_a_new_picture_has_its_size_and_colour():
    pic = media.create_picture(5, 3, media.navy)
    assert (media.get_width(pic), media.get_height(pic)) == (5, 3)
    assert pic.to_bytes() == bytes([0, 0, 128]) * 15
    assert media.get_color(media.get_pixel(media.create_picture(1, 1), 0, 0)) == media.white


def test_looping_over_a_picture_goes_down_each_column_as_in_21():
    pic = numbered_picture(3, 2)
    assert [(media.get_x(p), media.get_y(p)) for p in pic] == [
        (0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (2, 1)]
    assert [media.get_red(p) for p in pic] == [0, 0, 1, 1, 2, 2]
    assert [media.get_x(p) for p in media.get_pixels(pic)] == [0, 0, 1, 1, 2, 2]


def test_a_pixel_writes_straight_into_its_picture():
    pic = media.create_picture(3, 3)
    pixel = media.get_pixel(pic, 1, 2)
    media.set_red(pixel, 1)
    media.set_green(pixel, 2)
    media.set_blue(pixel, 3)
    assert pic.get_image().getpixel((1, 2)) == (1, 2, 3)
    assert media.get_color(media.get_pixel(pic, 1, 2)) == media.create_color(1, 2, 3)
    media.set_color(pixel, media.teal)
    assert pic.get_image().getpixel((1, 2)) == (0, 128, 128)
    assert pic.get_image().getpixel((1, 1)) == (255, 255, 255)


def test_halving_red_in_a_loop_changes_every_pixel():
    pic = media.create_picture(30, 20, media.create_color(201, 10, 20))
    for p in pic:
        media.set_red(p, media.get_red(p) // 2)
    assert pic.to_bytes() == bytes([100, 10, 20]) * 600


def test_a_value_with_a_fraction_is_rounded_down():
    pixel = media.get_pixel(media.create_picture(1, 1), 0, 0)
    media.set_red(pixel, 127.9)
    media.set_green(pixel, 0.5)
    media.set_blue(pixel, media.get_red(pixel) * 0.5)
    assert media.get_color(pixel) == media.create_color(127, 0, 63)


@pytest.mark.parametrize("setter, name", [
    (media.set_red, "red"), (media.set_green, "green"), (media.set_blue, "blue")])
def test_a_value_outside_0_to_255_is_a_value_error_and_changes_nothing(setter, name):
    pic = media.create_picture(1, 1)
    with pytest.raises(ValueError, match=f"{name}=256 is too big: colour values go from 0 to 255"):
        setter(media.get_pixel(pic, 0, 0), 256)
    with pytest.raises(ValueError, match=f"{name}=-1 is too small"):
        setter(media.get_pixel(pic, 0, 0), -1)
    assert pic.to_bytes() == b"\xff\xff\xff"


def test_a_value_that_is_not_a_number_is_a_type_error():
    pixel = media.get_pixel(media.create_picture(1, 1), 0, 0)
    with pytest.raises(TypeError, match=r"red must be a number from 0 to 255, but it is '9' \(a str\)"):
        media.set_red(pixel, "9")


@pytest.mark.parametrize("function", [
    media.get_red, media.get_green, media.get_blue, media.get_color, media.get_x, media.get_y])
def test_pixel_functions_given_something_else_say_what_they_need(function):
    with pytest.raises(TypeError, match=rf"{function.__name__} needs a pixel .* but got 5 \(an? int\)"):
        function(5)


def test_setters_given_something_else_say_what_they_need():
    with pytest.raises(TypeError, match=r"set_green needs a pixel .* but got \[1, 2\] \(a list\)"):
        media.set_green([1, 2], 5)
    with pytest.raises(TypeError, match="set_color needs a pixel"):
        media.set_color("pixel", media.red)
    pixel = media.get_pixel(media.create_picture(1, 1), 0, 0)
    with pytest.raises(TypeError, match=r"set_color needs a Color such as media.red .* \(a tuple\)"):
        media.set_color(pixel, (1, 2, 3))


def test_a_pixel_made_on_its_own_says_where_pixels_come_from():
    with pytest.raises(TypeError, match=r"made on its own: use media.get_pixel"):
        media.get_red(Pixel())
    assert repr(Pixel()) == "<Pixel that belongs to no picture>"


@pytest.mark.parametrize("x, y, message", [
    (700, 0, "x=700 is outside this 640-pixel-wide picture: use 0 to 639"),
    (640, 0, "x=640 is outside this 640-pixel-wide picture: use 0 to 639"),
    (-1, 0, "x=-1 is outside this 640-pixel-wide picture: use 0 to 639"),
    (0, 480, "y=480 is outside this 480-pixel-high picture: use 0 to 479"),
    (0, -480, "y=-480 is outside this 480-pixel-high picture: use 0 to 479"),
    # Far outside: past where get_pixel's lookup tables end, counted from
    # either end of them (pictures.position_tables).
    (1280, 0, "x=1280 is outside this 640-pixel-wide picture: use 0 to 639"),
    (10**30, 0, "x=10{30} is outside this 640-pixel-wide picture"),
    (-641, 0, "x=-641 is outside this 640-pixel-wide picture: use 0 to 639"),
    (0, -481, "y=-481 is outside this 480-pixel-high picture: use 0 to 479"),
    (0, -960, "y=-960 is outside this 480-pixel-high picture: use 0 to 479"),
    (0, -961, "y=-961 is outside this 480-pixel-high picture: use 0 to 479"),
])
def test_a_position_outside_the_picture_is_an_index_error(x, y, message):
    pic = media.create_picture(640, 480)
    with pytest.raises(IndexError, match=message):
        media.get_pixel(pic, x, y)
    with pytest.raises(IndexError, match=message):
        pic.get_pixel(x, y)


def test_a_float_position_says_to_use_floor_division():
    pic = media.create_picture(10, 10)
    with pytest.raises(TypeError, match=r"x=5.0 is a float, .* use // instead of /"):
        media.get_pixel(pic, media.get_width(pic) / 2, 0)
    with pytest.raises(TypeError, match="y must be a whole number, but it is '1'"):
        media.get_pixel(pic, 1, "1")


def test_get_pixel_of_something_that_is_not_a_picture():
    with pytest.raises(TypeError, match=r"get_pixel needs a picture .* but got 'cat.jpg' \(a str\)"):
        media.get_pixel("cat.jpg", 0, 0)


@pytest.mark.parametrize("function", [media.get_width, media.get_height, media.get_pixels])
def test_picture_functions_given_something_else_say_what_they_need(function):
    with pytest.raises(TypeError, match=f"{function.__name__} needs a picture"):
        function(None)


@pytest.mark.parametrize("width, height, error, message", [
    (0, 5, ValueError, "width=0 is too small: a picture is at least 1 pixel wide"),
    (5, -2, ValueError, "height=-2 is too small: a picture is at least 1 pixel high"),
    ("5", 5, TypeError, "width must be a whole number of pixels, but it is '5'"),
    (2.5, 5, TypeError, "width must be a whole number of pixels, but it is 2.5"),
])
def test_a_picture_size_that_cannot_be_is_explained(width, height, error, message):
    with pytest.raises(error, match=message):
        media.create_picture(width, height)


def test_a_whole_float_size_is_accepted():
    assert media.get_width(media.create_picture(640 / 2, 10)) == 320


def test_create_picture_needs_a_colour():
    with pytest.raises(TypeError, match="create_picture needs a Color"):
        media.create_picture(2, 2, "red")


def test_has_coordinates():
    pic = media.create_picture(3, 2)
    assert pic.has_coordinates(2, 1)
    assert not pic.has_coordinates(3, 1)
    assert not pic.has_coordinates(-1, 0)


def test_crop_keeps_the_rectangle_with_both_corners_included():
    pic = numbered_picture(6, 5)
    media.crop_picture(pic, 1, 2, 3, 4)
    assert (media.get_width(pic), media.get_height(pic)) == (3, 3)
    assert media.get_color(media.get_pixel(pic, 0, 0)) == media.create_color(1, 2, 7)
    assert media.get_color(media.get_pixel(pic, 2, 2)) == media.create_color(3, 4, 7)
    media.crop(pic, 1, 1, 2, 2)  # crop_picture's other name, as in 2.1
    assert media.get_color(media.get_pixel(pic, 0, 0)) == media.create_color(2, 3, 7)


def test_crop_with_corners_the_wrong_way_round_or_outside():
    pic = media.create_picture(6, 5)
    # IndexError, as in 2.1, whose labs catch it.
    with pytest.raises(IndexError, match=r"\(3, 4\) and \(1, 2\) are the other way round"):
        media.crop_picture(pic, 3, 4, 1, 2)
    with pytest.raises(IndexError, match="other way round"):
        media.crop(pic, 3, 0, 1, 2)
    with pytest.raises(IndexError, match="x=6 is outside this 6-pixel-wide picture"):
        media.crop_picture(pic, 0, 0, 6, 4)
    assert (media.get_width(pic), media.get_height(pic)) == (6, 5)


def test_a_pixel_from_before_a_crop_that_is_now_outside_says_so():
    pic = media.create_picture(10, 10)
    far_corner = media.get_pixel(pic, 9, 9)
    media.crop_picture(pic, 0, 0, 1, 1)
    with pytest.raises(IndexError, match="no longer in its picture .* cropped to 2x2"):
        media.set_red(far_corner, 0)


@pytest.mark.parametrize("use", [
    lambda pixel: media.set_red(pixel, 99), media.get_red, media.get_green, media.get_blue,
    lambda pixel: media.set_green(pixel, 1.5), lambda pixel: media.set_blue(pixel, 1),
    media.get_color, lambda pixel: media.set_color(pixel, media.red), media.get_x,
    media.get_y, lambda pixel: pixel.get_red(), lambda pixel: pixel.set_blue(3)])
def test_a_pixel_from_before_a_crop_is_an_error_instead_of_another_pixel(use):
    pic = numbered_picture(4, 3)
    corner = media.get_pixel(pic, 0, 0)  # would be inside the cropped picture too
    media.crop_picture(pic, 1, 1, 3, 2)
    before = pic.to_bytes()
    with pytest.raises(IndexError, match="no longer in its picture .*taken before the picture "
                                         "was cropped to 3x2.*get it again"):
        use(corner)
    assert pic.to_bytes() == before
    assert repr(corner) == "<Pixel that is no longer in its picture>"


def test_pixels_of_a_loop_that_crops_its_picture_stop_at_once():
    pic = numbered_picture(4, 3)
    with pytest.raises(IndexError, match="no longer in its picture"):
        for pixel in pic:
            media.set_red(pixel, 1)
            if media.get_x(pixel) == 1:
                media.crop_picture(pic, 0, 0, 1, 1)


def test_a_pixel_from_before_set_image_of_the_same_size_writes_into_the_new_pixels():
    pic = media.create_picture(2, 2)
    pixel = media.get_pixel(pic, 1, 0)
    pic.set_image(Image.new("RGB", (2, 2), (10, 20, 30)))
    media.set_blue(pixel, 77)
    assert media.get_color(media.get_pixel(pic, 1, 0)) == media.create_color(10, 20, 77)
    assert media.get_x(pixel) == 1 and media.get_y(pixel) == 0


def test_a_pixel_from_before_set_image_of_another_size_is_an_error():
    pic = media.create_picture(4, 3)
    pixel = media.get_pixel(pic, 1, 0)
    pic.set_image(Image.new("RGB", (2, 2), (10, 20, 30)))
    with pytest.raises(IndexError, match="no longer in its picture"):
        media.set_blue(pixel, 77)
    assert pic.to_bytes() == bytes([10, 20, 30]) * 4


def test_a_picture_made_from_something_that_is_no_image_is_a_value_error_as_in_21():
    with pytest.raises(ValueError, match=r"made from a Pillow image .*but got 'not a picture' "
                                         r"\(a str\): to load a picture file, use "
                                         r"media.load_picture\(filename\)"):
        Picture(image="not a picture")
    pic = media.create_picture(2, 2)
    with pytest.raises(ValueError, match="made from a Pillow image"):
        pic.set_image(None)


def test_get_pixel_works_the_same_after_a_crop_changes_the_size():
    pic = numbered_picture(6, 5)
    media.crop_picture(pic, 2, 1, 4, 3)
    assert media.get_color(media.get_pixel(pic, 2, 2)) == media.create_color(4, 3, 7)
    with pytest.raises(IndexError, match="x=3 is outside this 3-pixel-wide picture"):
        media.get_pixel(pic, 3, 0)


@pytest.mark.parametrize("width, height", [(1, 100000), (100000, 1)])
def test_a_very_thin_picture_has_every_pixel_and_the_same_errors(width, height):
    # Such a picture has no lookup tables (they would outweigh its pixels):
    # get_pixel takes the careful path, which must give the same answers.
    pic = media.create_picture(width, height)
    far = media.get_pixel(pic, width - 1, height - 1)
    media.set_green(far, 5)
    assert (media.get_x(far), media.get_y(far)) == (width - 1, height - 1)
    assert pic.to_bytes()[-3:] == bytes([255, 5, 255])
    with pytest.raises(IndexError, match=f"x={width} is outside"):
        media.get_pixel(pic, width, 0)
    with pytest.raises(IndexError, match="y=-1 is outside"):
        media.get_pixel(pic, 0, -1)
    with pytest.raises(TypeError, match="x=0.0 is a float"):
        media.get_pixel(pic, 0.0, 0)


def test_copy_is_independent_and_keeps_the_title():
    pic = numbered_picture()
    pic.set_title("mine")
    twin = media.copy(pic)
    media.set_red(media.get_pixel(twin, 0, 0), 200)
    assert media.get_red(media.get_pixel(pic, 0, 0)) == 0
    assert twin.get_title() == "mine"
    assert twin is not pic


def test_get_image_is_a_pillow_rgb_image_of_the_current_pixels():
    pic = numbered_picture()
    image = pic.get_image()
    assert image.mode == "RGB" and image.size == (4, 3)
    assert image.getpixel((3, 2)) == (3, 2, 7)
    image.putpixel((0, 0), (9, 9, 9))  # a copy: the picture does not change
    assert media.get_red(media.get_pixel(pic, 0, 0)) == 0


def test_a_picture_made_from_a_pillow_image_of_any_mode():
    grey = Image.new("L", (2, 2), 77)
    pic = Picture(image=grey)
    assert pic.to_bytes() == bytes([77, 77, 77]) * 4


def test_to_bytes_and_from_bytes_are_raw_rgb_rows():
    pic = numbered_picture(2, 2)
    raw = pic.to_bytes()
    assert raw == bytes([0, 0, 7, 1, 0, 7, 0, 1, 7, 1, 1, 7])
    assert Picture.from_bytes(2, 2, raw).to_bytes() == raw
    with pytest.raises(ValueError, match="needs 12 bytes of RGB, not 3"):
        Picture.from_bytes(2, 2, b"abc")


def test_titles_and_file_names_of_a_new_picture():
    pic = media.create_picture(2, 2)
    assert pic.get_filename() == "" and pic.filename == ""
    assert pic.get_title() == ""  # as in 2.1
    pic.set_title("Sunset")
    assert pic.get_title() == "Sunset"
    with pytest.raises(TypeError, match="a title must be a str"):
        pic.set_title(5)


def test_pictures_are_hashable_and_weakly_referenceable_by_identity():
    first, second = media.create_picture(1, 1), media.create_picture(1, 1)
    assert first != second and first == first
    assert len({first, second}) == 2
    reference = weakref.ref(first)
    assert reference() is first


def test_repr_of_picture_and_pixel_say_what_a_student_needs():
    pic = media.create_picture(640, 480, media.red)
    assert repr(pic) == "<Picture 640 wide, 480 high>"
    pic.set_title("Sunset")
    assert repr(pic) == "<Picture 'Sunset': 640 wide, 480 high>"
    assert repr(media.get_pixel(pic, 3, 4)) == "<Pixel at x=3, y=4: Color(255, 0, 0)>"


def test_a_notebook_shows_a_picture_inline_as_png():
    import io

    pic = numbered_picture()
    png = pic._repr_png_()
    assert png.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(png)).convert("RGB").tobytes() == pic.to_bytes()


def test_the_pixel_methods_of_21_work_too():
    pic = media.create_picture(3, 3)
    pixel = pic.get_pixel(2, 1)
    pixel.set_red(1)
    pixel.set_green(2)
    pixel.set_blue(3)
    assert (pixel.get_red(), pixel.get_green(), pixel.get_blue()) == (1, 2, 3)
    assert (pixel.get_x(), pixel.get_y()) == (2, 1)
    pixel.set_color(media.gold)
    assert pixel.get_color() == media.gold
    assert pic.get_width() == 3 and pic.get_height() == 3
