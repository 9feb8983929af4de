"""A student's program asks for files, folders and colours; a person answers.

Each test runs a real student program (a Python process of its own, from
the ``student`` fixture), which starts the real GUI process; the test then
finds Tk's dialog on the X display and types into it with xdotool, as a
person would, and reads what the program printed.
"""

import pytest


#: The first lines of each student program: start the GUI process and say
#: its process id, so that the test ends it even if a dialog stays open.
REPORT_GUI_PROCESS = (
    "from pygraphics_core import client\n"
    "print('GUI_PID', client.connection().process.pid, flush=True)\n"
)


@pytest.fixture
def student(student):
    """Start student programs whose GUI process is ended after the test."""

    def start(code):
        program = student(REPORT_GUI_PROCESS + code)
        program.gui_pids.append(int(program.expect("GUI_PID")))
        return program

    return start


def ask_and_print(*calls, folder=None):
    """A student program that prints ``ANSWER <repr>`` for each call, in order."""
    lines = ["import os", "import media"]
    if folder is not None:
        lines.append(f"os.chdir({str(folder)!r})")
    lines += [f"print('ANSWER', repr(media.{call}), flush=True)" for call in calls]
    return "\n".join(lines)


def answer(program):
    return eval(program.expect("ANSWER"))


def act_until_closed(gui_screen, title, *steps, timeout=10.0):
    """Wait until dialog ``title`` has the keyboard, do ``steps``, see it close.

    A step is a list of key names to press or a str to type.  Tk maps a
    dialog a moment before its key bindings and field are ready; the
    plugin then gives the dialog the X keyboard focus, which is what this
    waits for, so that no key press is lost.
    """
    import time

    [window] = gui_screen.wait_for_windows(title, 1)
    deadline = time.monotonic() + timeout
    while gui_screen._xdotool("getwindowfocus").stdout.strip() != window:
        assert time.monotonic() < deadline, f"the dialog {title!r} never got the keyboard"
        time.sleep(0.01)  # polling the X server's focus: nothing to await
    for step in steps:
        if isinstance(step, str):
            gui_screen.type_text(step)
        else:
            gui_screen.press_keys(*step)
    gui_screen.wait_for_windows(title, 0, timeout=timeout)


def type_into(gui_screen, title, text, *keys):
    """Type ``text`` into the focused field of dialog ``title``, then press ``keys``.

    Only ASCII: xdotool types other characters by remapping a key on the
    fly, and Tk does not always see the new mapping in time, so such
    characters are sometimes lost.  Non-ASCII paths are tested through
    the folders the dialogs start in.
    """
    assert text.isascii(), "xdotool cannot type non-ASCII text into Tk reliably"
    act_until_closed(gui_screen, title, text, list(keys))


@pytest.fixture
def pictures_folder(tmp_path):
    """A folder with a non-ASCII name and two pictures in it."""
    folder = tmp_path / "Caf\u00e9 \u6771\u4eac"
    folder.mkdir()
    for name in ("chat noir.png", "\u00e9t\u00e9.png"):
        (folder / name).write_bytes(b"not really a picture")
    return folder


def test_typing_a_path_into_the_file_dialog_returns_exactly_that_path(
        gui_screen, student, tmp_path):
    (tmp_path / "cat 2.png").write_bytes(b"")
    program = student(ask_and_print("choose_file()"))
    type_into(gui_screen, "Choose a file", str(tmp_path / "cat 2.png"), "Return")
    assert answer(program) == str(tmp_path / "cat 2.png")


def test_a_file_in_a_folder_with_a_non_ascii_name_comes_back_exactly(
        gui_screen, student, pictures_folder):
    program = student(ask_and_print("choose_file()", folder=pictures_folder))
    type_into(gui_screen, "Choose a file", "chat noir.png", "Return")
    assert answer(program) == str(pictures_folder / "chat noir.png")


def test_escape_in_the_file_dialog_returns_none(gui_screen, student):
    program = student(ask_and_print("choose_file()"))
    gui_screen.wait_for_windows("Choose a file", 1)
    act_until_closed(gui_screen, "Choose a file", ["Escape"])
    assert answer(program) is None


def test_the_next_dialog_starts_in_the_folder_used_last(gui_screen, student, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for name in ("a.png", "b.png"):
        (elsewhere / name).write_bytes(b"")
    program = student(ask_and_print("choose_file()", "choose_file('Another')",
                                    folder=tmp_path))
    type_into(gui_screen, "Choose a file", str(elsewhere / "a.png"), "Return")
    answer(program)
    # Only a name: the dialog finds it in the folder it started in.
    type_into(gui_screen, "Another", "b.png", "Return")
    assert answer(program) == str(elsewhere / "b.png")


def test_the_first_dialog_starts_in_the_current_folder(gui_screen, student, pictures_folder):
    program = student(ask_and_print("choose_save_filename(name='new.png')",
                                    folder=pictures_folder))
    gui_screen.wait_for_windows("Save as", 1)
    # The suggested name is there already: Enter accepts it.
    act_until_closed(gui_screen, "Save as", ["Return"])
    assert answer(program) == str(pictures_folder / "new.png")


def test_choose_folder_returns_the_folder_typed(gui_screen, student, tmp_path):
    (tmp_path / "plain folder").mkdir()
    program = student(ask_and_print("choose_folder()", folder=tmp_path))
    gui_screen.wait_for_windows("Choose a folder", 1)
    # Tk's folder dialog: the first Enter opens the folder typed, the
    # second chooses it.
    type_into(gui_screen, "Choose a folder", str(tmp_path / "plain folder"), "Return", "Return")
    assert answer(program) == str(tmp_path / "plain folder")


def test_ok_in_the_folder_dialog_chooses_the_folder_it_shows(
        gui_screen, student, pictures_folder):
    program = student(ask_and_print("choose_folder()", folder=pictures_folder))
    act_until_closed(gui_screen, "Choose a folder", ["Return"])
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


def test_saving_a_new_picture_asks_where_with_the_save_dialog(
        gui_screen, student, pictures_folder):
    program = student(
        "import os, media\n"
        f"os.chdir({str(pictures_folder)!r})\n"
        "pic = media.create_picture(3, 2, media.red)\n"
        "media.save(pic)\n"
        "print('SAVED', repr(pic.get_filename()), flush=True)\n"
        "print('ANSWER', repr(media.load_picture('drawing.png').get_pixel(2, 1).get_color()))\n")
    gui_screen.wait_for_windows("Save as", 1)
    type_into(gui_screen, "Save as", "drawing.png", "Return")
    assert program.expect("SAVED") == repr(str(pictures_folder / "drawing.png"))
    assert answer_text(program) == "Color(255, 0, 0)"
