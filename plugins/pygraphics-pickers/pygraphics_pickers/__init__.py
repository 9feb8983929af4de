"""PyGraphics' pickers: ``media.choose_file``, ``choose_save_filename``,
``choose_folder`` and ``choose_color``, using Tk's own dialogs.

The student-facing functions are in :mod:`pygraphics_pickers.front_end`,
the AMP commands in :mod:`pygraphics_pickers.commands`, and the Tk side (GUI
process only) in :mod:`pygraphics_pickers.backend`.
"""
