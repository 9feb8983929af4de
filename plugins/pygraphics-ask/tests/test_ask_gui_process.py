"""A student's program asks through the real GUI process; a person answers on the screen."""

import pytest


def ask_and_print(call):
    return f"import media\nprint('ANSWER', repr(media.{call}))"


def test_a_student_is_asked_their_name_and_gets_it_back(gui_screen, student):
    program = student(ask_and_print("ask('What is your name?')"))
    [window] = gui_screen.wait_for_windows("Question", 1)
    gui_screen.press(window, "A", "d", "a", "Return")
    assert program.expect("ANSWER") == "'Ada'"


def test_cancel_gives_none(gui_screen, student):
    program = student(ask_and_print("ask('What is your name?')"))
    [window] = gui_screen.wait_for_windows("Question", 1)
    gui_screen.press(window, "Escape")
    assert program.expect("ANSWER") == "None"


def test_a_number_out_of_range_is_refused_until_a_good_one_is_typed(gui_screen, student):
    program = student(ask_and_print("ask_number('How many?', 1, 10)"))
    [window] = gui_screen.wait_for_windows("Question", 1)
    gui_screen.press(window, "9", "9", "Return")
    # Still open: the dialog refused 99 and said why.
    assert gui_screen.windows("Question") == [window]
    gui_screen.press_keys("BackSpace", "BackSpace", "7", "period", "5", "Return")
    assert program.expect("ANSWER") == "7.5"


def test_ask_integer_gives_an_int_of_any_size(gui_screen, student):
    program = student(ask_and_print("ask_integer('Big?', 0)"))
    [window] = gui_screen.wait_for_windows("Question", 1)
    gui_screen.press(window, "1")
    gui_screen.type_text("2345678901234567890")
    gui_screen.press_keys("Return")
    assert program.expect("ANSWER") == "12345678901234567890"


@pytest.mark.parametrize("keys, printed", [(["y"], "True"), (["Tab", "Return"], "False")])
def test_yes_or_no(gui_screen, student, keys, printed):
    program = student(ask_and_print("ask_yes_no('Again?')"))
    [window] = gui_screen.wait_for_windows("Question", 1)
    gui_screen.press(window, *keys)
    assert program.expect("ANSWER") == printed


def test_a_choice_comes_back_as_the_very_item_offered(gui_screen, student):
    program = student(ask_and_print("ask_choice('Size?', [100, 200, 400])"))
    [window] = gui_screen.wait_for_windows("Question", 1)
    gui_screen.press(window, "Down", "Return")
    assert program.expect("ANSWER") == "200"


def test_several_choices(gui_screen, student):
    program = student(ask_and_print("ask_choices('Which?', ['red', 'green', 'blue'])"))
    [window] = gui_screen.wait_for_windows("Question", 1)
    gui_screen.press(window, "Down", "space", "Down", "space", "Return")
    assert program.expect("ANSWER") == "['green', 'blue']"


def test_a_password_is_typed_hidden(gui_screen, student):
    program = student(ask_and_print("ask_password('Password?')"))
    [window] = gui_screen.wait_for_windows("Question", 1)
    gui_screen.press(window, "s", "3", "Return")
    assert program.expect("ANSWER") == "'s3'"


@pytest.mark.parametrize("kind", ["information", "warning", "error"])
def test_a_message_box_waits_for_ok(gui_screen, student, kind):
    program = student(f"import media\nmedia.show_{kind}('Saved.')\nprint('ANSWER after')")
    [window] = gui_screen.wait_for_windows(kind.capitalize(), 1)
    assert program.process.poll() is None  # the program waits for OK
    gui_screen.press(window, "Return")
    assert program.expect("ANSWER") == "after"


def test_the_dialog_on_screen_shows_the_prompt_and_icon(gui_screen, student):
    program = student("import media\nmedia.show_error('Something went wrong.')")
    [window] = gui_screen.wait_for_windows("Error", 1)

    def red_pixels(picture):
        colours = picture.getcolors(picture.width * picture.height)
        return sum(count for count, (red, green, blue) in colours
                   if red > 150 and green < 80 and blue < 80)

    # The red error sign is drawn.
    gui_screen.wait_until_seen(window, lambda shot: red_pixels(shot) > 200, "the red error sign")
    gui_screen.press(window, "Escape")
    assert program.wait() == 0
