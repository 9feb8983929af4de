"""Colours: PyGraphics 2.1's 140 named colours, Color arithmetic, and the
2.1 bugs that are fixed (a sum of exactly 256, darkening a shared colour)."""

import math

import pytest
from PIL import ImageColor

import media
from pygraphics_core.colors import NAMED_COLORS, Color


def test_there_are_140_named_colours_all_in_media():
    assert len(NAMED_COLORS) == 140
    for name, color in NAMED_COLORS.items():
        assert getattr(media, name) is color


def test_named_colours_have_21s_values_which_are_css_except_green():
    # Pillow's colour table is an independent copy of the CSS values.
    different = {
        name: color.get_rgb()
        for name, color in NAMED_COLORS.items()
        if color.get_rgb() != ImageColor.getrgb(name)
    }
    assert different == {"green": (0, 255, 0)}
    assert media.green == media.lime
    assert media.lightgrey.get_rgb() == (211, 211, 211)


def test_a_student_makes_a_colour_and_reads_it_back():
    col = media.create_color(10, 20, 30)
    assert (col.get_red(), col.get_green(), col.get_blue()) == (10, 20, 30)
    assert col.get_rgb() == (10, 20, 30)
    assert repr(col) == "Color(10, 20, 30)"
    assert str(col) == "Color(10, 20, 30)"


def test_fractions_are_rounded_down_as_in_21():
    assert Color(127.9, 0.2, 255.5).get_rgb() == (127, 0, 255)


@pytest.mark.parametrize(
    "arguments, message",
    [
        ((256, 0, 0), "red=256 is too big: colour values go from 0 to 255"),
        ((0, -1, 0), "green=-1 is too small: colour values go from 0 to 255"),
        ((0, 0, 300.5), "blue=300.5 is too big"),
        ((0, 0, float("nan")), "blue=nan is not a real amount"),
    ],
)
def test_out_of_range_values_say_which_and_what_range(arguments, message):
    with pytest.raises(ValueError, match=message):
        media.create_color(*arguments)


def test_a_value_that_is_not_a_number_is_a_type_error():
    with pytest.raises(TypeError, match=r"red must be a number from 0 to 255, but it is None \(a NoneType\)"):
        Color(None, 0, 0)
    with pytest.raises(TypeError, match=r"green must be a number from 0 to 255, but it is \[1\] \(a list\)"):
        media.create_color(0, [1], 0)


def test_text_that_holds_a_whole_number_makes_a_colour_as_in_21():
    # 2.1 made colours with int(), so numbers read from a file or input() worked.
    assert Color("0", "0", "0") == media.black
    assert media.create_color("255", " 128 ", "7").get_rgb() == (255, 128, 7)
    with pytest.raises(ValueError, match="blue=300 is too big"):
        Color("0", "0", "300")


@pytest.mark.parametrize("text", ["", "abc", "12.5"])
def test_text_that_is_not_a_whole_number_is_a_value_error_as_in_21(text):
    # Labs written for 2.1 catch the ValueError that int('') gave there.
    with pytest.raises(ValueError, match=rf"red={text!r} is text that is not a whole number"):
        Color(text, 0, 0)


def test_adding_clamps_each_value_to_255_including_a_sum_of_exactly_256():
    total = Color(128, 200, 10) + Color(128, 100, 10)
    assert total == Color(255, 255, 20)


def test_subtracting_clamps_at_0():
    assert Color(10, 200, 30) - Color(20, 100, 30) == Color(0, 100, 0)


def test_adding_something_that_is_not_a_colour_is_a_type_error():
    with pytest.raises(TypeError):
        media.red + 5


def test_equality_is_by_value_and_colours_are_not_hashable():
    assert Color(1, 2, 3) == Color(1, 2, 3)
    assert Color(1, 2, 3) != Color(1, 2, 4)
    assert Color(1, 2, 3) != (1, 2, 3)
    with pytest.raises(TypeError):
        {Color(1, 2, 3)}


def test_distance_is_euclidean():
    assert media.distance(media.black, media.white) == pytest.approx(math.sqrt(3 * 255**2))
    assert media.distance(Color(0, 3, 4), Color(0, 0, 0)) == 5.0
    with pytest.raises(TypeError, match="distance needs two colours"):
        media.distance(media.red, (255, 0, 0))


def test_darken_makes_each_value_65_percent():
    col = Color(200, 100, 1)
    assert media.darken(col) is None
    assert col == Color(130, 65, 0)


def test_lighten_moves_each_value_35_percent_of_the_way_to_255():
    col = Color(0, 100, 255)
    media.lighten(col)
    assert col == Color(89, 154, 255)


def test_darkening_a_named_colour_does_not_change_it_for_everyone_else():
    with pytest.raises(TypeError, match=r"media.white is a named colour .* media.copy\(media.white\)"):
        media.darken(media.white)
    with pytest.raises(TypeError, match="media.red is a named colour"):
        media.red.set_green(100)
    assert media.white.get_rgb() == (255, 255, 255)
    assert media.red.get_rgb() == (255, 0, 0)


def test_a_copy_of_a_named_colour_can_change():
    mine = media.copy(media.white)
    media.darken(mine)
    assert mine == Color(165, 165, 165)
    assert media.white == Color(255, 255, 255)


def test_setters_check_their_values():
    col = Color(0, 0, 0)
    col.set_red(10)
    col.set_green(20.7)
    col.set_blue(255)
    assert col.get_rgb() == (10, 20, 255)
    with pytest.raises(ValueError, match="blue=256 is too big"):
        col.set_blue(256)
    assert col.get_rgb() == (10, 20, 255)


def test_colour_functions_refuse_things_that_are_not_colours():
    with pytest.raises(TypeError, match=r"darken needs a Color such as media.red .* but got "
                                        r"'red' \(a str\)"):
        media.darken("red")
    with pytest.raises(TypeError, match="lighten needs a Color such as media.red"):
        media.lighten((1, 2, 3))


def test_get_and_set_red_also_work_on_colours_as_in_21():
    col = Color(1, 2, 3)
    media.set_red(col, 50)
    media.set_green(col, 60)
    media.set_blue(col, 70)
    assert (media.get_red(col), media.get_green(col), media.get_blue(col)) == (50, 60, 70)


def test_a_notebook_shows_a_colour_as_a_swatch():
    html = media.tomato._repr_html_()
    assert "background:rgb(255,99,71)" in html
    assert "media.tomato = Color(255, 99, 71)" in html
    assert "media." not in Color(1, 2, 3)._repr_html_()
