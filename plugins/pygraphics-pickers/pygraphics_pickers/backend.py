"""The GUI process's side of the pickers plugin."""

from pygraphics_gui import ProtocolBackend, appender

from .commands import ChooseColor, ChooseFile, ChooseFolder, ChooseSaveFilename

# Tk's dialogs are imported when a command first needs them: every plugin's
# backend is made when the student's program connects, before its first
# window, whichever plugin that is.


def _path_answer(path):
    return {} if path is None else {"path": path}


class PickersBackend(ProtocolBackend):
    """Opens Tk's file, folder and colour dialogs and answers what was chosen."""

    responders = []
    responder = appender(responders)

    @responder(ChooseFile)
    def choose_file(self, folder, title):
        """Run the Open dialog."""
        from . import dialogs

        return _path_answer(dialogs.choose_file(folder, title))

    @responder(ChooseSaveFilename)
    def choose_save_filename(self, folder, title, name):
        """Run the Save dialog."""
        from . import dialogs

        return _path_answer(dialogs.choose_save_filename(folder, title, name))

    @responder(ChooseFolder)
    def choose_folder(self, folder, title):
        """Run the folder dialog."""
        from . import dialogs

        return _path_answer(dialogs.choose_folder(folder, title))

    @responder(ChooseColor)
    def choose_color(self, red, green, blue, title):
        """Run the colour dialog."""
        from . import dialogs

        chosen = dialogs.choose_color((red, green, blue), title)
        if chosen is None:
            return {}
        return dict(zip(("red", "green", "blue"), chosen))
