"""The GUI process's side of the ask plugin: one modal dialog per command."""

from pygraphics_gui import ProtocolBackend, appender

from pygraphics_ask.answers import read_number
from pygraphics_ask.commands import Ask, AskChoice, AskNumber, AskYesNo, ShowMessage

# The dialogs (Tk widgets and fonts) are imported when a command first needs
# them: every plugin's backend is made when the student's program connects,
# before its first window, whichever plugin that is.


def _limit(text):
    # The limits were written by the student's side with repr(): read them
    # back with the same rules, so both sides compare the same numbers.
    return None if text is None else read_number(text)


class AskBackend(ProtocolBackend):
    """Answers each ask command with a dialog; the answer comes back when it closes."""

    responders = []
    responder = appender(responders)

    @responder(Ask)
    def ask(self, prompt, title=None, default=None, hidden=None):
        from pygraphics_ask.dialogs import TextDialog

        answer = TextDialog(None, prompt, title, default=default or "",
                            hidden=bool(hidden)).run()
        return {"answer": answer}

    @responder(AskNumber)
    def ask_number(self, prompt, title=None, minimum=None, maximum=None, whole=None):
        from pygraphics_ask.dialogs import NumberDialog

        dialog = NumberDialog(None, prompt, title, minimum=_limit(minimum),
                              maximum=_limit(maximum), whole=bool(whole))
        answer = dialog.run()
        # The number as text, exact whatever its size.
        return {"answer": None if answer is None else repr(answer)}

    @responder(AskYesNo)
    def ask_yes_no(self, prompt, title=None):
        from pygraphics_ask.dialogs import YesNoDialog

        return {"answer": YesNoDialog(None, prompt, title).run()}

    @responder(AskChoice)
    def ask_choice(self, prompt, choices, title=None, several=None):
        from pygraphics_ask.dialogs import ChoiceDialog

        answer = ChoiceDialog(None, prompt, choices, title, several=bool(several)).run()
        if answer is None:
            return {"chosen": None}
        return {"chosen": answer if several else [answer]}

    @responder(ShowMessage)
    def show_message(self, message, kind, title=None):
        from pygraphics_ask.dialogs import MessageDialog

        MessageDialog(None, message, kind, title).run()
        return {}
