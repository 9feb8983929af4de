"""The ask dialogs in headless mode: a grader's answers, checked as a real dialog would."""

import pytest

import media
from pygraphics_core.headless import NoAnswerLeft


def test_each_dialog_takes_the_next_prepared_answer(headless):
    headless.answers.update({
        "ask": ["Ada"], "ask_password": ["s3cret"], "ask_number": [2.5],
        "ask_integer": [12345678901234567890], "ask_yes_no": [False],
        "ask_choice": [200], "ask_choices": [["blue", "red"]],
    })
    assert media.ask("Name?") == "Ada"
    assert media.ask_password("Password?") == "s3cret"
    assert media.ask_number("Factor?", 0, 10) == 2.5
    assert media.ask_integer("Big?") == 12345678901234567890
    assert media.ask_yes_no("Again?") is False
    assert media.ask_choice("Size?", [100, 200, 400]) == 200
    assert media.ask_choices("Colours?", ["red", "green", "blue"]) == ["red", "blue"]
    assert [record.function for record in headless.shown] == [
        "ask", "ask_password", "ask_number", "ask_integer", "ask_yes_no", "ask_choice",
        "ask_choices"]
    assert headless.calls("ask_number")[0].text == "Factor?"


def test_none_stands_for_cancel(headless):
    headless.answers["*"] = [None, None, None]
    assert media.ask("Name?") is None
    assert media.ask_number("How many?") is None
    assert media.ask_choices("Which?", ["a"]) is None


def test_message_boxes_are_recorded(headless):
    media.show_information("Saved.")
    media.show_warning("Big picture.")
    media.show_error("No such file.")
    assert [(record.function, record.text) for record in headless.shown] == [
        ("show_information", "Saved."), ("show_warning", "Big picture."),
        ("show_error", "No such file.")]


def test_an_answer_no_dialog_could_give_is_the_graders_mistake(headless):
    headless.answers.update({"ask_number": [150], "ask_integer": [2.5], "ask_choice": ["pink"],
                             "ask_yes_no": ["yes"], "ask": [42]})
    with pytest.raises(ValueError, match=r"answer 150 for media.ask_number\('How many\?'\) is "
                                         r"not one the dialog could give: 150 is too big: "
                                         r"type a number from 1 to 100."):
        media.ask_number("How many?", 1, 100)
    with pytest.raises(ValueError, match="2.5 is not a whole number"):
        media.ask_integer("Rows?")
    with pytest.raises(ValueError, match=r"'pink' is not one of the choices \('red', 'green'\)"):
        media.ask_choice("Colour?", ["red", "green"])
    with pytest.raises(ValueError, match=r"give True \(Yes\), False \(No\) or None"):
        media.ask_yes_no("Again?")
    with pytest.raises(ValueError, match=r"give text \(a str\)"):
        media.ask("Name?")


def test_running_out_of_answers_names_the_dialog(headless):
    headless.answers["ask_number"] = [1]
    media.ask_number("First?")
    with pytest.raises(NoAnswerLeft, match=r"media.ask_number\('Second\?'\) needs an answer"):
        media.ask_number("Second?")


def test_a_students_mistakes_are_explained_before_any_dialog(headless):
    with pytest.raises(ValueError, match="minimum=10 is bigger than maximum=1"):
        media.ask_number("How many?", 10, 1)
    with pytest.raises(TypeError, match="not the text 'red'"):
        media.ask_choice("Colour?", "red")
    assert headless.shown == []
