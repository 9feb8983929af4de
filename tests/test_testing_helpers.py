"""The helpers plugin authors use to drive a window through Tk itself.

Every test here runs with no xdotool on the PATH, as on a course-staff
laptop with Windows or macOS: the keys, clicks and drags are Tk events.
"""

import shutil
import subprocess
import sys
import textwrap
import time

import pytest

from pygraphics_gui.testing import (
    DialogDidNotAnswer, answer_dialog, click, drag, find_widget, picture_point, press_button,
    press_keys, type_text, wait_until)


@pytest.fixture(autouse=True)
def no_xdotool(monkeypatch, tmp_path):
    """No xdotool to be found, as on Windows and macOS."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("xdotool") is None


def make_dialog(root):
    """The smallest dialog the helpers accept: show(), result, focus_widget."""
    import tkinter
    from tkinter import ttk

    dialog = tkinter.Toplevel(root)
    dialog.withdraw()
    dialog.result = None
    entry = ttk.Entry(dialog)
    entry.pack()

    def accept(event=None):
        dialog.result = entry.get()
        dialog.destroy()

    def cancel(event=None):
        dialog.result = "cancelled"
        dialog.destroy()

    ttk.Button(dialog, text="OK", command=accept).pack()
    ttk.Button(dialog, text="Cancel", command=cancel).pack()
    dialog.focus_widget = entry

    def show():
        dialog.deiconify()
        # Like many dialogs, it moves the focus once it is on the screen.
        dialog.bind("<Map>", lambda event: (dialog.focus_force(), entry.focus_set()))

    dialog.show = show
    dialog.bind("<Return>", accept)
    dialog.bind("<Escape>", cancel)
    return dialog


def test_typed_text_and_keys_reach_the_dialog_and_its_answer_comes_back(tk_root):
    assert answer_dialog(make_dialog(tk_root), type="hello, World!", keys=["Return"]) == (
        "hello, World!")


def test_characters_no_keyboard_has_are_put_in_as_a_paste_would(tk_root):
    assert answer_dialog(make_dialog(tk_root), type="Zoë 李 1+1", keys=["Return"]) == (
        "Zoë 李 1+1")


def test_the_first_key_goes_to_the_field_a_dialog_just_focused(tk_root):
    # A dialog on the screen gives the focus to a field that Tk has not put
    # on the screen yet (it does when idle): the focus moves there only once
    # the window system says the field is mapped. Once, a test's first key
    # went to the dialog itself then, and was lost ('oë 李' for 'Zoë 李').
    import tkinter
    from tkinter import ttk

    dialog = tkinter.Toplevel(tk_root)
    dialog.update()
    entry = ttk.Entry(dialog)
    entry.pack()
    entry.focus_force()
    assert not entry.winfo_ismapped()
    type_text(dialog, "Zoë 李")
    assert entry.get() == "Zoë 李"


def test_modifiers_and_editing_keys_work_as_on_a_keyboard(tk_root):
    # ctrl+a selects everything in a ttk.Entry on every system; typing replaces it.
    answer = answer_dialog(make_dialog(tk_root), type="wrong",
                           keys=["BackSpace", "BackSpace", "BackSpace", "BackSpace",
                                 "BackSpace", "r", "i", "g", "h", "t", "Return"])
    assert answer == "right"


def test_tab_moves_the_focus_and_space_presses_the_focused_button(tk_root):
    # Tab from the field reaches OK, then Cancel; space presses it.
    assert answer_dialog(make_dialog(tk_root), type="x", keys=["Tab", "Tab", "space"]) == (
        "cancelled")


def test_actions_run_once_the_dialog_is_shown_and_may_press_its_buttons(tk_root):
    def type_more_and_press_ok(dialog):
        type_text(dialog, "!")
        press_button(dialog, "OK")

    assert answer_dialog(make_dialog(tk_root), type="hi", actions=[type_more_and_press_ok]) == (
        "hi!")


def test_a_click_on_a_button_presses_it(tk_root):
    def click_cancel(dialog):
        click(find_widget(dialog, "TButton"))  # the first one: OK

    assert answer_dialog(make_dialog(tk_root), type="clicked", actions=[click_cancel]) == (
        "clicked")


def test_a_button_that_is_not_there_is_named_with_the_ones_that_are(tk_root):
    dialog = make_dialog(tk_root)
    dialog.show()
    with pytest.raises(LookupError, match="no button 'Maybe'; its buttons are: 'OK', 'Cancel'"):
        press_button(dialog, "Maybe")
    dialog.destroy()


def test_a_key_after_the_dialog_closed_fails_the_test_saying_so(tk_root):
    with pytest.raises(AssertionError, match=r"the window closed before the key 'a'.*\['a'\]"):
        answer_dialog(make_dialog(tk_root), keys=["Return", "a"])


def test_a_dialog_nobody_answers_fails_the_test_in_bounded_time(tk_root):
    dialog = make_dialog(tk_root)
    started = time.monotonic()
    with pytest.raises(DialogDidNotAnswer, match="still open after 0.5 s"):
        answer_dialog(dialog, type="no enter", timeout=0.5)
    assert time.monotonic() - started < 5
    assert not dialog.winfo_exists()


def test_wait_until_names_what_it_waited_for(tk_root):
    with pytest.raises(AssertionError, match="gave up after 0.2 s waiting for the moon"):
        wait_until(tk_root, lambda: False, timeout=0.2, what="the moon")


def test_keys_reach_the_dialog_while_another_program_has_the_keyboard_focus(tk_root):
    # On macOS and Windows the terminal that runs the tests keeps the focus;
    # here another Tk program takes it back every few milliseconds.
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sys, tkinter
        root = tkinter.Tk()
        entry = tkinter.Entry(root)
        entry.pack()
        def keep():
            root.focus_force()
            entry.focus_set()
            root.after(5, keep)
        root.after(0, keep)
        root.after(1000, lambda: print("HOLDING", flush=True))
        root.after(30000, root.destroy)
        root.mainloop()
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "HOLDING"
        dialog = make_dialog(tk_root)
        assert answer_dialog(dialog, type="mine", keys=["Return"]) == "mine"
    finally:
        holder.kill()
        holder.wait(timeout=10)


# -- the mouse on a picture -----------------------------------------------------

class Sketch:
    """A canvas showing a 40x30 picture at (20, 10), recording the mouse in picture pixels."""

    def __init__(self, root):
        import tkinter

        from PIL import Image, ImageTk

        self.window = tkinter.Toplevel(root)
        self.canvas = tkinter.Canvas(self.window, width=120, height=80, name="picture",
                                     highlightthickness=0)
        self.canvas.pack()
        self.photo = ImageTk.PhotoImage(Image.new("RGB", (40, 30), "orange"),
                                        master=self.window)
        self.canvas.create_image(20, 10, image=self.photo, anchor="nw")
        self.seen = []
        for event in ("<ButtonPress-1>", "<B1-Motion>", "<ButtonRelease-1>",
                      "<Double-Button-1>", "<ButtonPress-3>"):
            self.canvas.bind(event, lambda e, name=event: self.seen.append(
                (name, e.x - 20, e.y - 10)))
        wait_until(root, self.canvas.winfo_viewable, what="the sketch window")


def test_a_drag_on_a_picture_goes_from_pixel_to_pixel_through_motion(tk_root):
    sketch = Sketch(tk_root)
    drag(sketch.canvas, (5, 4), (25, 14), picture=True, steps=4)
    assert sketch.seen[0] == ("<ButtonPress-1>", 5, 4)
    assert [seen for seen in sketch.seen if seen[0] == "<B1-Motion>"] == [
        ("<B1-Motion>", 10, 6), ("<B1-Motion>", 15, 9), ("<B1-Motion>", 20, 11),
        ("<B1-Motion>", 25, 14)]
    assert sketch.seen[-1] == ("<ButtonRelease-1>", 25, 14)


def test_clicks_at_picture_and_widget_coordinates(tk_root):
    sketch = Sketch(tk_root)
    click(sketch.canvas, 3, 2, picture=True, times=2)
    click(sketch.canvas, 30, 20, button=3)
    assert ("<Double-Button-1>", 3, 2) in sketch.seen
    assert sketch.seen[-1] == ("<ButtonPress-3>", 10, 10)


def test_picture_points_follow_a_scrolled_canvas_and_a_views_own_mapping(tk_root):
    sketch = Sketch(tk_root)
    sketch.canvas.configure(scrollregion=(0, 0, 400, 400))
    sketch.canvas.xview_moveto(10 / 400)
    sketch.canvas.update_idletasks()
    assert picture_point(sketch.canvas, 0, 0) == (10, 10)

    class ZoomedView:
        tk, _w = tk_root.tk, "."

        def widget_point(self, x, y):
            return (x * 4 + 2, y * 4 + 2)

    assert picture_point(ZoomedView(), 3, 5) == (14, 22)
    with pytest.raises(ValueError, match="shows no picture"):
        picture_point(find_widget(make_dialog(tk_root), "TEntry"), 0, 0)


def test_find_widget_by_name_or_class_and_says_what_there_is(tk_root):
    sketch = Sketch(tk_root)
    assert find_widget(sketch.window, "picture") is sketch.canvas
    assert find_widget(sketch.window, "Canvas") is sketch.canvas
    with pytest.raises(LookupError, match="no widget named 'nose'.*picture"):
        find_widget(sketch.window, "nose")
