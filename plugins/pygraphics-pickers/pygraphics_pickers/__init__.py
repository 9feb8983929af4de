"""PyGraphics' pickers: ``media.choose_file``, ``choose_save_filename``,
``choose_folder`` and ``choose_color``, in Tk's own dialogs.

The modules, by the process they run in:

- both: :mod:`~pygraphics_pickers.commands` (the AMP commands) and
  :mod:`~pygraphics_pickers.plugin` (the hooks named by the entry point);
- the student's process: :mod:`~pygraphics_pickers.front_end` (what
  ``media`` gets, and the folder used last) and
  :mod:`~pygraphics_pickers.headless_answers` (answers from a grader's
  script);
- the GUI process (Tk): :mod:`~pygraphics_pickers.backend` (answers the
  commands) and :mod:`~pygraphics_pickers.dialogs` (the Tk dialogs).
"""
