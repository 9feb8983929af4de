"""A student shows, inspects, updates and closes pictures: the real GUI process.

Every test starts a real GUI process on an X display, calls the functions
students call (``media.show`` ...) and checks the screen from screenshots.
Pixel (x, y) of the test pictures has the colour (x, y, blue), so a
screenshot says exactly which pixel of the picture is where.
"""

import itertools

import pytest
from PIL import Image, ImageChops

import media
from pygraphics_core.pictures import Picture

_titles = itertools.count(1)


def coordinate_picture(width, height, blue=128, title=None):
    """A picture whose pixel (x, y) is (x, y, blue), with a title of its own."""
    image = Image.new("RGB", (width, height))
    image.putdata([(x % 256, y % 256, blue) for y in range(height) for x in range(width)])
    picture = Picture(image=image)
    picture.set_title(title or f"test picture {next(_titles)}")
    return picture, image


def find_picture(screenshot, image, zoom=1):
    """Return where ``image`` zoomed by ``zoom`` is in ``screenshot``, or None."""
    expected = image.resize((image.width * zoom, image.height * zoom), Image.NEAREST)
    top_left = image.getpixel((0, 0))
    width, height = screenshot.size
    for y in range(height - expected.height + 1):
        for x in range(width - expected.width + 1):
            if screenshot.getpixel((x, y)) != top_left:
                continue
            found = screenshot.crop((x, y, x + expected.width, y + expected.height))
            if ImageChops.difference(found, expected).getbbox() is None:
                return x, y
    return None


def same_pixels(first, second):
    return first.size == second.size and ImageChops.difference(first, second).getbbox() is None


def pixels_of_colour(image, colour):
    """Count the pixels of ``image`` that are exactly ``colour``."""
    red, green, blue = ImageChops.difference(image, Image.new("RGB", image.size, colour)).split()
    return ImageChops.lighter(ImageChops.lighter(red, green), blue).histogram()[0]


def test_a_shown_picture_is_on_screen_pixel_for_pixel(gui_client, gui_screen):
    picture, image = coordinate_picture(240, 160)
    media.show(picture)
    [window] = gui_screen.wait_for_windows(picture.get_title(), 1)
    assert gui_screen.wait_until_seen(window, lambda shot: same_pixels(shot, image),
                          "the picture's pixels")


def test_showing_a_shown_picture_refreshes_its_one_window(gui_client, gui_screen):
    picture, _ = coordinate_picture(100, 80)
    media.show(picture)
    gui_screen.wait_for_windows(picture.get_title(), 1)
    for x in range(100):
        media.set_color(media.get_pixel(picture, x, 40), media.red)
    media.show(picture)
    [window] = gui_screen.wait_for_windows(picture.get_title(), 1)
    gui_screen.wait_until_seen(window,
                   lambda shot: shot.getpixel((50, 40)) == (255, 0, 0)
                   and shot.getpixel((50, 41)) == (50, 41, 128), "the red line")


def test_update_redraws_and_the_title_is_the_pictures(gui_client, gui_screen):
    picture, _ = coordinate_picture(64, 48, title="Mes vacances \u00e0 \u6771\u4eac")
    media.show(picture)
    # xdotool matches the Latin-1 title property, so find the window by the
    # title's ASCII start and read its UTF-8 title as a window manager does.
    [window] = _wait_for_title_start(gui_screen, "Mes vacances ")
    assert _utf8_title(gui_screen, window) == "Mes vacances \u00e0 \u6771\u4eac"
    for pixel in picture:
        media.set_blue(pixel, 9)
    media.update(picture)
    gui_screen.wait_until_seen(window, lambda shot: shot.getpixel((63, 47)) == (63, 47, 9),
                   "the updated pixels")


def _wait_for_title_start(gui_screen, start, timeout=10.0):
    import re
    import time

    deadline = time.monotonic() + timeout
    while True:
        found = gui_screen._xdotool("search", "--onlyvisible", "--name",
                                    f"^{re.escape(start)}").stdout.split()
        if found:
            return found
        assert time.monotonic() < deadline, f"no window titled {start!r}... appeared"
        time.sleep(0.02)  # polling the X server's window list: nothing to await


def _utf8_title(gui_screen, window):
    import os
    import subprocess

    output = subprocess.run(
        ["xprop", "-id", window, "-notype", "_NET_WM_NAME"], capture_output=True,
        timeout=10, env={**os.environ, "DISPLAY": gui_screen.display}).stdout
    return output.decode("utf-8").split("=", 1)[1].strip().strip('"')


def test_show_close_by_hand_then_update_shows_it_again(gui_client, gui_screen, close_by_hand):
    picture, _ = coordinate_picture(50, 40)
    media.show(picture)
    [window] = gui_screen.wait_for_windows(picture.get_title(), 1)
    assert media.is_shown(picture)
    close_by_hand(window)
    gui_screen.wait_for_windows(picture.get_title(), 0)
    assert not media.is_shown(picture)
    media.set_color(media.get_pixel(picture, 0, 0), media.white)
    media.update(picture)
    [window] = gui_screen.wait_for_windows(picture.get_title(), 1)
    assert media.is_shown(picture)
    gui_screen.wait_until_seen(window, lambda shot: shot.getpixel((0, 0)) == (255, 255, 255),
                   "the white pixel at (0, 0)")


def test_close_closes_and_update_after_close_does_not_reopen_a_second_window(
        gui_client, gui_screen):
    picture, _ = coordinate_picture(30, 30)
    media.show(picture)
    gui_screen.wait_for_windows(picture.get_title(), 1)
    media.close(picture)
    gui_screen.wait_for_windows(picture.get_title(), 0)
    assert not media.is_shown(picture)
    media.close(picture)  # closing again is harmless
    media.show(picture)
    gui_screen.wait_for_windows(picture.get_title(), 1)


def test_the_inspector_at_200_percent_shows_each_pixel_as_a_2x2_block(gui_client, gui_screen):
    # 250 x 250 fits the inspector at 200 % but not at 300 %.
    picture, image = coordinate_picture(250, 250)
    media.inspect(picture)
    [window] = gui_screen.wait_for_windows(picture.get_title(), 1)
    gui_screen.wait_until_seen(window, lambda shot: find_picture(shot, image, zoom=2),
                   "the picture at 200 %")


def test_the_inspector_swatch_shows_the_pixel_under_the_pointer(gui_client, gui_screen):
    picture, image = coordinate_picture(250, 250, blue=77)
    media.inspect(picture)
    [window] = gui_screen.wait_for_windows(picture.get_title(), 1)
    left, top = gui_screen.wait_until_seen(window, lambda shot: find_picture(shot, image, zoom=2),
                               "the picture at 200 %")
    window_x, window_y, _, _ = gui_screen.geometry(window)

    def swatch_size(shot, colour):
        # Pixels of that colour above the picture: the readouts' swatches.
        return pixels_of_colour(shot.crop((0, 0, shot.width, top)), colour)

    for x, y in [(17, 203), (180, 5)]:
        colour = (x, y, 77)
        assert swatch_size(gui_screen.screenshot(window).convert("RGB"), colour) == 0
        gui_screen._xdotool("mousemove", str(window_x + left + 2 * x + 1),
                            str(window_y + top + 2 * y + 1))
        # The swatch is a block of the colour, about 38 x 16 pixels.
        gui_screen.wait_until_seen(window, lambda shot: swatch_size(shot, colour) > 300,
                       f"a swatch of the colour {colour} under the pointer")


def test_update_of_an_inspected_picture_refreshes_the_inspector(gui_client, gui_screen):
    picture, image = coordinate_picture(250, 250)
    media.inspect(picture)
    [window] = gui_screen.wait_for_windows(picture.get_title(), 1)
    for pixel in picture:
        media.set_blue(pixel, 200)
    media.update(picture)
    changed = Image.new("RGB", image.size)
    changed.putdata([(x, y, 200) for y in range(250) for x in range(250)])
    gui_screen.wait_until_seen(window, lambda shot: find_picture(shot, changed, zoom=2),
                   "the updated picture at 200 %")
    # Still one window: update did not open a picture window beside it.
    gui_screen.wait_for_windows(picture.get_title(), 1)


def test_show_of_something_that_is_not_a_picture_says_what_is_needed(gui_cleanup):
    with pytest.raises(TypeError, match=r"show\(\) needs a picture.*not 'cat.jpg' \(a str\)"):
        media.show("cat.jpg")


def test_a_cropped_picture_gets_a_window_of_its_new_size_on_update(gui_client, gui_screen):
    picture, image = coordinate_picture(120, 90)
    media.show(picture)
    [window] = gui_screen.wait_for_windows(picture.get_title(), 1)
    media.crop_picture(picture, 10, 20, 59, 49)
    media.update(picture)
    cropped = image.crop((10, 20, 60, 50))
    gui_screen.wait_until_seen(window, lambda shot: same_pixels(shot, cropped),
                   "the cropped picture, filling its window")


def test_showing_a_shown_picture_again_brings_its_window_to_the_front(gui_client, gui_screen):
    # Both windows open centred on the screen, one on top of the other.
    first, _ = coordinate_picture(200, 150, blue=10)
    second, _ = coordinate_picture(200, 150, blue=200)
    media.show(first)
    [first_window] = gui_screen.wait_for_windows(first.get_title(), 1)
    media.show(second)
    gui_screen.wait_for_windows(second.get_title(), 1)
    x, y, width, height = gui_screen.geometry(first_window)
    middle = (x + width // 2, y + height // 2)

    def blue_in_the_middle(shot):
        return shot.convert("RGB").getpixel(middle)[2]

    gui_screen.wait_until_seen(None, lambda shot: blue_in_the_middle(shot) == 200,
                   "the second picture on top")
    media.show(first)
    gui_screen.wait_until_seen(None, lambda shot: blue_in_the_middle(shot) == 10,
                   "the first picture back on top")
    gui_screen.wait_for_windows(first.get_title(), 1)
