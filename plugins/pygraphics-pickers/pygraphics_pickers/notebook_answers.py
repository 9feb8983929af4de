"""The pickers in a notebook with no screen: files, folders and colours typed in the notebook.

See :mod:`pygraphics_core.notebook`. The kernel's files are on the
computer that runs the notebook, not the student's, so the file dialogs
list the files of the folder the dialog starts in (the notebook's own
folder, the first time), numbered: the student types a number or a name.
A folder's number (or ``..``) goes into it (or up), and the list is shown
again. With ipywidgets installed, ``choose_file`` also shows an upload
button: files uploaded with it are saved into that folder, to choose the
next time (a notebook's Python receives an upload only once the cell
has finished).

``choose_color`` shows the colour it starts from and a few named colours,
and takes a colour typed as a name of ``media`` (``orange``), as
``#ff8000``, or as three numbers (``255, 128, 0``).

As in the windows, Enter alone is Cancel (the answer None), a file to
open must exist, and saving over a file asks first.
"""

import html
import os
from pathlib import Path

from pygraphics_core.colors import NAMED_COLORS

from .commands import ChooseColor, ChooseFile, ChooseFolder, ChooseSaveFilename

#: Said after every question that Enter alone cancels.
CANCEL_HINT = "Enter alone cancels"
#: The most entries of a folder listed; the others can still be typed.
MOST_LISTED = 60
#: The named colours offered as examples in the colour picker.
EXAMPLE_COLORS = ("black", "white", "gray", "red", "orange", "yellow", "green", "cyan",
                  "blue", "purple", "magenta", "pink", "brown", "tomato", "gold", "navy")


def _entries(folder, folders_only=False):
    """The folders, then the files, of ``folder`` (hidden ones left out), by name."""
    try:
        names = sorted(os.listdir(folder), key=str.lower)
    except OSError:
        names = []
    names = [name for name in names if not name.startswith(".")]
    folders = [name for name in names if os.path.isdir(os.path.join(folder, name))]
    files = [] if folders_only else [name for name in names
                                     if os.path.isfile(os.path.join(folder, name))]
    return [(name, True) for name in folders] + [(name, False) for name in files]


def _size(path):
    try:
        size = os.path.getsize(path)
    except OSError:
        return ""
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return ""


def _print_listing(title, folder, entries):
    lines = [f"{title} — in the folder {folder}:"]
    if not entries:
        lines.append("  (nothing here)")
    for number, (name, is_folder) in enumerate(entries[:MOST_LISTED], start=1):
        what = "(folder)" if is_folder else _size(os.path.join(folder, name))
        lines.append(f"  {number:>3}  {name + ('/' if is_folder else ''):<40} {what}")
    if len(entries) > MOST_LISTED:
        lines.append(f"  ... and {len(entries) - MOST_LISTED} more: type a name to choose one")
    print("\n".join(lines), flush=True)


def _typed_entry(text, folder, entries):
    """The path typed: an entry's number, a name or a path (relative to ``folder``)."""
    written = text.strip()
    if written.isdigit():
        number = int(written)
        if not 1 <= number <= min(len(entries), MOST_LISTED):
            raise ValueError(f"{number} is not one of the numbers listed: type a number "
                             f"from 1 to {min(len(entries), MOST_LISTED)}, or a name.")
        return os.path.join(folder, entries[number - 1][0])
    return os.path.normpath(os.path.join(folder, os.path.expanduser(written)))


def _browse(session, title, folder, choose):
    """List ``folder``, ask, and go into folders until ``choose(path)`` gives an answer.

    ``choose`` returns ``("answer", value)`` or ``("folder", path)`` (list
    that folder next), or raises ValueError for the person.
    """
    folder = os.path.abspath(folder if os.path.isdir(folder) else os.getcwd())
    folders_only = getattr(choose, "folders_only", False)
    while True:
        entries = _entries(folder, folders_only)
        _print_listing(title, folder, entries)

        def read(text, folder=folder, entries=entries):
            if not text.strip():
                return ("answer", None)
            return choose(_typed_entry(text, folder, entries), text.strip())

        what, value = session.ask(getattr(choose, "question", "Your choice: "), read)
        if what == "answer":
            return value
        folder = value


def _file_to_open(path, written):
    if os.path.isdir(path):
        return ("folder", path)
    if os.path.isfile(path):
        return ("answer", path)
    raise ValueError(f"There is no file “{written}” here: type one of the numbers, or the "
                     f"name of a file that exists ({CANCEL_HINT}).")


_file_to_open.question = f"Type a number or a file name (.. goes up a folder; {CANCEL_HINT}): "


def _offer_upload(session, folder):
    """With ipywidgets: an upload button that saves files into ``folder``."""
    widgets = session.widgets
    if widgets is None:
        return
    upload = widgets.FileUpload(multiple=True, description="Upload")
    note = widgets.HTML(f"<small>Files uploaded here are saved in {html.escape(folder)}; "
                        f"they can be chosen the next time a file is chosen.</small>")

    def save(change):
        for item in upload.value:
            target = Path(folder) / Path(item["name"]).name
            target.write_bytes(bytes(item["content"]))
            note.value = f"<small>Saved {html.escape(str(target))}.</small>"

    upload.observe(save, names="value")
    session.display_widget(widgets.HBox([upload, note]))


def answer_choose_file(session, folder, title):
    """Notebook ``ChooseFile``: a file of the folder, by number or name."""
    _offer_upload(session, os.path.abspath(folder if os.path.isdir(folder) else os.getcwd()))
    path = _browse(session, title, folder, _file_to_open)
    return {} if path is None else {"path": path}


def answer_choose_folder(session, folder, title):
    """Notebook ``ChooseFolder``: a folder by number or name (``.`` for the one listed)."""
    def choose(path, written):
        if written == "..":
            return ("folder", path)
        if os.path.isdir(path):
            return ("answer", path)
        raise ValueError(f"There is no folder “{written}” here: type one of the numbers, "
                         f". for this folder, or the name of a folder that exists.")

    choose.folders_only = True
    choose.question = f"Type a folder's number or name (. for this one, .. goes up; " \
                      f"{CANCEL_HINT}): "
    path = _browse(session, title, folder, choose)
    return {} if path is None else {"path": path}


def answer_choose_save_filename(session, folder, title, name):
    """Notebook ``ChooseSaveFilename``: a file name typed; replacing a file asks first."""
    start = os.path.abspath(folder if os.path.isdir(folder) else os.getcwd())
    example = name or "picture.png"

    def read(text):
        written = text.strip()
        if not written:
            return None
        path = os.path.normpath(os.path.join(start, os.path.expanduser(written)))
        if os.path.isdir(path):
            raise ValueError(f"“{written}” is a folder: type a file name, such as {example}.")
        if not os.path.isdir(os.path.dirname(path)):
            raise ValueError(f"There is no folder {os.path.dirname(path)} to save in: type a "
                             f"file name, such as {example}, or a path in a folder that "
                             f"exists.")
        return path

    while True:
        path = session.ask(f"{title}: type a file name, such as {example} (it is saved in "
                           f"{start}; {CANCEL_HINT}): ", read)
        if path is None or not os.path.exists(path):
            break
        if session.ask(f"{os.path.basename(path)} already exists. Replace it? (y/n) ",
                       _read_replace):
            break
    return {} if path is None else {"path": path}


def _read_replace(text):
    written = text.strip().lower()
    if written in ("y", "yes"):
        return True
    if written in ("", "n", "no"):
        return False
    raise ValueError(f"“{text.strip()}” is not an answer here: type y to replace the file, "
                     f"or n to type another name.")


def read_color(text):
    """The colour typed, as (red, green, blue): a name, #rrggbb, or three numbers.

    Nothing typed gives None (Cancel); anything else a ValueError saying
    what to type.
    """
    written = text.strip()
    if not written:
        return None
    named = NAMED_COLORS.get(written.lower().replace(" ", ""))
    if named is not None:
        return named.get_rgb()
    how = ("type a colour's name (such as orange), #ff8000, or red, green and blue "
           "from 0 to 255 (such as 255, 128, 0)")
    if written.startswith("#"):
        digits = written[1:]
        if len(digits) == 6 and all(digit in "0123456789abcdefABCDEF" for digit in digits):
            return tuple(int(digits[at:at + 2], 16) for at in (0, 2, 4))
        raise ValueError(f"“{written}” is not a colour: after # come six digits 0-9 or "
                         f"letters a-f; {how}.")
    parts = written.replace(",", " ").split()
    if len(parts) == 3 and all(part.isdigit() for part in parts):
        values = tuple(int(part) for part in parts)
        if all(0 <= value <= 255 for value in values):
            return values
        raise ValueError(f"“{written}”: red, green and blue each go from 0 to 255; {how}.")
    raise ValueError(f"“{written}” is not a colour PyGraphics knows: {how}.")


def _swatch(rgb, label):
    red, green, blue = rgb
    return (f'<span style="display:inline-block;margin:0 0.6em 0.3em 0">'
            f'<span style="display:inline-block;width:1.2em;height:1.2em;vertical-align:middle;'
            f'border:1px solid #888;background:rgb({red},{green},{blue})"></span> '
            f"<code>{html.escape(label)}</code></span>")


def answer_choose_color(session, red, green, blue, title):
    """Notebook ``ChooseColor``: the colour typed, shown with examples to start from."""
    examples = "".join(_swatch(NAMED_COLORS[name].get_rgb(), name) for name in EXAMPLE_COLORS)
    session.display(session.html(
        f"<div><strong>{html.escape(title)}</strong> — starting from "
        f"{_swatch((red, green, blue), f'{red}, {green}, {blue}')}<br>{examples}</div>",
        plain=f"{title} (starting from {red}, {green}, {blue})"))
    chosen = session.ask(f"Type a colour: a name such as orange, #ff8000, or 255, 128, 0 "
                         f"({CANCEL_HINT}): ", read_color)
    return {} if chosen is None else dict(zip(("red", "green", "blue"), chosen))


#: For the ``pygraphics_notebook_responders`` hook.
NOTEBOOK_RESPONDERS = {
    ChooseFile: answer_choose_file,
    ChooseSaveFilename: answer_choose_save_filename,
    ChooseFolder: answer_choose_folder,
    ChooseColor: answer_choose_color,
}
