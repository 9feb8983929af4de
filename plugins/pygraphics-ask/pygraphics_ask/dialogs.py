"""The ask dialogs and message boxes as Tk windows (they run in the GUI process).

Every dialog here is a modal :class:`tkinter.Toplevel` that works the same
way: build it with a Tk master, call :meth:`Dialog.run`, get the answer back
(None when the person pressed Cancel or Escape or closed the window).

Keyboard: Enter accepts (or presses the focused button), Escape cancels, Tab
moves between the fields and buttons. A long prompt wraps and the dialog
grows to hold it; a prompt too long for the screen scrolls.

The classes take plain Python values and know nothing of AMP, so they can be
tried and tested with any Tk root::

    root = tkinter.Tk()
    root.withdraw()
    age = NumberDialog(root, "How old are you?", minimum=0, whole=True).run()
"""

import tkinter as tk
from tkinter import font as tkfont
from tkinter import ttk

from pygraphics_ask.answers import describe_range, read_number

__all__ = [
    "ChoiceDialog",
    "Dialog",
    "MessageDialog",
    "NumberDialog",
    "TextDialog",
    "YesNoDialog",
]

# How wide a prompt may grow before it wraps, in average characters: about
# what a reader takes in at one glance.
PROMPT_WIDTH_CHARACTERS = 60
# A wrapped prompt taller than this share of the screen scrolls instead.
PROMPT_MAX_SCREEN_SHARE = 0.5
PROBLEM_COLOUR = "#b00020"
HINT_COLOUR = "#555555"


class Dialog(tk.Toplevel):
    """A modal window with an icon, a prompt, a body and a row of buttons.

    Subclasses fill in :meth:`build_body` (the fields), :meth:`answer` (the
    value to return on OK, or raise ValueError with a message to show in the
    dialog) and may change :attr:`buttons` and :attr:`icon`.
    """

    default_title = "Question"
    #: (label, method name) of each button, left to right; the first is the
    #: default one, that Enter presses when no button has the focus.
    buttons = (("OK", "accept"), ("Cancel", "cancel"))
    #: 'question', 'information', 'warning', 'error' or None.
    icon = "question"

    def __init__(self, master, prompt, title=None):
        super().__init__(master)
        # Build hidden, so the window appears once, at its full size, centred.
        self.withdraw()
        self.title(title or self.default_title)
        self.result = None
        self.answered = False
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self.bind("<Escape>", lambda event: self.cancel())
        self.bind("<Return>", self._on_return)
        self.bind("<KP_Enter>", self._on_return)

        frame = ttk.Frame(self, padding=(16, 14, 16, 12))
        frame.pack(fill="both", expand=True)
        frame.columnconfigure(1, weight=1)
        frame.rowconfigure(0, weight=1)
        if self.icon:
            _icon_canvas(frame, self.icon).grid(row=0, column=0, sticky="n", padx=(0, 14))
        self.prompt_widget = self._make_prompt(frame, str(prompt))
        self.prompt_widget.grid(row=0, column=1, sticky="nsew")

        body = ttk.Frame(frame)
        body.grid(row=1, column=1, sticky="nsew", pady=(10, 0))
        body.columnconfigure(0, weight=1)
        self.focus_widget = self.build_body(body)

        self.problem_label = ttk.Label(
            frame, text="", foreground=PROBLEM_COLOUR, wraplength=self._wrap_pixels(),
            justify="left")
        self.problem_label.grid(row=2, column=1, sticky="w", pady=(6, 0))
        # Shown only when there is a problem to tell: the dialog grows then.
        self.problem_label.grid_remove()

        button_row = ttk.Frame(frame)
        button_row.grid(row=3, column=0, columnspan=2, sticky="e", pady=(10, 0))
        self.button_widgets = []
        for label, method_name in self.buttons:
            button = ttk.Button(button_row, text=label, command=getattr(self, method_name))
            button.pack(side="left", padx=(8, 0))
            self.button_widgets.append(button)
        self.button_widgets[0].configure(default="active")
        if self.focus_widget is None:
            self.focus_widget = self.button_widgets[0]

    # -- what subclasses fill in -------------------------------------------

    def build_body(self, body):
        """Put the fields in ``body``; return the widget that gets the focus."""
        return None

    def answer(self):
        """Return the value to give back on OK, or raise ValueError(why not)."""
        return None

    # -- showing and waiting ---------------------------------------------------

    def show(self):
        """Show the dialog centred on the screen, on top, with the keyboard focus."""
        self.update_idletasks()
        width = max(self.winfo_reqwidth(), 320)
        height = self.winfo_reqheight()
        x = max((self.winfo_screenwidth() - width) // 2, 0)
        y = max((self.winfo_screenheight() - height) // 3, 0)
        self.geometry(f"+{x}+{y}")
        self.minsize(width, height)
        # Grabbing needs a viewable window: do it when the window is mapped.
        self.bind("<Map>", self._on_map, add="+")
        self.deiconify()
        self.lift()
        # The student's program (an IDE, a terminal) has the focus, not the
        # GUI process: on top for a moment, so Windows and macOS do not
        # open the dialog behind it.
        self.attributes("-topmost", True)
        self.after_idle(self.attributes, "-topmost", False)

    def run(self):
        """Show the dialog, wait until it is answered, and return the answer.

        The answer is None when the person pressed Cancel or Escape or closed
        the window. Other windows of the process keep being drawn meanwhile.
        """
        self.show()
        self.wait_window()
        return self.result

    def accept(self):
        """Take the answer and close, or say inside the dialog what is wrong."""
        try:
            value = self.answer()
        except ValueError as problem:
            self.problem_label.configure(text=str(problem))
            self.problem_label.grid()
            self.bell()
            self.refocus_after_problem()
            return
        self.finish(value)

    def cancel(self):
        """Close the dialog with no answer (None)."""
        self.finish(None)

    def finish(self, value):
        """Close the dialog with ``value`` as its answer."""
        if self.answered:
            return
        self.answered = True
        self.result = value
        self.grab_release()
        self.destroy()

    def refocus_after_problem(self):
        """Put the focus back where the person can fix a refused answer."""
        self.focus_widget.focus_set()

    # -- inner workings ------------------------------------------------------------

    def _on_map(self, event):
        if event.widget is not self:
            return
        try:
            self.grab_set()
        except tk.TclError:
            # Another application holds a global grab; the dialog still works.
            pass
        self.focus_force()
        self.focus_widget.focus_set()

    def _on_return(self, event):
        focused = self.focus_get()
        if isinstance(focused, (ttk.Button, tk.Button)):
            focused.invoke()
        else:
            getattr(self, self.buttons[0][1])()
        return "break"

    def _wrap_pixels(self):
        return tkfont.nametofont("TkDefaultFont").measure("n") * PROMPT_WIDTH_CHARACTERS

    def _make_prompt(self, parent, prompt):
        label = ttk.Label(parent, text=prompt, wraplength=self._wrap_pixels(), justify="left")
        label.update_idletasks()
        if label.winfo_reqheight() <= self.winfo_screenheight() * PROMPT_MAX_SCREEN_SHARE:
            return label
        label.destroy()
        return _scrolled_prompt(parent, prompt, self._wrap_pixels(),
                                self.winfo_screenheight() * PROMPT_MAX_SCREEN_SHARE)


class TextDialog(Dialog):
    """Ask for a line of text; ``hidden`` shows dots instead of the letters (passwords).

    The answer is the text typed (it may be empty), or None for Cancel.
    """

    def __init__(self, master, prompt, title=None, default="", hidden=False):
        self.default = default
        self.hidden = hidden
        super().__init__(master, prompt, title)

    def build_body(self, body):
        self.entry = ttk.Entry(body, width=40, show="•" if self.hidden else "")
        self.entry.insert(0, self.default)
        self.entry.select_range(0, "end")
        self.entry.grid(row=0, column=0, sticky="ew")
        return self.entry

    def answer(self):
        return self.entry.get()


class NumberDialog(TextDialog):
    """Ask for a number, between ``minimum`` and ``maximum`` when they are given.

    Refuses, inside the dialog, text that is not a number in range, and says
    why. The answer is an int or a float (see :func:`answers.read_number`), or
    None for Cancel. With ``whole`` true only whole numbers (ints) are taken.
    """

    def __init__(self, master, prompt, title=None, minimum=None, maximum=None,
                 whole=False, default=""):
        self.minimum = minimum
        self.maximum = maximum
        self.whole = whole
        super().__init__(master, prompt, title, default=default)

    def build_body(self, body):
        entry = super().build_body(body)
        entry.configure(width=20)
        entry.grid(sticky="w")
        hint = describe_range(self.minimum, self.maximum, self.whole)
        ttk.Label(body, text=f"Type {hint}.", foreground=HINT_COLOUR).grid(
            row=1, column=0, sticky="w", pady=(4, 0))
        return entry

    def answer(self):
        return read_number(self.entry.get(), self.minimum, self.maximum, self.whole)

    def refocus_after_problem(self):
        self.entry.focus_set()
        self.entry.select_range(0, "end")
        self.entry.icursor("end")


class YesNoDialog(Dialog):
    """Ask a yes-or-no question: True for Yes, False for No, None for Escape.

    The Y and N keys press the buttons too.
    """

    buttons = (("Yes", "answer_yes"), ("No", "answer_no"))

    def build_body(self, body):
        self.bind("<KeyPress-y>", lambda event: self.answer_yes())
        self.bind("<KeyPress-Y>", lambda event: self.answer_yes())
        self.bind("<KeyPress-n>", lambda event: self.answer_no())
        self.bind("<KeyPress-N>", lambda event: self.answer_no())
        return None

    def show(self):
        for button in self.button_widgets:
            button.configure(underline=0)
        super().show()

    def answer_yes(self):
        """Close with the answer True."""
        self.finish(True)

    def answer_no(self):
        """Close with the answer False."""
        self.finish(False)


class ChoiceDialog(Dialog):
    """Ask to pick one of ``choices`` (or several, when ``several`` is true).

    The answer is the position of the choice in the list (0 for the first),
    or a sorted list of positions when ``several`` is true, or None for
    Cancel. Choices are shown as ``str(choice)``, one per line.
    """

    VISIBLE_ROWS = 10
    WIDEST_CHARACTERS = 60

    def __init__(self, master, prompt, choices, title=None, several=False):
        self.choices = [" ".join(str(choice).split()) for choice in choices]
        self.several = several
        super().__init__(master, prompt, title)

    def build_body(self, body):
        widest = max((len(choice) for choice in self.choices), default=0)
        self.listbox = tk.Listbox(
            body, selectmode="multiple" if self.several else "browse",
            height=min(len(self.choices), self.VISIBLE_ROWS),
            width=max(min(widest + 2, self.WIDEST_CHARACTERS), 20),
            activestyle="dotbox", exportselection=False)
        self.listbox.insert("end", *self.choices)
        self.listbox.grid(row=0, column=0, sticky="nsew")
        if len(self.choices) > self.VISIBLE_ROWS:
            bar = ttk.Scrollbar(body, orient="vertical", command=self.listbox.yview)
            bar.grid(row=0, column=1, sticky="ns")
            self.listbox.configure(yscrollcommand=bar.set)
        if widest + 2 > self.WIDEST_CHARACTERS:
            bar = ttk.Scrollbar(body, orient="horizontal", command=self.listbox.xview)
            bar.grid(row=1, column=0, sticky="ew")
            self.listbox.configure(xscrollcommand=bar.set)
        if self.several:
            ttk.Label(body, text="Click each one you want (click again to unselect), "
                                 "or use the arrow keys and the space bar.",
                      foreground=HINT_COLOUR, wraplength=self._wrap_pixels()).grid(
                row=2, column=0, columnspan=2, sticky="w", pady=(4, 0))
        else:
            self.listbox.selection_set(0)
            self.listbox.bind("<Double-Button-1>", lambda event: self.accept())
        self.listbox.activate(0)
        return self.listbox

    def answer(self):
        chosen = sorted(int(index) for index in self.listbox.curselection())
        if self.several:
            return chosen
        if not chosen:
            raise ValueError("Please click one of the choices first.")
        return chosen[0]


class MessageDialog(Dialog):
    """Show a message with an OK button: ``kind`` is 'information', 'warning' or 'error'."""

    KINDS = ("information", "warning", "error")
    buttons = (("OK", "cancel"),)

    def __init__(self, master, message, kind="information", title=None):
        if kind not in self.KINDS:
            raise ValueError(f"kind={kind!r} is not a kind of message box: "
                             f"use one of {', '.join(map(repr, self.KINDS))}")
        self.icon = kind
        self.default_title = kind.capitalize()
        super().__init__(master, message, title)


def _scrolled_prompt(parent, prompt, width_pixels, height_pixels):
    """A read-only scrolling text for a prompt too long to show whole."""
    holder = ttk.Frame(parent)
    holder.columnconfigure(0, weight=1)
    holder.rowconfigure(0, weight=1)
    body_font = tkfont.nametofont("TkDefaultFont")
    line_height = body_font.metrics("linespace")
    text = tk.Text(holder, wrap="word", font=body_font, relief="flat",
                   width=PROMPT_WIDTH_CHARACTERS, height=max(int(height_pixels // line_height), 5),
                   background=parent.winfo_toplevel().cget("background"),
                   takefocus=0, highlightthickness=0)
    text.insert("1.0", prompt)
    text.configure(state="disabled")
    bar = ttk.Scrollbar(holder, orient="vertical", command=text.yview)
    text.configure(yscrollcommand=bar.set)
    text.grid(row=0, column=0, sticky="nsew")
    bar.grid(row=0, column=1, sticky="ns")
    return holder


def _icon_canvas(parent, kind):
    """A small drawn icon, the same on every platform (Tk's built-in icons differ)."""
    size = 36
    canvas = tk.Canvas(parent, width=size, height=size, highlightthickness=0,
                       background=parent.winfo_toplevel().cget("background"), takefocus=0)
    if kind == "warning":
        canvas.create_polygon(size / 2, 2, size - 2, size - 3, 2, size - 3,
                              fill="#f2b600", outline="#8a6400")
        canvas.create_line(size / 2, 12, size / 2, 23, width=4, fill="black")
        canvas.create_oval(size / 2 - 2, 26, size / 2 + 2, 30, fill="black")
    elif kind == "error":
        canvas.create_oval(2, 2, size - 2, size - 2, fill="#c62828", outline="#7f0000")
        canvas.create_line(12, 12, size - 12, size - 12, width=4, fill="white")
        canvas.create_line(12, size - 12, size - 12, 12, width=4, fill="white")
    else:
        mark = "i" if kind == "information" else "?"
        canvas.create_oval(2, 2, size - 2, size - 2, fill="#1565c0", outline="#0d3c75")
        canvas.create_text(size / 2, size / 2, text=mark, fill="white",
                           font=("Helvetica", 18, "bold"))
    return canvas
