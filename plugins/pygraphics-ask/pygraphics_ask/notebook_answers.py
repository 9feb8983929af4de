"""The ask dialogs in a notebook with no screen: the answer is typed in the notebook.

See :mod:`pygraphics_core.notebook`. Each dialog asks its question in the
running cell's output and reads the line typed in the box the notebook
shows (``input()``, which every Jupyter front end supports). What is typed
is checked with the same rules and words as the dialog window (numbers with
:func:`pygraphics_ask.answers.read_number`); a wrong answer is refused,
saying why, and the question is asked again. Pressing Enter with nothing
typed is the Cancel button (the answer None), except for ``ask``, where it
is the empty answer "" (or the default, if there is one).

Message boxes (``show_information``, ``show_warning``, ``show_error``)
show their message and, like the window's OK button, wait for Enter.
"""

from pygraphics_core.notebook import NotebookCannotAskError

from pygraphics_ask.answers import describe_range, read_number
from pygraphics_ask.commands import Ask, AskChoice, AskNumber, AskYesNo, ShowMessage

#: Said after every question that Enter alone cancels.
CANCEL_HINT = "Enter alone cancels"


def answer_ask(session, prompt, title=None, default=None, hidden=None):
    """Notebook ``Ask``: the line typed (dots for a password); Enter alone keeps the default."""
    hint = f' (Enter alone keeps "{default}")' if default else ""
    typed = session.ask(f"{prompt}{hint} ", lambda text: text, hidden=bool(hidden))
    return {"answer": default if default and typed == "" else typed}


def answer_ask_number(session, prompt, title=None, minimum=None, maximum=None, whole=None):
    """Notebook ``AskNumber``: a number in range, read as the dialog reads it."""
    low = None if minimum is None else read_number(minimum)
    high = None if maximum is None else read_number(maximum)

    def read(text):
        if not text.strip():
            return None
        return read_number(text, low, high, bool(whole))

    answer = session.ask(f"{prompt} ({describe_range(low, high, bool(whole))}; "
                         f"{CANCEL_HINT}) ", read)
    return {"answer": None if answer is None else repr(answer)}


def read_yes_no(text):
    """True for y/yes, False for n/no, None for nothing; else ValueError saying what to type."""
    written = text.strip().lower()
    if not written:
        return None
    if written in ("y", "yes"):
        return True
    if written in ("n", "no"):
        return False
    raise ValueError(f"“{text.strip()}” is not an answer here: type y for Yes or n for No "
                     f"({CANCEL_HINT}).")


def answer_ask_yes_no(session, prompt, title=None):
    """Notebook ``AskYesNo``: y or n."""
    return {"answer": session.ask(f"{prompt} (y/n; {CANCEL_HINT}) ", read_yes_no)}


def read_choices(text, choices, several):
    """The positions (from 0) of the choices typed: their numbers (from 1) or their text.

    For one choice, the text may be typed instead of the number; for
    several, numbers separated by commas or spaces, and 0 for none.
    Nothing typed gives None (Cancel). Anything else: ValueError, saying
    what to type.
    """
    written = text.strip()
    if not written:
        return None
    if not several and written in choices:
        return [choices.index(written)]
    parts = written.replace(",", " ").split()
    how = ("type the numbers of your choices, such as 1, 3 (0 for none)" if several
           else "type the number of your choice")
    positions = []
    for part in parts:
        try:
            number = int(part)
        except ValueError:
            raise ValueError(f"“{part}” is not one of the numbers 1 to {len(choices)}: "
                             f"{how}.") from None
        if several and number == 0 and len(parts) == 1:
            return []
        if not 1 <= number <= len(choices):
            raise ValueError(f"{number} is not one of the numbers 1 to {len(choices)}: "
                             f"{how}.")
        positions.append(number - 1)
    if not several and len(positions) != 1:
        raise ValueError(f"“{written}” is more than one choice: {how}, one only.")
    return sorted(set(positions))


def answer_ask_choice(session, prompt, choices, title=None, several=None):
    """Notebook ``AskChoice``: the choices numbered, and the number(s) typed."""
    lines = [prompt] + [f"  {number:>2}  {choice}" for number, choice in
                        enumerate(choices, start=1)]
    print("\n".join(lines), flush=True)
    if several:
        question = f"Type the numbers of your choices, such as 1, 3 (0 for none; {CANCEL_HINT}): "
    else:
        question = f"Type the number of your choice ({CANCEL_HINT}): "
    chosen = session.ask(question, lambda text: read_choices(text, choices, bool(several)))
    return {"chosen": chosen}


def answer_show_message(session, message, kind, title=None):
    """Notebook ``ShowMessage``: the message in a box; Enter stands for its OK button."""
    session.message(message, kind, title or "")
    try:
        session.ask("Press Enter to go on ", lambda text: None)
    except NotebookCannotAskError:
        pass  # no one at the notebook to press OK: the message is shown, go on
    return {}


#: For the ``pygraphics_notebook_responders`` hook.
NOTEBOOK_RESPONDERS = {
    Ask: answer_ask,
    AskNumber: answer_ask_number,
    AskYesNo: answer_ask_yes_no,
    AskChoice: answer_ask_choice,
    ShowMessage: answer_show_message,
}
