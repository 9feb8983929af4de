"""A student shows a photo from their phone (4032 x 3024): the real GUI process.

The photo is made by the test, with a colour that names its pixel: pixel
(x, y) is ``(x % 256, y % 256, 16 * (x // 256) + y // 256)``, so any pixel
of a screenshot says exactly which pixel of the photo it is.
"""

import tracemalloc

import pytest
from PIL import Image

import media
from pygraphics_core.pictures import Picture

PHONE_PHOTO = (4032, 3024)


def coded_photo(title):
    """A 4032 x 3024 picture whose every pixel's colour says where it is."""
    width, height = PHONE_PHOTO
    red = Image.frombytes("L", (width, 1), (bytes(range(256)) * 16)[:width])
    green = Image.frombytes("L", (1, height), bytes(y % 256 for y in range(height)))
    blue = Image.frombytes("L", (16, 12), bytes(16 * column + row for row in range(12)
                                                for column in range(16)))
    image = Image.merge("RGB", (red.resize(PHONE_PHOTO, Image.NEAREST),
                                green.resize(PHONE_PHOTO, Image.NEAREST),
                                blue.resize((4096, 3072), Image.NEAREST).crop((0, 0) + PHONE_PHOTO)))
    picture = Picture(image=image)
    picture.set_title(title)
    return picture


def python_memory_peak(function, *arguments):
    """The most memory Python allocated at once while ``function(*arguments)`` ran."""
    tracemalloc.start()
    try:
        function(*arguments)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def pixel_named_by(colour):
    """The (x, y) that a colour of :func:`coded_photo` names."""
    red, green, blue = colour
    return 256 * (blue // 16) + red, 256 * (blue % 16) + green


def every_nth_pixel(picture, step):
    """What a view at 1/step shows: pixel (step * x, step * y) at (x, y)."""
    width, height = picture.get_width(), picture.get_height()
    data = picture.to_bytes()
    row_length = width * 3
    bands = []
    for channel in range(3):
        bands.append(b"".join(
            data[row * row_length + channel : (row + 1) * row_length : 3 * step]
            for row in range(0, height, step)))
    size = (len(range(0, width, step)), len(range(0, height, step)))
    return Image.merge("RGB", [Image.frombytes("L", size, band) for band in bands])


def find_in(shot, expected):
    """Return where ``expected`` is in ``shot`` (searched along the left edge), or None."""
    for top in range(shot.height - expected.height + 1):
        for left in range(min(4, shot.width - expected.width + 1)):
            if shot.getpixel((left, top)) != expected.getpixel((0, 0)):
                continue
            found = shot.crop((left, top, left + expected.width, top + expected.height))
            if found.tobytes() == expected.tobytes():
                return left, top
    return None


class ShownPhoto:
    """A coded photo shown with ``media.show``, and its window as the student sees it."""

    def __init__(self, gui_screen, title):
        self.screen = gui_screen
        self.photo = coded_photo(title)
        media.show(self.photo)
        # The zoom (one over step) at which it fits the screen below the zoom bar.
        screen_width, screen_height = gui_screen.screenshot().size
        self.step = 1
        while (PHONE_PHOTO[0] / self.step > screen_width - 80
               or PHONE_PHOTO[1] / self.step > screen_height - 80 - 40):
            self.step += 1
        self.title = f"{title} ({round(100 / self.step)}%)"
        [self.window] = gui_screen.wait_for_windows(self.title, 1)

    def wait_to_see(self, check, what):
        return self.screen.wait_until_seen(self.window, check, what)

    def wait_to_see_it_fitted(self, what="all of the photo"):
        """Wait until the window shows every step-th pixel of the photo as it is now."""
        expected = every_nth_pixel(self.photo, self.step)
        return self.wait_to_see(lambda shot: find_in(shot, expected), what)


@pytest.fixture
def show_photo(gui_screen):
    """``show_photo(title)``: show a coded 4032 x 3024 photo; return its ShownPhoto."""
    return lambda title: ShownPhoto(gui_screen, title)


def test_a_photo_bigger_than_the_screen_opens_fitted_and_its_title_says_the_zoom(
        gui_client, gui_screen, show_photo):
    shown = show_photo("phone photo")
    assert shown.title == f"phone photo ({round(100 / shown.step)}%)"
    x, y, width, height = gui_screen.geometry(shown.window)
    screen_width, screen_height = gui_screen.screenshot().size
    assert 0 <= x and x + width <= screen_width and 0 <= y and y + height <= screen_height
    shown.wait_to_see_it_fitted()


def test_an_update_of_a_fitted_photo_shows_its_new_pixels(gui_client, show_photo):
    shown = show_photo("photo to update")
    shown.wait_to_see_it_fitted()
    # Change pixels all over the photo (every row and column, in bands that
    # cross band boundaries of the transfer), then update.
    media.add_rect_filled(shown.photo, 100, 90, 3000, 2500, media.red)
    for x in range(0, PHONE_PHOTO[0], 8):
        media.set_color(media.get_pixel(shown.photo, x, PHONE_PHOTO[1] - 1), media.yellow)
    media.update(shown.photo)
    shown.wait_to_see_it_fitted("the updated photo")


def test_zoomed_to_100_percent_with_the_keyboard_every_pixel_is_exact(
        gui_client, gui_screen, show_photo):
    shown = show_photo("photo to zoom")
    shown.wait_to_see_it_fitted()
    # + steps through 33 % and 50 % (as in the inspector) to 100 %, where
    # the title is the picture's own.
    for _ in range({4: 3, 3: 2, 2: 1}[shown.step]):
        gui_screen.press(shown.window, "plus")
    gui_screen.wait_for_windows("photo to zoom", 1)

    def exact_at_100_percent(shot):
        # Below the zoom bar, inside the scrollbars, each screen pixel shows
        # the next pixel of the photo: find where the view starts, then
        # compare all of it with the photo.
        for top in range(60):
            x, y = pixel_named_by(shot.getpixel((2, top)))
            if (pixel_named_by(shot.getpixel((3, top))) != (x + 1, y)
                    or pixel_named_by(shot.getpixel((2, top + 1))) != (x, y + 1)):
                continue
            view = shot.crop((2, top, shot.width - 20, shot.height - 20))
            expected = shown.photo.get_image().crop((x, y, x + view.width, y + view.height))
            return view.tobytes() == expected.tobytes()
        return False

    shown.wait_to_see(exact_at_100_percent, "the photo at 100 percent, pixel for pixel")


def test_ctrl_and_the_mouse_wheel_zoom_a_picture_window(gui_client, gui_screen, show_photo):
    shown = show_photo("photo and wheel")
    x, y, width, height = gui_screen.geometry(shown.window)
    gui_screen._xdotool("mousemove", str(x + width // 2), str(y + height // 2))
    gui_screen._xdotool("keydown", "ctrl")
    try:
        gui_screen._xdotool("click", "4")
    finally:
        gui_screen._xdotool("keyup", "ctrl")
    larger = {4: "33%", 3: "50%", 2: "100%"}[shown.step]
    gui_screen.wait_for_windows(
        "photo and wheel" if larger == "100%" else f"photo and wheel ({larger})", 1)


def test_an_update_of_a_big_picture_sends_it_without_copying_it(gui_client, show_photo):
    photo = show_photo("photo, memory").photo
    media.add_rect_filled(photo, 0, 0, 4032, 3024, media.red)
    # A copy of the pixels would be 36 MB; the bands are views of them.
    assert python_memory_peak(media.update, photo) < 2_000_000
    # No view of the pixels is left: the picture can still change size.
    media.crop_picture(photo, 0, 0, 99, 99)
    assert photo.get_width() == 100


def test_after_the_window_is_closed_by_hand_an_update_shows_all_of_the_photo(
        gui_client, gui_screen, close_by_hand, show_photo):
    shown = show_photo("photo closed")
    close_by_hand(shown.window)
    gui_screen.wait_for_windows(shown.title, 0)
    # One band changes; the window that update opens again needs them all.
    media.add_rect_filled(shown.photo, 0, 0, 500, 40, media.green)
    media.update(shown.photo)
    [shown.window] = gui_screen.wait_for_windows(shown.title, 1)
    shown.wait_to_see_it_fitted("all of the photo again")


def test_a_new_gui_process_gets_all_of_the_photo(gui_cleanup, gui_screen, show_photo):
    from pygraphics_core import client

    shown = show_photo("photo, new process")
    client.stop_gui_process()
    gui_screen.wait_for_windows(shown.title, 0)
    media.update(shown.photo)  # nothing changed, but this GUI process has never seen it
    [shown.window] = gui_screen.wait_for_windows(shown.title, 1)
    shown.wait_to_see_it_fitted("the photo in the new GUI process")


# --- the same windows, built in this process (real Tk, real mouse) -------------


def test_the_zoom_bar_of_a_fitted_photo_zooms_and_fits_again(tk_root, screen):
    from pygraphics_show.windows import PictureWindow

    window = PictureWindow("big picture", coded_photo("big picture").get_image())
    screen.show(window)
    fitted = window.view.zoom
    assert fitted < 1 and window.title() == f"big picture ({round(100 * fitted)}%)"
    buttons = {child.cget("text"): child for child in window.zoom_bar.winfo_children()
               if child.winfo_class() == "TButton"}
    screen.move_pointer_to(buttons["+"], 5, 5)
    screen.click()
    assert window.view.zoom > fitted
    assert window.title() == f"big picture ({window.zoom_bar.choice.get()})"
    screen.move_pointer_to(buttons["Fit"], 5, 5)
    screen.click()
    assert window.view.zoom == fitted and window.view.fitting
    window.close()


def test_a_fitted_photo_cropped_to_fit_the_screen_is_shown_at_100_percent(tk_root, screen):
    from pygraphics_show.windows import PictureWindow

    photo = coded_photo("cropped").get_image()
    window = PictureWindow("cropped", photo)
    screen.show(window)
    assert window.zoom_bar.winfo_ismapped()
    window.set_image(photo.crop((256, 512, 556, 712)))
    screen.settle()
    assert window.view.zoom == 1 and window.title() == "cropped"
    assert not window.zoom_bar.winfo_ismapped()
    assert screen.grab(window.view.canvas) == photo.crop((256, 512, 556, 712))
    window.close()


class LoopbackConnection:
    """The student's side and the GUI side of the AMP connection, in this process.

    What the student's process would send is fed to the GUI side's real
    dispatcher in the chunks the GUI process reads (64 KB), and the answer
    is decoded as the student's process would.
    """

    def __init__(self, dispatcher):
        from pygraphics_core.amp.connection import Connection

        self.dispatcher = dispatcher
        self.connection = Connection()
        self.commands = []

    def callRemote(self, command, **arguments):
        self.commands.append(command.commandName)
        tag, parts = self.connection.send_command_parts(command, arguments)
        data = b"".join(parts)
        del parts
        answer = b""
        for start in range(0, len(data), 65536):
            answer += self.dispatcher.data_received(data[start:start + 65536])
        if tag is None:
            return None
        [event] = self.connection.receive_data(answer)
        if hasattr(event, "error"):
            raise event.error
        return event.response

    def close(self):
        pass


def test_the_gui_side_unpacks_a_big_picture_band_by_band(tk_root, screen):
    from pygraphics_core import amp, client
    from pygraphics_show.backend import ShowBackend

    backend = ShowBackend()
    dispatcher = amp.Dispatcher()
    backend.register_against(dispatcher)
    loopback = LoopbackConnection(dispatcher)
    previous = client.use_connection(loopback)
    try:
        photo = coded_photo("bands")
        media.show(photo)
        [window] = backend._windows.values()
        shown = window.view.image
        media.add_rect_filled(photo, 0, 0, 4032, 3024, media.red)
        peak = python_memory_peak(media.update, photo)
        # The window keeps its picture, and its new pixels came a band of
        # about 1 MB at a time: neither side held all 36 MB of them at once.
        assert window.view.image is shown
        assert shown.tobytes() == photo.get_image().tobytes()
        assert peak < 5_000_000
        # Then only the bands that change travel: here the one of row 1500.
        loopback.commands.clear()
        media.set_color(media.get_pixel(photo, 2000, 1500), media.blue)
        media.update(photo)
        assert loopback.commands == ["PictureRows", "Update"]
        assert shown.getpixel((2000, 1500)) == (0, 0, 255)
        loopback.commands.clear()
        media.update(photo)
        assert loopback.commands == ["Update"]
    finally:
        client.use_connection(previous)
    window.close()


class ConnectionThatBreaksWhileSending:
    """A connection that dies half-way through sending a command, as when
    the GUI process is killed: the parts it was sending (views of the
    picture) are still in its frame when the error leaves it."""

    def callRemote(self, command, **arguments):
        from pygraphics_core.amp.connection import Connection

        _tag, parts = Connection().send_command_parts(command, arguments)
        # What the proxy keeps of a part that went half-way: a view of it.
        half_sent = [memoryview(part).cast("B")[1:] for part in parts]
        raise ConnectionResetError(f"the GUI process went away ({len(half_sent)} parts left)")

    def close(self):
        pass


def test_after_an_update_failed_half_way_a_crop_still_retires_the_old_pixels():
    from pygraphics_core import client

    photo = coded_photo("broken update")
    taken_before = media.get_pixel(photo, 3000, 2000)
    previous = client.use_connection(ConnectionThatBreaksWhileSending())
    try:
        try:
            media.update(photo)
        except ConnectionResetError as error:
            kept = error  # a shell keeps the last error, and its traceback
        assert kept.__traceback__ is not None
        media.crop_picture(photo, 0, 0, 9, 9)
    finally:
        client.use_connection(previous)
    assert (photo.get_width(), photo.get_height()) == (10, 10)
    # No view of the old pixels was left to keep them: a pixel taken before
    # the crop says so, instead of changing pixels that are gone.
    with pytest.raises(IndexError, match="get it again"):
        media.set_red(taken_before, 0)
