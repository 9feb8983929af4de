"""show, inspect, update and close with no screen (headless mode, for autograders)."""

import pytest

import media


def test_a_grader_sees_each_picture_as_it_was_when_shown(headless):
    pic = media.create_picture(4, 3, media.white)
    pic.set_title("my picture")
    media.show(pic)
    media.set_color(media.get_pixel(pic, 0, 0), media.red)
    media.update(pic)
    first, second = headless.shown
    assert (first.function, second.function) == ("show", "update")
    assert first.text == "my picture"
    assert first.picture.getpixel((0, 0)) == (255, 255, 255)
    assert second.picture.getpixel((0, 0)) == (255, 0, 0)


def test_is_shown_follows_show_and_close(headless):
    pic = media.create_picture(2, 2)
    assert not media.is_shown(pic)
    media.show(pic)
    assert media.is_shown(pic)
    media.close(pic)
    assert not media.is_shown(pic)
    media.close(pic)  # closing a closed picture does nothing


def test_update_of_a_picture_never_shown_shows_it(headless):
    pic = media.create_picture(2, 2)
    media.update(pic)
    assert [record.function for record in headless.shown] == ["update"]
    assert media.is_shown(pic)


def test_update_refreshes_the_inspector_too_but_close_inspect_stops_that(headless):
    pic = media.create_picture(2, 2)
    media.show(pic)
    media.inspect(pic)
    media.update(pic)
    assert [record.arguments["window"] for record in headless.calls("update")] == [
        headless.calls("show")[0].arguments["window"],
        headless.calls("inspect")[0].arguments["window"],
    ]
    media.close_inspect(pic)
    media.update(pic)
    assert len(headless.calls("update")) == 3


def test_two_pictures_get_two_windows(headless):
    first, second = media.create_picture(2, 2), media.create_picture(2, 2)
    media.show(first)
    media.show(second)
    numbers = {record.arguments["window"] for record in headless.calls("show")}
    assert len(numbers) == 2


@pytest.mark.parametrize("function", ["show", "inspect", "update", "close",
                                      "close_inspect", "is_shown"])
def test_something_that_is_not_a_picture_is_refused_clearly(headless, function):
    with pytest.raises(TypeError, match=rf"{function}\(\) needs a picture, such as one "
                                        r"from media.load_picture.*not 5 \(an int\)"):
        getattr(media, function)(5)


@pytest.mark.parametrize("function", ["show", "inspect"])
def test_a_sound_is_pointed_to_the_sound_functions_as_2_1_took_sounds_there(headless, function):
    with pytest.raises(TypeError, match=rf"{function}\(\) works on pictures; for a sound, use "
                                        r"media.inspect_sound\(snd\) .* media.play\(snd\)"):
        getattr(media, function)(media.create_note("A", 100))


def test_a_picture_without_a_title_gets_a_window_named_untitled(headless):
    pic = media.create_picture(3, 2)
    assert pic.get_title() == ""
    media.show(pic)
    assert headless.calls("show")[-1].text == "untitled"


def test_a_grader_sees_a_big_picture_as_it_was_at_each_update(headless):
    # Over 1 MB of pixels: they travel in bands, and only changed bands again.
    pic = media.create_picture(1200, 900, media.white)
    media.show(pic)
    media.set_color(media.get_pixel(pic, 600, 450), media.red)
    media.update(pic)
    media.update(pic)  # nothing changed
    media.close(pic)
    media.add_rect_filled(pic, 0, 0, 1200, 10, media.blue)
    media.show(pic)  # a new window: every band again
    shown = [record for record in headless.shown if record.picture is not None]
    assert [record.function for record in shown] == ["show", "update", "update", "show"]
    pictures = [record.picture for record in shown]
    assert pictures[0].getcolors() == [(1200 * 900, (255, 255, 255))]
    for picture in pictures[1:3]:
        assert picture.getpixel((600, 450)) == (255, 0, 0)
        assert picture.getpixel((600, 451)) == (255, 255, 255)
    assert pictures[3].tobytes() == pic.get_image().tobytes()
