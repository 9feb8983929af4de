"""The message window that ``media.say`` opens (GUI process only)."""

import math
import tkinter

from pygraphics_gui.windows import Window

#: Widest and tallest the text area grows (in characters and lines) before
#: it wraps and scrolls instead.
MOST_COLUMNS = 60
MOST_LINES = 20
FEWEST_COLUMNS = 30


class SayWindow(Window):
    """A window with read-only text that wraps and scrolls, and an OK button.

    OK, Enter and Escape close it.
    """

    def __init__(self, text: str, title: str = "Message", master=None):
        # It takes the focus, so that Enter or Escape closes it at once.
        super().__init__(title, master, take_focus=True)
        self.text = text
        lines = text.split("\n")
        columns = max(FEWEST_COLUMNS, min(MOST_COLUMNS, max(len(line) for line in lines)))
        wrapped_lines = sum(max(1, math.ceil(len(line) / columns)) for line in lines)
        height = max(1, min(MOST_LINES, wrapped_lines))

        body = tkinter.Frame(self, padx=12, pady=12)
        body.pack(fill="both", expand=True)
        self.text_area = tkinter.Text(
            body, wrap="word", width=columns, height=height, relief="flat",
            font="TkDefaultFont", background=self.cget("background"),
            highlightthickness=0, borderwidth=0)
        self.text_area.insert("1.0", text)
        # Read-only, but the student may still select and copy the text.
        self.text_area.configure(state="disabled")
        self.text_area.grid(row=0, column=0, sticky="nsew")
        if wrapped_lines > MOST_LINES:
            scrollbar = tkinter.Scrollbar(body, orient="vertical",
                                          command=self.text_area.yview)
            self.text_area.configure(yscrollcommand=scrollbar.set)
            scrollbar.grid(row=0, column=1, sticky="ns")
        body.rowconfigure(0, weight=1)
        body.columnconfigure(0, weight=1)

        self.ok_button = tkinter.Button(self, text="OK", width=8, command=self.close,
                                        default="active")
        self.ok_button.pack(pady=(0, 12))
        for key in ("<Return>", "<KP_Enter>", "<Escape>"):
            self.bind(key, lambda event: self.close())
        self.ok_button.focus_set()
