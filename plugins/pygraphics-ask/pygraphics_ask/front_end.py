"""What the ask plugin adds to ``media``: dialogs that ask, and message boxes.

Every function here opens a small window and waits until it is answered;
then your program goes on with the answer. Pressing Cancel (or Escape, or
closing the window) gives None.
"""

from pygraphics_core import callRemote

from pygraphics_ask.answers import (
    check_choices, check_number_limits, number_as_text, read_number)
from pygraphics_ask.commands import Ask, AskChoice, AskNumber, AskYesNo, ShowMessage

__all__ = [
    "ask",
    "ask_choice",
    "ask_choices",
    "ask_integer",
    "ask_number",
    "ask_password",
    "ask_yes_no",
    "show_error",
    "show_information",
    "show_warning",
]


def ask(prompt, default=""):
    """Ask a question in a window and return the text typed as the answer.

    The answer is a string (it may be empty, ""). If the Cancel button is
    pressed instead, the answer is None. Press Enter for OK, Escape for
    Cancel. default is text already in the box, ready to keep or
    replace. Here, the user typed Ada:

    >>> name = media.ask("What is your name?")
    >>> print("Hello, " + name)
    Hello, Ada
    """
    default = "" if default is None else str(default)
    return callRemote(Ask, prompt=str(prompt), default=default)["answer"]


def ask_password(prompt):
    """Ask for a password: like ask, but the letters typed show as dots.

    >>> secret = media.ask_password("Password, please:")
    """
    return callRemote(Ask, prompt=str(prompt), hidden=True)["answer"]


def ask_number(prompt, minimum=None, maximum=None):
    """Ask for a number in a window and return it (an int or a float).

    Typing 42 gives the int 42; typing 3.5 gives the float 3.5. If
    minimum or maximum is given, the window only accepts numbers from
    minimum to maximum (both included). Anything else is refused, and the
    window says why, so the answer is always a number in range, or None if
    Cancel was pressed. Here, the user typed 19:

    >>> age = media.ask_number("How old are you?", 0, 150)
    >>> age + 1
    20
    """
    return _ask_for_number("ask_number", prompt, minimum, maximum, whole=False)


def ask_integer(prompt, minimum=None, maximum=None):
    """Ask for a whole number (an int) in a window and return it.

    Like ask_number, but 2.5 is refused: only whole numbers such as 2 or
    -7 are accepted. None means Cancel was pressed.

    >>> rows = media.ask_integer("How many rows?", 1, 10)
    """
    return _ask_for_number("ask_integer", prompt, minimum, maximum, whole=True)


def ask_yes_no(prompt):
    """Ask a yes-or-no question: return True for Yes, False for No.

    Pressing Escape or closing the window gives None. The Y and N keys
    work too.

    >>> col = media.copy(media.orange)
    >>> if media.ask_yes_no("Make it lighter?"):
    ...     media.lighten(col)
    """
    return callRemote(AskYesNo, prompt=str(prompt))["answer"]


def ask_choice(prompt, choices):
    """Show a list of choices and return the one picked (None for Cancel).

    choices is a list; the answer is one of its items, exactly as it is in
    the list (so a list of numbers gives back a number). Here, the user
    picked sepia:

    >>> media.ask_choice("Which filter?", ["grey", "sepia", "negative"])
    'sepia'
    """
    offered = check_choices("ask_choice", choices)
    chosen = _ask_for_positions(prompt, offered, several=False)
    return None if chosen is None else offered[chosen[0]]


def ask_choices(prompt, choices):
    """Show a list of choices and return a list of the ones picked.

    Any number of them may be picked, even none (then the answer is []).
    The answer keeps the order of choices. None means Cancel. Here, the
    user picked red and blue:

    >>> media.ask_choices("Which colours?", ["red", "green", "blue"])
    ['red', 'blue']
    """
    offered = check_choices("ask_choices", choices)
    chosen = _ask_for_positions(prompt, offered, several=True)
    return None if chosen is None else [offered[position] for position in chosen]


def show_information(message):
    """Show a message in a window, and wait until OK is pressed.

    >>> media.show_information("Your picture was saved.")
    """
    _show_message(message, "information")


def show_warning(message):
    """Show a warning in a window (with a yellow sign), and wait until OK is pressed.

    >>> media.show_warning("That picture is very big: this may be slow.")
    """
    _show_message(message, "warning")


def show_error(message):
    """Show an error message in a window (with a red sign), and wait until OK is pressed.

    >>> media.show_error("There is no file with that name.")
    """
    _show_message(message, "error")


def _ask_for_number(function_name, prompt, minimum, maximum, whole):
    minimum, maximum = check_number_limits(function_name, minimum, maximum)
    answer = callRemote(AskNumber, prompt=str(prompt), minimum=number_as_text(minimum),
                        maximum=number_as_text(maximum), whole=whole)["answer"]
    if answer is None:
        return None
    # Read with the student's own limits: the exact int or float, checked
    # once more on this side of the connection.
    return read_number(answer, minimum, maximum, whole)


def _ask_for_positions(prompt, offered, several):
    chosen = callRemote(AskChoice, prompt=str(prompt),
                        choices=[str(choice) for choice in offered],
                        several=several)["chosen"]
    if chosen is None:
        return None
    if not several and len(chosen) != 1 or any(not 0 <= position < len(offered)
                                               for position in chosen):
        raise RuntimeError(f"The choice dialog answered positions {chosen} for "
                           f"{len(offered)} choices; please report this as a bug.")
    return chosen


def _show_message(message, kind):
    callRemote(ShowMessage, message=str(message), kind=kind)
