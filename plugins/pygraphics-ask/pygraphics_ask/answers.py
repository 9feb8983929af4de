"""Checking answers to the ask dialogs, without Tk.

The dialog in the GUI process uses :func:`read_number` to refuse what is not
a number in range and to say why; the student's side reads the typed text
again with the same function (so the value is exact, whatever travelled over
the connection), and headless mode checks a grader's prepared answers with
it too. One set of rules, one set of messages, on every path.

Numbers travel as text, written the way Python writes them (``repr``): that
is exact for every int and float, where a float on the wire would round big
ints.
"""

import math
from numbers import Real

__all__ = [
    "check_choices",
    "check_number_limits",
    "describe_range",
    "number_as_text",
    "read_number",
]


#: The most text all the choices of one ask_choice may hold together (the
#: size of one AMP value).
CHOICES_MOST_BYTES = 65_535


def number_as_text(value):
    """Return ``value`` (an int, a float or None) as text that reads back exactly."""
    return None if value is None else repr(value)


def describe_range(minimum, maximum, whole=False):
    """Say in words which numbers are allowed: 'a whole number from 1 to 10'."""
    kind = "a whole number" if whole else "a number"
    if minimum is not None and maximum is not None:
        return f"{kind} from {minimum} to {maximum}"
    if minimum is not None:
        return f"{kind} that is {minimum} or more"
    if maximum is not None:
        return f"{kind} that is {maximum} or less"
    return kind


def read_number(text, minimum=None, maximum=None, whole=False):
    """Return the number written in ``text``, or raise ValueError saying why not.

    ``text`` is what a person typed. The result is an int when the text is
    written as a whole number ("42", "-7") and a float otherwise ("3.5",
    "2.0", "1e3"), as Python itself reads them; when ``whole`` is true the
    result is always an int ("2.0" gives 2) and "2.5" is refused. ``minimum`` and ``maximum`` (inclusive, either
    may be None) limit the range. The ValueError's message speaks to the
    person who typed, and says what to type instead.

    >>> read_number(" 42 ")
    42
    >>> read_number("2.5")
    2.5
    >>> read_number("150", 1, 100)
    Traceback (most recent call last):
    ...
    ValueError: 150 is too big: type a number from 1 to 100.
    """
    written = text.strip()
    example = "like 42" if whole else "like 42 or 3.5"
    if not written:
        return _refuse(f"Please type {describe_range(minimum, maximum, whole)}.")
    try:
        number = int(written)
    except ValueError:
        try:
            number = float(written)
        except ValueError:
            if "," in written and _is_float(written.replace(",", ".")):
                return _refuse(f"“{written}” is not a number here: write decimals "
                               f"with a dot, like {written.replace(',', '.')}.")
            return _refuse(f"“{written}” is not a number. Type digits, {example}.")
        if not math.isfinite(number):
            return _refuse(f"“{written}” is not a number you can use. "
                           f"Type digits, {example}.")
        if whole:
            if not number.is_integer():
                return _refuse(f"{written} is not a whole number. Type a number "
                               f"without a decimal point, {example}.")
            number = int(number)
    if minimum is not None and number < minimum:
        return _refuse(f"{written} is too small: type "
                       f"{describe_range(minimum, maximum, whole)}.")
    if maximum is not None and number > maximum:
        return _refuse(f"{written} is too big: type "
                       f"{describe_range(minimum, maximum, whole)}.")
    return number


def check_number_limits(function_name, minimum, maximum):
    """Check the limits a program gave to ask_number; raise for a mistake.

    The messages speak to the student who wrote the call.
    """
    for name, value in (("minimum", minimum), ("maximum", maximum)):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, Real):
            raise TypeError(
                f"{function_name}: {name}={value!r} should be a number, like 0 or 100 "
                f"(or leave it out to allow any number).")
        if not math.isfinite(value):
            raise ValueError(
                f"{function_name}: {name}={value!r} is not a number you can type: "
                f"leave it out to allow any number.")
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ValueError(
            f"{function_name}: minimum={minimum!r} is bigger than maximum={maximum!r}, "
            f"so no number would fit: give the smaller number first.")
    # Both ends go through text on the way to the dialog: keep ints ints and
    # floats floats, whatever numeric type the program used.
    return (_plain_number(minimum), _plain_number(maximum))


def check_choices(function_name, choices):
    """Check the choices a program gave to ask_choice/ask_choices.

    Return them as a list (the originals, so the answer can be the very
    object the program offered) and raise for a mistake.
    """
    if isinstance(choices, (str, bytes)):
        raise TypeError(
            f"{function_name}: choices should be a list of the things to choose "
            f"from, like ['red', 'green', 'blue'], not the text {choices!r}.")
    try:
        offered = list(choices)
    except TypeError:
        raise TypeError(
            f"{function_name}: choices should be a list, like ['red', 'green', "
            f"'blue'], not {type(choices).__name__} {choices!r}.") from None
    if not offered:
        raise ValueError(
            f"{function_name}: choices is empty, so there is nothing to choose: "
            f"give a list with at least one thing in it.")
    # The choices travel as one AMP value: each as UTF-8 after a 2-byte length.
    size = sum(2 + len(str(choice).encode("utf-8", "surrogatepass")) for choice in offered)
    if size > CHOICES_MOST_BYTES:
        raise ValueError(
            f"{function_name}: these {len(offered)} choices are too long to show together "
            f"({size:,} bytes of text; at most {CHOICES_MOST_BYTES:,}): offer fewer or "
            f"shorter choices.")
    return offered


def _plain_number(value):
    if value is None or isinstance(value, (int, float)):
        return value
    return int(value) if float(value).is_integer() else float(value)


def _is_float(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def _refuse(message):
    raise ValueError(message)
