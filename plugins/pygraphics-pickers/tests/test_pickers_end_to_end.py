"""A student's program asks for files, folders and colours; a person answers.

Each test runs a real student program (a Python process of its own, from
the ``student`` fixture), which starts the real GUI process; the test then
finds Tk's dialog on the X display and types into it with xdotool, as a
person would, and reads what the program printed.
"""

import pytest

from pygraphics_core.testing import press_keys, type_text


def ask_and_print(*calls, folder=None):
    """A student program that prints ``ANSWER <repr>`` for each call, in order."""
    lines = ["import os", "import media"]
    if folder is not None:
        lines.append(f"os.chdir({str(folder)!r})")
    lines += [f"print('ANSWER', repr(media.{call}), flush=True)" for call in calls]
    return "\n".join(lines)


def answer(program):
    return eval(program.expect("ANSWER"))


def act_until_closed(gui_screen, title, *steps, tries=5, patience=1.0):
    """Focus the dialog titled ``title`` and do ``steps`` until it closes.

    A step is a list of key names to press or a str to type.  Tk maps a
    dialog a moment before its key bindings and focus are in place (for
    the colour dialog about 0.2 s here), and nothing outside the GUI
    process can see that moment; so, like a person whose first key press
    went nowhere, the test does the steps again, a bounded number of
    times.  Steps must therefore be repeatable: start typing with
    ``ctrl+slash`` (Tk's "select all") so that the text replaces what is
    in the field.
    """
    import time

    for _ in range(tries):
        windows = gui_screen.windows(title)
        if not windows:
            return
        gui_screen.press(windows[0])  # the keyboard focus, no key
        for step in steps:
            if isinstance(step, str):
                type_text(step, display=gui_screen.display)
            else:
                press_keys(*step, display=gui_screen.display)
        deadline = time.monotonic() + patience
        while gui_screen.windows(title) and time.monotonic() < deadline:
            time.sleep(0.02)  # polling the X server's window list: nothing to await
    assert not gui_screen.windows(title), f"the dialog {title!r} did not close"


def type_into(gui_screen, title, text, *keys):
    """Type ``text`` into the focused field of dialog ``title``, then press ``keys``."""
    act_until_closed(gui_screen, title, ["ctrl+slash"], text, list(keys))


@pytest.fixture
def pictures_folder(tmp_path):
    """A folder with a non-ASCII name and two pictures in it."""
    folder = tmp_path / "Caf\u00e9 \u6771\u4eac"
    folder.mkdir()
    for name in ("chat noir.png", "\u00e9t\u00e9.png"):
        (folder / name).write_bytes(b"not really a picture")
    return folder


def test_typing_a_path_into_the_file_dialog_returns_exactly_that_path(
        gui_screen, student, pictures_folder):
    program = student(ask_and_print("choose_file()"))
    gui_screen.wait_for_windows("Choose a file", 1)
    path = str(pictures_folder / "\u00e9t\u00e9.png")
    type_into(gui_screen, "Choose a file", path, "Return")
    assert answer(program) == path


def test_escape_in_the_file_dialog_returns_none(gui_screen, student):
    program = student(ask_and_print("choose_file()"))
    gui_screen.wait_for_windows("Choose a file", 1)
    act_until_closed(gui_screen, "Choose a file", ["Escape"])
    assert answer(program) is None


def test_the_next_dialog_starts_in_the_folder_used_last(
        gui_screen, student, pictures_folder, tmp_path):
    program = student(ask_and_print("choose_file()", "choose_file('Another')",
                                    folder=tmp_path))
    gui_screen.wait_for_windows("Choose a file", 1)
    type_into(gui_screen, "Choose a file", str(pictures_folder / "chat noir.png"), "Return")
    answer(program)
    gui_screen.wait_for_windows("Another", 1)
    # Only a name: the dialog finds it in the folder it started in.
    type_into(gui_screen, "Another", "\u00e9t\u00e9.png", "Return")
    assert answer(program) == str(pictures_folder / "\u00e9t\u00e9.png")


def test_the_first_dialog_starts_in_the_current_folder(gui_screen, student, pictures_folder):
    program = student(ask_and_print("choose_save_filename(name='new.png')",
                                    folder=pictures_folder))
    gui_screen.wait_for_windows("Save as", 1)
    # The suggested name is there already: Enter accepts it.
    act_until_closed(gui_screen, "Save as", ["Return"])
    assert answer(program) == str(pictures_folder / "new.png")


def test_choose_folder_returns_the_folder_typed(gui_screen, student, pictures_folder, tmp_path):
    program = student(ask_and_print("choose_folder()", folder=tmp_path))
    gui_screen.wait_for_windows("Choose a folder", 1)
    # Tk's folder dialog: the first Enter opens the folder typed, the
    # second chooses it.
    type_into(gui_screen, "Choose a folder", str(pictures_folder), "Return", "Return")
    assert answer(program) == str(pictures_folder)


def test_the_colour_dialog_starts_from_the_given_colour(gui_screen, student):
    program = student(ask_and_print("choose_color(media.orange)"))
    gui_screen.wait_for_windows("Choose a colour", 1)
    # Alt+O presses OK (Enter does nothing in Tk's colour dialog).
    act_until_closed(gui_screen, "Choose a colour", ["alt+o"])
    assert answer_text(program) == "Color(255, 165, 0)"


def test_the_colour_dialog_returns_the_colour_chosen(gui_screen, student):
    program = student(ask_and_print("choose_color()"))
    gui_screen.wait_for_windows("Choose a colour", 1)
    # Alt+S is the dialog's own shortcut to its "Selection" field; Enter
    # there takes the colour typed, Alt+O presses OK.
    act_until_closed(gui_screen, "Choose a colour", ["alt+s", "ctrl+slash"], "#1e90ff",
                     ["Return", "alt+o"])
    assert answer_text(program) == "Color(30, 144, 255)"


def test_escape_in_the_colour_dialog_returns_none(gui_screen, student):
    program = student(ask_and_print("choose_color(media.red)"))
    gui_screen.wait_for_windows("Choose a colour", 1)
    act_until_closed(gui_screen, "Choose a colour", ["Escape"])
    assert answer_text(program) == "None"


def answer_text(program):
    return program.expect("ANSWER")


def test_saving_a_new_picture_asks_where_with_the_save_dialog(gui_screen, student, tmp_path):
    program = student(
        "import os, media\n"
        f"os.chdir({str(tmp_path)!r})\n"
        "pic = media.create_picture(3, 2, media.red)\n"
        "media.save(pic)\n"
        "print('ANSWER', repr(media.load_picture('dessin \u00e9t\u00e9.png').get_pixel(2, 1).get_color()))\n")
    gui_screen.wait_for_windows("Save as", 1)
    type_into(gui_screen, "Save as", "dessin \u00e9t\u00e9.png", "Return")
    assert answer_text(program) == "Color(255, 0, 0)"
    assert (tmp_path / "dessin \u00e9t\u00e9.png").is_file()
