"""A test drives the windows of a student's program through its GUI process, with no xdotool.

This is how a plugin's own tests act on the real GUI process on Windows,
macOS and Linux: ``student(code)``, then ``program.wait_for_window(title)``
and keys, typing, clicks, drags and buttons, carried out by Tk inside the
GUI process.
"""

import importlib
import shutil

import pytest

from pygraphics_core.remote_windows import WindowClosedError

SKETCH_PLUGIN = """
    import tkinter

    from PIL import ImageTk

    from pygraphics_core import amp, callRemote, hookimpl
    from pygraphics_gui import ProtocolBackend, appender


    class Sketch(amp.Command):
        arguments = [("picture", amp.PILImage())]
        response = [("corners", amp.ListOf(amp.Integer()))]


    class SketchWindow(tkinter.Toplevel):
        def __init__(self, picture):
            super().__init__()
            self.title("Sketch")
            self.corners = []
            self.canvas = tkinter.Canvas(self, width=200, height=150, name="picture")
            self.canvas.pack()
            self.photo = ImageTk.PhotoImage(picture, master=self)
            self.canvas.create_image(10, 10, image=self.photo, anchor="nw")
            self.canvas.bind("<ButtonPress-1>", lambda e: self.mark(e))
            self.canvas.bind("<ButtonRelease-1>", lambda e: self.mark(e))
            self.entry = tkinter.Entry(self)
            self.entry.pack()
            tkinter.Button(self, text="Done", command=self.destroy).pack()
            tkinter.Button(self, text="Check...", command=self.check).pack()
            self.bind("<Control-z>", lambda e: self.corners.clear())

        def mark(self, event):
            self.corners += [event.x - 10, event.y - 10]

        def check(self):
            sure = tkinter.Toplevel(self)
            sure.title("Sure?")
            tkinter.Button(sure, text="Yes", command=sure.destroy).pack()
            sure.grab_set()
            sure.wait_window()
            self.corners.append(-1)

        def run(self):
            self.entry.focus_force()
            self.wait_window()
            return self.corners


    class SketchBackend(ProtocolBackend):
        responders = []
        responder = appender(responders)

        @responder(Sketch)
        def sketch(self, picture):
            window = SketchWindow(picture)
            window.wait_visibility()
            corners = window.run()
            return {"corners": corners}


    def sketch(picture):
        return callRemote(Sketch, picture=picture.get_image())["corners"]


    @hookimpl
    def pygraphics_commands():
        return [Sketch]


    @hookimpl
    def pygraphics_backends():
        return [SketchBackend]


    @hookimpl
    def pygraphics_media_functions():
        return {"sketch": sketch}
"""

SKETCHING_STUDENT = """
    import media
    picture = media.create_picture(60, 40, media.orange)
    print("CORNERS", media.sketch(picture))
"""


@pytest.fixture
def no_xdotool(monkeypatch, tmp_path):
    """Nothing on the PATH (so no xdotool), as on Windows and macOS."""
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("xdotool") is None


@pytest.fixture
def sketch_plugin(fake_plugins):
    return importlib.import_module(fake_plugins.add("pygraphics-sketch", SKETCH_PLUGIN))


@pytest.fixture
def sketching(gui_display, sketch_plugin, no_xdotool, student):
    """A student's program waiting in the sketch window, and that window."""
    program = student(SKETCHING_STUDENT)
    return program, program.wait_for_window("Sketch")


def test_a_drag_at_picture_coordinates_reaches_the_plugin_window(sketching):
    program, window = sketching
    window.drag((5, 6), (45, 30), widget="picture", picture=True)
    window.press_button("Done")
    assert program.expect("CORNERS") == "[5, 6, 45, 30]"


def test_clicks_keys_and_a_modal_dialog_opened_by_a_button(sketching):
    program, window = sketching
    window.click(1, 2, widget="picture", picture=True)
    window.press("ctrl+z")  # the window's own binding clears what was marked
    window.click(20, 20, widget="Canvas")  # widget coordinates, found by class
    window.press_button("Check...")
    # The button's modal dialog waits in its own event loop; it can be driven.
    sure = program.wait_for_window("Sure?")
    assert sure.pid == window.pid
    sure.press_button("Yes")
    program.wait_for_windows("Sure?", 0)
    window.close()  # as the close button would
    assert program.expect("CORNERS") == "[10, 10, 10, 10, -1]"


def test_typed_text_in_any_script_reaches_the_focused_field(gui_display, no_xdotool, student):
    program = student("import media\nprint('ANSWER', repr(media.ask('Your name?')))")
    window = program.wait_for_window("Question")
    window.type_text("Zoë 李")
    window.press("Return")
    assert program.expect("ANSWER") == "'Zoë 李'"


def test_what_is_not_there_is_named(sketching):
    program, window = sketching
    with pytest.raises(LookupError, match="no widget named 'nose'.*picture"):
        window.click(widget="nose")
    with pytest.raises(LookupError, match="no button 'Cancel'; its buttons are: 'Done'"):
        window.press_button("Cancel")
    with pytest.raises(AssertionError, match="titled 'Hello'.*found 0.*'Sketch'"):
        program.wait_for_window("Hello", timeout=0.5)
    window.press_button("Done")
    program.expect("CORNERS")
    window.wait_until_closed()
    with pytest.raises(WindowClosedError):
        window.press("Return")


def test_a_screenshot_shows_the_window_as_it_is(sketching):
    program, window = sketching
    picture = window.screenshot()
    assert picture.size == (window.width, window.height)
    # The orange picture, at (10, 10) in the canvas at the window's top-left.
    assert picture.getpixel((30, 30)) == (255, 165, 0)
    window.press_button("Done")


def test_the_gui_process_is_ended_with_the_program(sketching):
    from pygraphics_core.pytest_plugin import wait_until_ended

    program, window = sketching
    program.stop()
    assert wait_until_ended(window.pid)


def test_without_the_test_driver_a_gui_process_opens_no_connection(gui_client):
    # The variable is set only for students' programs: the test's own GUI
    # process (and every student's outside tests) has no driver.
    import socket

    from pygraphics_core import remote_windows

    windows = remote_windows.RemoteWindows()
    try:
        import media

        media.say("no driver here")
        windows._listener.setblocking(True)
        windows._listener.settimeout(0.5)
        with pytest.raises(socket.timeout):
            windows._listener.accept()
    finally:
        windows.close()
