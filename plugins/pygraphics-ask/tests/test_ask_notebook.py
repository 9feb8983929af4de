"""The ask dialogs in a notebook with no screen: answers typed in the notebook, checked
as the dialog windows check them (a real Jupyter kernel, answered through its stdin)."""

import textwrap

import pytest

from pygraphics_core.notebook_testing import notebook_kernel  # noqa: F401  (the fixture)

from pygraphics_ask.notebook_answers import read_choices, read_yes_no

pytest.importorskip("ipykernel")


def test_a_number_out_of_range_is_refused_as_the_dialog_refuses_it(notebook_kernel):
    run = notebook_kernel.run(textwrap.dedent("""
        import media
        age = media.ask_integer("How old are you?", 0, 150)
        print("AGE", repr(age))
    """), answers=["200", "3.5", "forty", "19"]).check()
    assert run.prompts == ["How old are you? (a whole number from 0 to 150; "
                           "Enter alone cancels) "] * 4
    assert run.stdout.splitlines() == [
        "200 is too big: type a whole number from 0 to 150.",
        "3.5 is not a whole number. Type a number without a decimal point, like 42.",
        "“forty” is not a number. Type digits, like 42.",
        "AGE 19",
    ]


def test_enter_alone_is_cancel(notebook_kernel):
    run = notebook_kernel.run("print(repr(media.ask_number('How far?')))", answers=[""])
    assert run.check().stdout == "None\n"


def test_text_a_password_a_yes_and_a_choice(notebook_kernel):
    run = notebook_kernel.run(textwrap.dedent("""
        print(repr(media.ask("What is your name?")))
        print(repr(media.ask_password("Password:")))
        print(repr(media.ask_yes_no("Brighter?")))
        print(repr(media.ask_choice("Which filter?", ["grey", "sepia", 3])))
        print(repr(media.ask_choices("Which colours?", ["red", "green", "blue"])))
    """), answers=["Ada", "s3cret", "perhaps", "Y", "9", "3", "3, 1"]).check()
    assert run.hidden == [False, True, False, False, False, False, False]
    lines = run.stdout.splitlines()
    assert lines[:3] == ["'Ada'", "'s3cret'",
                         "“perhaps” is not an answer here: type y for Yes or n for No "
                         "(Enter alone cancels)."]
    assert lines[3] == "True"
    assert lines[4:8] == ["Which filter?", "   1  grey", "   2  sepia", "   3  3"]
    assert lines[8] == "9 is not one of the numbers 1 to 3: type the number of your choice."
    assert lines[9] == "3"  # the very item offered: an int
    assert lines[-1] == "['red', 'blue']"


def test_a_message_box_waits_for_enter_like_its_ok_button(notebook_kernel):
    run = notebook_kernel.run("media.show_warning('Careful!')\nprint('after')",
                              answers=[""]).check()
    [box] = run.displays
    assert box["data"]["text/plain"] == "Warning: Careful!"
    assert run.prompts == ["Press Enter to go on "]
    assert run.stdout == "after\n"


def test_a_message_box_with_no_one_at_the_notebook_does_not_stop_the_program(notebook_kernel):
    run = notebook_kernel.run("media.show_information('Saved.')\nprint('after')",
                              allow_input=False).check()
    assert run.stdout == "after\n"


@pytest.mark.parametrize("typed, answer", [("y", True), (" YES ", True), ("n", False),
                                           ("No", False), ("", None)])
def test_yes_and_no_as_typed(typed, answer):
    assert read_yes_no(typed) is answer


@pytest.mark.parametrize("typed, several, positions", [
    ("2", False, [1]), ("sepia", False, [1]), ("", False, None),
    ("3 1", True, [0, 2]), ("1,1", True, [0]), ("0", True, []),
])
def test_choices_as_typed(typed, several, positions):
    assert read_choices(typed, ["grey", "sepia", "negative"], several) == positions


@pytest.mark.parametrize("typed, several, message", [
    ("4", False, "4 is not one of the numbers 1 to 3"),
    ("1 2", False, "more than one choice"),
    ("x", True, "“x” is not one of the numbers 1 to 3"),
])
def test_wrong_choices_say_what_to_type(typed, several, message):
    with pytest.raises(ValueError, match=message):
        read_choices(typed, ["grey", "sepia", "negative"], several)
