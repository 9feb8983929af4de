"""How the pickers are answered in headless mode: from the grader's script.

``headless.enable(answers={"choose_file": ["cat.jpg"]})`` makes the next
``media.choose_file()`` return "cat.jpg"; None stands for Cancel.  For
``choose_color`` an answer is a Color, an ``(r, g, b)`` tuple, or None.
"""

from .commands import ChooseColor, ChooseFile, ChooseFolder, ChooseSaveFilename


def _path(function, command):
    """Return the answerer of a file or folder dialog (``function``, ``command``)."""

    def answer(session, title, **arguments):
        path = session.next_answer(function, title)
        session.record(function, command=command, text=title, answer=path,
                       arguments=dict(arguments, title=title))
        return {} if path is None else {"path": str(path)}

    return answer


def answer_choose_color(session, red, green, blue, title):
    """Answer ``media.choose_color`` with the grader's next colour (or None)."""
    chosen = session.next_answer("choose_color", title)
    session.record("choose_color", command="ChooseColor", text=title, answer=chosen,
                   arguments={"red": red, "green": green, "blue": blue, "title": title})
    if chosen is None:
        return {}
    if hasattr(chosen, "get_rgb"):
        chosen = chosen.get_rgb()
    return dict(zip(("red", "green", "blue"), chosen))


#: The hook's answer: each command and the function that answers it.
RESPONDERS = {
    ChooseFile: _path("choose_file", "ChooseFile"),
    ChooseSaveFilename: _path("choose_save_filename", "ChooseSaveFilename"),
    ChooseFolder: _path("choose_folder", "ChooseFolder"),
    ChooseColor: answer_choose_color,
}
