"""The picture view and the inspector as a student uses them: real Tk, real mouse.

Each test builds the widget in a real window on an X display, moves the
real pointer and presses real keys with xdotool, and reads the screen from
a screenshot.  The test picture gives pixel (x, y) the colour
(x, y, 128), so a screenshot tells exactly which pixel landed where.
"""

import tkinter as tk
from fractions import Fraction

import pytest
from PIL import Image, ImageChops

from pygraphics_show import zoom as zoom_math
from pygraphics_show.inspector import Inspector
from pygraphics_show.picture_view import PictureView


def coordinate_picture(width, height, blue=128):
    picture = Image.new("RGB", (width, height))
    picture.putdata([(x, y, blue) for y in range(height) for x in range(width)])
    return picture


def expected_view(picture, zoom, left, top, width, height):
    """What the screen should show: each screen pixel's picture pixel's colour."""
    expected = Image.new("RGB", (width, height))
    expected.putdata([
        picture.getpixel((zoom_math.picture_index(left + sx, zoom),
                          zoom_math.picture_index(top + sy, zoom)))
        for sy in range(height) for sx in range(width)
    ])
    return expected


def differing_pixels(first, second):
    """Return the box around the pixels that differ (0 if none)."""
    assert first.size == second.size
    return ImageChops.difference(first, second).getbbox() or 0


@pytest.fixture
def window(tk_root, screen):
    toplevel = tk.Toplevel(tk_root)
    toplevel.geometry("+0+0")
    return toplevel


def make_view(window, screen, picture, **options):
    view = PictureView(window, picture, **options)
    view.pack(fill="both", expand=True)
    screen.show(window)
    return view


def test_at_100_percent_the_screen_shows_exactly_the_pictures_pixels(window, screen):
    picture = coordinate_picture(200, 150)
    view = make_view(window, screen, picture)
    assert screen.grab(view.canvas) == picture


@pytest.mark.parametrize("zoom", [2, 3, 8])
def test_zoomed_in_each_pixel_is_a_sharp_square_block(window, screen, zoom):
    picture = coordinate_picture(60, 40)
    view = make_view(window, screen, picture, zoom=zoom)
    shot = screen.grab(view.canvas)
    width, height = shot.size
    for y in range(0, height, 7):
        for x in range(0, width, 5):
            assert shot.getpixel((x, y)) == picture.getpixel((x // zoom, y // zoom)), (x, y)
    assert differing_pixels(shot, expected_view(picture, Fraction(zoom), 0, 0, width, height)) == 0


@pytest.mark.parametrize("zoom", ["25%", "33%", "50%"])
def test_zoomed_out_the_screen_shows_every_nth_pixel(window, screen, zoom):
    picture = coordinate_picture(240, 200)
    view = make_view(window, screen, picture, zoom=zoom)
    shot = screen.grab(view.canvas)
    assert differing_pixels(
        shot, expected_view(picture, view.zoom, 0, 0, *shot.size)) == 0


def test_a_scrolled_zoomed_view_of_a_big_picture_draws_only_what_is_visible(window, screen):
    picture = coordinate_picture(250, 250)
    view = make_view(window, screen, picture, zoom=8, width=300, height=200)
    view.canvas.xview_moveto(0.5)
    view.canvas.yview_moveto(0.25)
    screen.settle()
    left, top = round(view.canvas.canvasx(0)), round(view.canvas.canvasy(0))
    assert (left, top) == (1000, 500)
    shot = screen.grab(view.canvas)
    assert shot.size == (300, 200)
    assert differing_pixels(shot, expected_view(picture, view.zoom, left, top, 300, 200)) == 0
    # The image handed to Tk is the size of the window, not of the 2000x2000
    # zoomed picture.
    assert (view._photo.width(), view._photo.height()) == (300, 200)


def test_the_pointer_line_shows_the_pixel_under_the_mouse_at_any_zoom(window, screen):
    picture = coordinate_picture(100, 80)
    inspector = Inspector(window, picture, zoom=3)
    inspector.pack()
    screen.show(window)
    for x, y in [(0, 0), (10, 20), (41, 7), (99, 79)]:
        screen.move_pointer_to(inspector.view.canvas, *inspector.view.widget_point(x, y))
        assert inspector.pointer_readout.text == f"x={x} y={y} R={x} G={y} B=128"
        swatch = screen.grab(inspector.pointer_readout.swatch)
        assert swatch.getpixel((swatch.width // 2, swatch.height // 2)) == (x, y, 128)
    screen.move_pointer_to(inspector, inspector.winfo_width() - 2, 2)
    assert inspector.pointer_readout.text == "(not on the picture)"


def test_click_pins_a_pixel_and_arrow_keys_step_it(window, screen):
    picture = coordinate_picture(50, 50)
    inspector = Inspector(window, picture, zoom=4)
    inspector.pack()
    screen.show(window)
    screen.move_pointer_to(inspector.view.canvas, *inspector.view.widget_point(12, 30))
    screen.click()
    assert inspector.pinned == (12, 30)
    assert inspector.pinned_readout.text == "x=12 y=30 R=12 G=30 B=128"
    screen.press("Right", "Right", "Down", "Left")
    assert inspector.pinned == (13, 31)
    assert inspector.pinned_readout.text == "x=13 y=31 R=13 G=31 B=128"
    # The pinned line stays while the mouse moves elsewhere.
    screen.move_pointer_to(inspector.view.canvas, *inspector.view.widget_point(1, 1))
    assert inspector.pointer_readout.text.startswith("x=1 y=1 ")
    assert inspector.pinned == (13, 31)


def test_typing_x_and_y_then_enter_pins_that_pixel(window, screen):
    picture = coordinate_picture(300, 200)
    inspector = Inspector(window, picture, zoom=1)
    inspector.pack()
    screen.show(window)
    screen.focus(inspector.x_entry)
    screen.press("ctrl+a")
    screen.type("250")
    screen.press("Tab", "ctrl+a")
    screen.type("199")
    screen.press("Return")
    assert inspector.pinned == (250, 199)
    assert inspector.pinned_readout.text == "x=250 y=199 R=250 G=199 B=128"


def test_typing_a_position_outside_the_picture_says_the_range(window, screen):
    inspector = Inspector(window, coordinate_picture(40, 30), zoom=1)
    inspector.pack()
    screen.show(window)
    screen.focus(inspector.x_entry)
    screen.type("40")
    screen.press("Tab")
    screen.type("3")
    screen.press("Return")
    assert inspector.pinned is None
    assert inspector.zoom_bar.message.cget("text") == "x=40 is outside the picture: use 0 to 39"


def test_dragging_pans_and_does_not_pin(window, screen):
    picture = coordinate_picture(200, 200)
    inspector = Inspector(window, picture, zoom=4, max_width=300, max_height=200)
    inspector.pack()
    screen.show(window)
    canvas = inspector.view.canvas
    screen.drag(canvas, (200, 150), (100, 100))
    assert (round(canvas.canvasx(0)), round(canvas.canvasy(0))) == (100, 50)
    assert inspector.pinned is None
    shot = screen.grab(canvas)
    assert differing_pixels(
        shot, expected_view(picture, inspector.view.zoom, 100, 50, *shot.size)) == 0


def test_an_update_keeps_zoom_scroll_and_pinned_pixel_and_shows_new_values(window, screen):
    picture = coordinate_picture(200, 200)
    inspector = Inspector(window, picture, zoom=4, max_width=300, max_height=200)
    inspector.pack()
    screen.show(window)
    canvas = inspector.view.canvas
    canvas.xview_moveto(0.25)
    canvas.yview_moveto(0.5)
    inspector.pin(60, 110)
    screen.settle()
    before = (round(canvas.canvasx(0)), round(canvas.canvasy(0)))

    inspector.set_image(coordinate_picture(200, 200, blue=7))
    screen.settle()
    assert inspector.view.zoom == 4
    assert (round(canvas.canvasx(0)), round(canvas.canvasy(0))) == before
    assert inspector.pinned == (60, 110)
    assert inspector.pinned_readout.text == "x=60 y=110 R=60 G=110 B=7"
    shot = screen.grab(canvas)
    # Away from the pin marker, the new pixels are on screen.
    assert shot.getpixel((0, 0)) == (before[0] // 4, before[1] // 4, 7)


def test_fit_to_window_shows_the_whole_picture_and_follows_resizing(window, screen):
    picture = coordinate_picture(400, 300)
    view = make_view(window, screen, picture, zoom=1, width=250, height=250)
    view.fit_to_window()
    screen.settle()
    assert view.zoom == Fraction(1, 2)
    window.geometry("900x700")
    screen.wait_until(lambda: view.zoom == 2, "the zoom to follow the window")
    view.set_zoom("300%")
    assert not view.fitting


def test_zoom_buttons_and_wheel_step_through_the_zooms(window, screen):
    inspector = Inspector(window, coordinate_picture(400, 250), zoom=1,
                          max_width=300, max_height=200)
    inspector.pack()
    screen.show(window)
    inspector.view.zoom_step(1)
    assert inspector.zoom_bar.choice.get() == "200%"
    screen.move_pointer_to(inspector.view.canvas, 20, 20)
    under_the_mouse = inspector.pointer_readout.text
    screen.xdotool("keydown", "ctrl")
    try:
        screen.click(4)
    finally:
        screen.xdotool("keyup", "ctrl")
    screen.settle()
    assert inspector.view.zoom == 3
    assert inspector.zoom_bar.choice.get() == "300%"
    # Zooming with the wheel keeps the pixel under the mouse in place.
    screen.move_pointer_to(inspector.view.canvas, 21, 21)
    assert inspector.pointer_readout.text == under_the_mouse


def test_a_picture_smaller_than_its_window_sits_in_the_middle(window, screen):
    picture = coordinate_picture(50, 40)
    view = make_view(window, screen, picture, width=250, height=200)
    shot = screen.grab(view.canvas)
    assert shot.crop((100, 80, 150, 120)) == picture
    assert shot.getpixel((99, 79)) == shot.getpixel((150, 120)) == (127, 127, 127)
    assert view.picture_point(99, 100) is None
    assert view.picture_point(100, 80) == (0, 0)


def test_zooming_with_the_buttons_keeps_the_pinned_pixel_under_the_mouse_spot(window, screen):
    inspector = Inspector(window, coordinate_picture(400, 300), zoom=1,
                          max_width=300, max_height=200)
    inspector.pack()
    screen.show(window)
    inspector.pin(250, 150)
    screen.settle()
    before = inspector.view.widget_point(250, 150)
    inspector.zoom_step(1)
    inspector.zoom_step(1)
    screen.settle()
    assert inspector.view.zoom == 3
    after = inspector.view.widget_point(250, 150)
    # The pinned pixel is now a 3x3 square over the spot where it was.
    assert max(abs(after[0] - before[0]), abs(after[1] - before[1])) <= 2
    assert inspector.view.picture_point(*before) == (250, 150)
