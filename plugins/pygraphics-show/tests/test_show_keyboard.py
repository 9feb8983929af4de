"""Show windows close from the keyboard: on a screen without a window manager there is no
close button (the tour under Xvfb could not be ended)."""

import media


def test_a_picture_closes_with_escape_and_an_inspector_with_ctrl_w(gui_client, gui_screen):
    picture = media.create_picture(40, 30, media.orange)
    picture.set_title("close me with the keyboard")
    media.show(picture)
    [window] = gui_screen.wait_for_windows("close me with the keyboard", 1)
    gui_screen.press(window, "Escape")
    gui_screen.wait_for_windows("close me with the keyboard", 0)
    assert not media.is_shown(picture)
    media.inspect(picture)
    [window] = gui_screen.wait_for_windows("close me with the keyboard", 1)
    gui_screen.press(window, "ctrl+w")
    gui_screen.wait_for_windows("close me with the keyboard", 0)
