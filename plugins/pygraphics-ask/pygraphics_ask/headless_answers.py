"""Answering the ask dialogs in headless mode, from the grader's prepared answers.

In headless mode (no screen: see :mod:`pygraphics_core.headless`) these
functions run in the student's process instead of the dialogs. Each takes
the grader's next answer for its media function (``"ask"``,
``"ask_password"``, ``"ask_number"``, ``"ask_integer"``, ``"ask_yes_no"``,
``"ask_choice"``, ``"ask_choices"``), checks that a real dialog could have
given it, records the dialog, and answers. Message boxes are recorded
(as ``"show_information"``, ``"show_warning"``, ``"show_error"``) and need
no answer. A grader's answer of None stands for the Cancel button.

The answers are what the media function returns: text for ``ask``, a
number for ``ask_number``, True/False for ``ask_yes_no``, the chosen item
for ``ask_choice`` and a list of items for ``ask_choices`` (an item is
matched by its text, ``str(item)``, as the dialog shows it).
"""

from numbers import Real

from pygraphics_ask.answers import read_number
from pygraphics_ask.commands import Ask, AskChoice, AskNumber, AskYesNo, ShowMessage


def _refuse(function, prompt, answer, why):
    raise ValueError(
        f"The grading script's answer {answer!r} for media.{function}({prompt!r}) "
        f"is not one the dialog could give: {why}")


def answer_ask(session, prompt, title=None, default=None, hidden=None):
    """Headless ``Ask``: the next text answer (for ask or ask_password)."""
    function = "ask_password" if hidden else "ask"
    answer = session.next_answer(function, prompt)
    if answer is not None and not isinstance(answer, str):
        _refuse(function, prompt, answer, "give text (a str), or None for Cancel.")
    session.record(function, command="Ask", text=prompt, answer=answer)
    return {"answer": answer}


def answer_ask_number(session, prompt, title=None, minimum=None, maximum=None, whole=None):
    """Headless ``AskNumber``: the next number, checked against the dialog's range."""
    function = "ask_integer" if whole else "ask_number"
    answer = session.next_answer(function, prompt)
    if answer is not None:
        if isinstance(answer, bool) or not isinstance(answer, (Real, str)):
            _refuse(function, prompt, answer, "give a number, or None for Cancel.")
        low = None if minimum is None else read_number(minimum)
        high = None if maximum is None else read_number(maximum)
        try:
            number = read_number(str(answer), low, high, bool(whole))
        except ValueError as why:
            _refuse(function, prompt, answer, str(why))
        answer = number
    session.record(function, command="AskNumber", text=prompt, answer=answer)
    return {"answer": None if answer is None else repr(answer)}


def answer_ask_yes_no(session, prompt, title=None):
    """Headless ``AskYesNo``: the next True, False or None."""
    answer = session.next_answer("ask_yes_no", prompt)
    if answer is not None and not isinstance(answer, bool):
        _refuse("ask_yes_no", prompt, answer, "give True (Yes), False (No) or None (Escape).")
    session.record("ask_yes_no", command="AskYesNo", text=prompt, answer=answer)
    return {"answer": answer}


def answer_ask_choice(session, prompt, choices, title=None, several=None):
    """Headless ``AskChoice``: the next item (ask_choice) or list of items (ask_choices)."""
    function = "ask_choices" if several else "ask_choice"
    answer = session.next_answer(function, prompt)
    shown = ", ".join(repr(choice) for choice in choices)
    if answer is None:
        chosen = None
    elif several:
        if isinstance(answer, (str, bytes)) or not hasattr(answer, "__iter__"):
            _refuse(function, prompt, answer,
                    f"give a list of some of the choices ({shown}), or None for Cancel.")
        chosen = sorted({_position(function, prompt, answer, item, choices) for item in answer})
    else:
        chosen = [_position(function, prompt, answer, answer, choices)]
    session.record(function, command="AskChoice", text=prompt, answer=answer,
                   arguments={"choices": choices})
    return {"chosen": chosen}


def _position(function, prompt, answer, item, choices):
    try:
        return choices.index(str(item))
    except ValueError:
        shown = ", ".join(repr(choice) for choice in choices)
        _refuse(function, prompt, answer, f"{item!r} is not one of the choices ({shown}).")


def answer_show_message(session, message, kind, title=None):
    """Headless ``ShowMessage``: record the message box; nothing to answer."""
    session.record(f"show_{kind}", command="ShowMessage", text=message)
    return {}


#: For the ``pygraphics_headless_responders`` hook.
HEADLESS_RESPONDERS = {
    Ask: answer_ask,
    AskNumber: answer_ask_number,
    AskYesNo: answer_ask_yes_no,
    AskChoice: answer_ask_choice,
    ShowMessage: answer_show_message,
}
