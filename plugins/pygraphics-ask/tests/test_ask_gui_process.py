"""A student's program asks through the real GUI process; a person answers on the screen."""

import pytest

from pygraphics_core.testing import press_keys, type_text


def ask_and_print(call):
    return f"import media\nprint(repr(media.{call}))"


def test_a_student_is_asked_their_name_and_gets_it_back(student_program, gui_screen):
    program = student_program(ask_and_print("ask('What is your name?')"))
    [window] = gui_screen.wait_for_windows("Question", 1)
    gui_screen.press(window, "A", "d", "a", "Return")
    assert program.finish() == "'Ada'\n"


def test_cancel_gives_none(student_program, gui_screen):
    program = student_program(ask_and_print("ask('What is your name?')"))
    [window] = gui_screen.wait_for_windows("Question", 1)
    gui_screen.press(window, "Escape")
    assert program.finish() == "None\n"


def test_a_number_out_of_range_is_refused_until_a_good_one_is_typed(student_program,
                                                                     gui_screen):
    program = student_program(ask_and_print("ask_number('How many?', 1, 10)"))
    [window] = gui_screen.wait_for_windows("Question", 1)
    gui_screen.press(window, "9", "9", "Return")
    # Still open: the dialog refused 99 and said why.
    assert gui_screen.windows("Question") == [window]
    press_keys("BackSpace", "BackSpace", "7", "period", "5", "Return",
               display=gui_screen.display)
    assert program.finish() == "7.5\n"


def test_ask_integer_gives_an_int_of_any_size(student_program, gui_screen):
    program = student_program(ask_and_print("ask_integer('Big?', 0)"))
    [window] = gui_screen.wait_for_windows("Question", 1)
    gui_screen.press(window, "1")
    type_text("2345678901234567890", display=gui_screen.display)
    press_keys("Return", display=gui_screen.display)
    assert program.finish() == "12345678901234567890\n"


@pytest.mark.parametrize("keys, printed", [(["y"], "True"), (["Tab", "Return"], "False")])
def test_yes_or_no(student_program, gui_screen, keys, printed):
    program = student_program(ask_and_print("ask_yes_no('Again?')"))
    [window] = gui_screen.wait_for_windows("Question", 1)
    gui_screen.press(window, *keys)
    assert program.finish() == printed + "\n"


def test_a_choice_comes_back_as_the_very_item_offered(student_program, gui_screen):
    program = student_program(ask_and_print("ask_choice('Size?', [100, 200, 400])"))
    [window] = gui_screen.wait_for_windows("Question", 1)
    gui_screen.press(window, "Down", "Return")
    assert program.finish() == "200\n"


def test_several_choices(student_program, gui_screen):
    program = student_program(ask_and_print("ask_choices('Which?', ['red', 'green', 'blue'])"))
    [window] = gui_screen.wait_for_windows("Question", 1)
    gui_screen.press(window, "Down", "space", "Down", "space", "Return")
    assert program.finish() == "['green', 'blue']\n"


def test_a_password_is_typed_hidden(student_program, gui_screen):
    program = student_program(ask_and_print("ask_password('Password?')"))
    [window] = gui_screen.wait_for_windows("Question", 1)
    gui_screen.press(window, "s", "3", "Return")
    assert program.finish() == "'s3'\n"


@pytest.mark.parametrize("kind", ["information", "warning", "error"])
def test_a_message_box_waits_for_ok(student_program, gui_screen, kind):
    program = student_program(f"import media\nmedia.show_{kind}('Saved.')\nprint('after')")
    [window] = gui_screen.wait_for_windows(kind.capitalize(), 1)
    assert program.process.poll() is None  # the program waits for OK
    gui_screen.press(window, "Return")
    assert program.finish() == "after\n"


def test_the_dialog_on_screen_shows_the_prompt_and_icon(student_program, gui_screen):
    program = student_program("import media\nmedia.show_error('Something went wrong.')")
    [window] = gui_screen.wait_for_windows("Error", 1)
    picture = gui_screen.screenshot(window).convert("RGB")
    colours = picture.getcolors(picture.width * picture.height)
    reds = sum(count for count, (red, green, blue) in colours
               if red > 150 and green < 80 and blue < 80)
    assert reds > 200  # the red error sign is drawn
    gui_screen.press(window, "Escape")
    program.finish()
