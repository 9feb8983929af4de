"""The rules for answers, shared by the dialogs, the student's side and headless mode."""

import doctest
import fractions
import math

import pytest
from hypothesis import given, strategies

from pygraphics_ask import answers
from pygraphics_ask.answers import (
    check_choices, check_number_limits, describe_range, number_as_text, read_number)


def test_the_examples_in_the_docstrings_run():
    assert doctest.testmod(answers).failed == 0


@pytest.mark.parametrize("typed, expected", [
    ("42", 42), ("+42", 42), (" -7 ", -7), ("1_000", 1000), ("3.5", 3.5), ("2.0", 2.0),
    ("1e3", 1000.0), (".5", 0.5), ("٣", 3),
])
def test_numbers_read_as_python_reads_them(typed, expected):
    value = read_number(typed)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize("typed, expected", [("2.0", 2), ("1e3", 1000), ("-4", -4)])
def test_whole_numbers_come_back_as_ints(typed, expected):
    value = read_number(typed, whole=True)
    assert value == expected and type(value) is int


@pytest.mark.parametrize("typed, minimum, maximum, whole, message", [
    ("", None, None, False, "Please type a number."),
    ("  ", 1, 10, True, "Please type a whole number from 1 to 10."),
    ("ten", None, None, False, "“ten” is not a number. Type digits, like 42 or 3.5."),
    ("ten", None, None, True, "“ten” is not a number. Type digits, like 42."),
    ("3,5", None, None, False,
     "“3,5” is not a number here: write decimals with a dot, like 3.5."),
    ("nan", None, None, False, "“nan” is not a number you can use. Type digits, like 42 or 3.5."),
    ("inf", 0, None, False, "“inf” is not a number you can use. Type digits, like 42 or 3.5."),
    ("2.5", None, None, True,
     "2.5 is not a whole number. Type a number without a decimal point, like 42."),
    ("0", 1, 10, False, "0 is too small: type a number from 1 to 10."),
    ("10.5", 1, 10, False, "10.5 is too big: type a number from 1 to 10."),
    ("-1", 0, None, True, "-1 is too small: type a whole number that is 0 or more."),
    ("101", None, 100, False, "101 is too big: type a number that is 100 or less."),
])
def test_refusals_say_what_was_wrong_and_what_to_type(typed, minimum, maximum, whole, message):
    with pytest.raises(ValueError) as refused:
        read_number(typed, minimum, maximum, whole)
    assert str(refused.value) == message


def test_the_ends_of_the_range_are_allowed():
    assert read_number("1", 1, 10) == 1
    assert read_number("10", 1, 10) == 10
    assert read_number("0.1", 0.1, 0.2) == 0.1


@given(strategies.one_of(strategies.integers(), strategies.floats(allow_nan=False,
                                                                   allow_infinity=False)))
def test_a_number_written_as_text_reads_back_exactly(number):
    assert read_number(number_as_text(number)) == number
    assert type(read_number(number_as_text(number))) is type(number)


def test_describe_range():
    assert describe_range(None, None) == "a number"
    assert describe_range(1, 5, whole=True) == "a whole number from 1 to 5"


def test_limits_from_a_program_are_checked_with_messages_for_the_student():
    assert check_number_limits("ask_number", 1, 10) == (1, 10)
    assert check_number_limits("ask_number", fractions.Fraction(1, 2), None) == (0.5, None)
    with pytest.raises(TypeError, match=r"ask_number: minimum='1' should be a number"):
        check_number_limits("ask_number", "1", 10)
    with pytest.raises(TypeError, match="maximum=True should be a number"):
        check_number_limits("ask_number", None, True)
    with pytest.raises(ValueError, match="minimum=10 is bigger than maximum=1"):
        check_number_limits("ask_number", 10, 1)
    with pytest.raises(ValueError, match="maximum=inf is not a number you can type"):
        check_number_limits("ask_number", 0, math.inf)


def test_choices_from_a_program_are_checked():
    assert check_choices("ask_choice", ("a", 2)) == ["a", 2]
    assert check_choices("ask_choice", range(3)) == [0, 1, 2]
    with pytest.raises(TypeError, match="not the text 'red'"):
        check_choices("ask_choice", "red")
    with pytest.raises(TypeError, match="not int 3"):
        check_choices("ask_choices", 3)
    with pytest.raises(ValueError, match="choices is empty"):
        check_choices("ask_choices", [])


def test_choices_too_long_to_send_are_refused_before_any_dialog():
    assert len(check_choices("ask_choice", ["x" * 65_533])) == 1
    with pytest.raises(ValueError, match=r"these 100 choices are too long to show together "
                                         r"\(100,200 bytes of text; at most 65,535\)"):
        check_choices("ask_choice", ["a" * 1000] * 100)


@given(strategies.text(max_size=40),
       strategies.one_of(strategies.none(), strategies.integers(-1000, 1000)),
       strategies.one_of(strategies.none(), strategies.integers(-1000, 1000)),
       strategies.booleans())
def test_any_typed_text_gives_a_number_in_range_or_a_message(typed, minimum, maximum, whole):
    if minimum is not None and maximum is not None and minimum > maximum:
        minimum, maximum = maximum, minimum
    try:
        number = read_number(typed, minimum, maximum, whole)
    except ValueError as refused:
        assert str(refused).endswith(".") and len(str(refused)) < 200 + len(typed)
        return
    assert isinstance(number, (int, float)) and not isinstance(number, bool)
    assert math.isfinite(number)
    assert minimum is None or number >= minimum
    assert maximum is None or number <= maximum
    assert not whole or isinstance(number, int)
