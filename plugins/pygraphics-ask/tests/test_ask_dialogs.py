"""The ask dialogs as real Tk windows, driven through Tk by keys and clicks (no xdotool)."""

import pytest

from pygraphics_ask.dialogs import (
    ChoiceDialog, MessageDialog, NumberDialog, TextDialog, YesNoDialog)
from pygraphics_gui.testing import answer_dialog, click, press_keys, type_text, wait_until


def test_a_student_types_their_name_and_presses_enter(tk_root):
    dialog = TextDialog(tk_root, "What is your name?")
    assert answer_dialog(dialog, type="Ada Lovelace", keys=["Return"]) == "Ada Lovelace"


def test_a_prompt_and_an_answer_in_any_script(tk_root):
    dialog = TextDialog(tk_root, "Comment vous appelez-vous ? 名前は？")
    assert answer_dialog(dialog, type="Zoë 李", keys=["Return"]) == "Zoë 李"


def test_enter_on_an_empty_text_dialog_answers_empty_text(tk_root):
    assert answer_dialog(TextDialog(tk_root, "Anything?"), keys=["Return"]) == ""


def test_escape_cancels_and_answers_none(tk_root):
    dialog = TextDialog(tk_root, "What is your name?")
    assert answer_dialog(dialog, type="half typed", keys=["Escape"]) is None


def test_closing_the_window_answers_none(tk_root):
    dialog = TextDialog(tk_root, "What is your name?")
    # What the window manager's close button runs.
    close = lambda shown: shown.tk.call(shown.protocol("WM_DELETE_WINDOW"))
    assert answer_dialog(dialog, type="Ada", actions=[close]) is None


def test_the_default_text_is_selected_so_typing_replaces_it(tk_root):
    dialog = TextDialog(tk_root, "File name?", default="untitled.png")
    assert answer_dialog(dialog, type="cat.png", keys=["Return"]) == "cat.png"


def test_tab_to_cancel_then_enter_presses_cancel(tk_root):
    dialog = TextDialog(tk_root, "What is your name?")
    # Tab order: the entry, OK, Cancel.
    assert answer_dialog(dialog, type="Ada", keys=["Tab", "Tab", "Return"]) is None


def test_tab_to_ok_then_space_presses_ok(tk_root):
    dialog = TextDialog(tk_root, "What is your name?")
    assert answer_dialog(dialog, type="Ada", keys=["Tab", "space"]) == "Ada"


def test_a_password_dialog_hides_the_letters_but_answers_them(tk_root):
    dialog = TextDialog(tk_root, "Password?", hidden=True)
    assert dialog.entry.cget("show") == "•"
    assert answer_dialog(dialog, type="s3cret!", keys=["Return"]) == "s3cret!"


@pytest.mark.parametrize("typed, expected", [
    ("42", 42), ("-7", -7), ("3.5", 3.5), (" 1e3 ", 1000.0), ("2.0", 2.0),
])
def test_a_number_dialog_answers_an_int_or_a_float(tk_root, typed, expected):
    answer = answer_dialog(NumberDialog(tk_root, "A number?"), type=typed, keys=["Return"])
    assert answer == expected and type(answer) is type(expected)


def test_a_number_dialog_refuses_words_and_says_why_inside_the_dialog(tk_root):
    dialog = NumberDialog(tk_root, "How many?", minimum=1, maximum=10)
    shown_problems = []

    def look_then_fix(shown):
        wait_until(shown, lambda: shown.problem_label.winfo_ismapped(),
                   what="the problem message")
        shown_problems.append(shown.problem_label.cget("text"))
        # The refused text stays selected: typing replaces it.
        type_text(shown, "5")
        press_keys(shown, "Return")

    answer = answer_dialog(dialog, type="lots", keys=["Return"], actions=[look_then_fix])
    assert answer == 5
    assert shown_problems == ["“lots” is not a number. Type digits, like 42 or 3.5."]


def test_a_number_dialog_refuses_a_number_out_of_range(tk_root):
    dialog = NumberDialog(tk_root, "How many?", minimum=1, maximum=10)
    problems = []

    def look_then_cancel(shown):
        wait_until(shown, lambda: shown.problem_label.winfo_ismapped(),
                   what="the problem message")
        problems.append(shown.problem_label.cget("text"))
        press_keys(shown, "Escape")

    assert answer_dialog(dialog, type="11", keys=["Return"], actions=[look_then_cancel]) is None
    assert problems == ["11 is too big: type a number from 1 to 10."]


def test_a_whole_number_dialog_refuses_a_fraction(tk_root):
    dialog = NumberDialog(tk_root, "How many?", whole=True)
    problems = []

    def look_then_fix(shown):
        wait_until(shown, lambda: shown.problem_label.winfo_ismapped(),
                   what="the problem message")
        problems.append(shown.problem_label.cget("text"))
        type_text(shown, "3")
        press_keys(shown, "Return")

    assert answer_dialog(dialog, type="2.5", keys=["Return"], actions=[look_then_fix]) == 3
    assert "2.5 is not a whole number" in problems[0]


def test_the_number_dialog_tells_the_range_before_anything_is_typed(tk_root):
    dialog = NumberDialog(tk_root, "How many?", minimum=1, maximum=10, whole=True)
    texts = [child.cget("text") for child in dialog.entry.master.winfo_children()
             if child.winfo_class() == "TLabel"]
    assert texts == ["Type a whole number from 1 to 10."]
    dialog.cancel()


@pytest.mark.parametrize("keys, expected", [
    (["Return"], True), (["Tab", "Return"], False), (["n"], False), (["y"], True),
    (["Escape"], None),
])
def test_yes_no_by_keyboard(tk_root, keys, expected):
    assert answer_dialog(YesNoDialog(tk_root, "Again?"), keys=keys) is expected


def test_choosing_one_with_the_arrow_keys(tk_root):
    dialog = ChoiceDialog(tk_root, "Which filter?", ["grey", "sepia", "negative"])
    assert answer_dialog(dialog, keys=["Down", "Down", "Return"]) == 2


def test_choosing_one_by_double_clicking_it(tk_root):
    dialog = ChoiceDialog(tk_root, "Which filter?", ["grey", "sepia", "negative"])

    def double_click_sepia(shown):
        box = shown.listbox
        x, y, _width, height = box.bbox(1)
        click(box, x + 5, y + height // 2, times=2)

    assert answer_dialog(dialog, actions=[double_click_sepia]) == 1


def test_choosing_several_with_space_and_arrows(tk_root):
    dialog = ChoiceDialog(tk_root, "Which colours?", ["red", "green", "blue", "cyan"],
                          several=True)
    answer = answer_dialog(dialog, keys=["space", "Down", "Down", "space", "Return"])
    assert answer == [0, 2]


def test_choosing_none_of_several_is_an_empty_list_not_a_cancel(tk_root):
    dialog = ChoiceDialog(tk_root, "Which colours?", ["red", "green"], several=True)
    assert answer_dialog(dialog, keys=["Return"]) == []


def test_many_choices_scroll(tk_root):
    choices = [f"picture {number}" for number in range(100)]
    dialog = ChoiceDialog(tk_root, "Which one?", choices)
    assert int(dialog.listbox.cget("height")) == ChoiceDialog.VISIBLE_ROWS
    assert answer_dialog(dialog, keys=["ctrl+End", "Return"]) == 99


@pytest.mark.parametrize("kind", MessageDialog.KINDS)
def test_message_boxes_close_with_enter_or_escape(tk_root, kind):
    assert answer_dialog(MessageDialog(tk_root, "Done!", kind), keys=["Return"]) is None
    dialog = MessageDialog(tk_root, "Done!", kind)
    assert dialog.title() == kind.capitalize()
    assert answer_dialog(dialog, keys=["Escape"]) is None


def test_an_unknown_message_kind_is_refused(tk_root):
    with pytest.raises(ValueError, match="'question' is not a kind of message box"):
        MessageDialog(tk_root, "Hi", "question")


def test_a_long_prompt_wraps_and_the_dialog_grows_taller_not_wider(tk_root):
    short = TextDialog(tk_root, "Name?")
    short.show()
    short.update()
    words = "This prompt goes on and on, explaining the lab in detail. " * 8
    long = TextDialog(tk_root, words)
    long.show()
    long.update()
    assert long.winfo_height() > short.winfo_height() + 50
    assert long.winfo_width() < long.winfo_screenwidth() * 0.7
    short.cancel()
    long.cancel()


def test_a_prompt_longer_than_the_screen_scrolls_and_the_dialog_fits(tk_root):
    dialog = TextDialog(tk_root, "A very long story. " * 3000)
    dialog.show()
    dialog.update()
    assert dialog.winfo_height() < dialog.winfo_screenheight()
    assert dialog.prompt_widget.winfo_class() == "TFrame"  # the scrolling text's holder
    assert answer_dialog(dialog, type="ok", keys=["Return"]) == "ok"


def test_the_dialog_appears_centred_across_the_screen(tk_root):
    dialog = MessageDialog(tk_root, "Centred?")
    dialog.show()
    wait_until(dialog, dialog.winfo_viewable, what="the dialog to appear")
    middle = dialog.winfo_rootx() + dialog.winfo_width() // 2
    assert abs(middle - dialog.winfo_screenwidth() // 2) <= 2
    dialog.cancel()
