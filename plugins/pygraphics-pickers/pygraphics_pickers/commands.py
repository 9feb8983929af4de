"""The AMP commands of the pickers plugin (used by both processes).

Each picker answers with the chosen value, or with no value at all (the
optional response keys are left out) when the student cancels.  The folder
a file dialog starts in is chosen by the student's process, which
remembers the last folder used (see :mod:`pygraphics_pickers.front_end`).
"""

from pygraphics_core import amp


class ChooseFile(amp.Command):
    """Ask for an existing file; answer its path, or nothing if cancelled."""

    arguments = [("folder", amp.Unicode()), ("title", amp.Unicode())]
    response = [("path", amp.Unicode(optional=True))]


class ChooseSaveFilename(amp.Command):
    """Ask for a file name to save to; answer its path, or nothing if cancelled."""

    arguments = [("folder", amp.Unicode()), ("title", amp.Unicode()),
                 ("name", amp.Unicode())]
    response = [("path", amp.Unicode(optional=True))]


class ChooseFolder(amp.Command):
    """Ask for a folder; answer its path, or nothing if cancelled."""

    arguments = [("folder", amp.Unicode()), ("title", amp.Unicode())]
    response = [("path", amp.Unicode(optional=True))]


class ChooseColor(amp.Command):
    """Ask for a colour, starting from red, green, blue; answer it or nothing."""

    arguments = [("red", amp.Integer()), ("green", amp.Integer()),
                 ("blue", amp.Integer()), ("title", amp.Unicode())]
    response = [("red", amp.Integer(optional=True)),
                ("green", amp.Integer(optional=True)),
                ("blue", amp.Integer(optional=True))]


#: Every command of the plugin, for the plugin hook.
COMMANDS = [ChooseFile, ChooseSaveFilename, ChooseFolder, ChooseColor]
