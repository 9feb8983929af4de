"""PyGraphics' picture windows: ``media.show``, ``inspect``, ``update``, ``close``.

The modules, by the process they run in:

- both: :mod:`~pygraphics_show.commands` (the AMP commands),
  :mod:`~pygraphics_show.picture_transfer` (how a picture's pixels travel)
  and :mod:`~pygraphics_show.plugin` (the hooks named by the entry point);
- the student's process: :mod:`~pygraphics_show.front_end` (what
  ``media`` gets) and :mod:`~pygraphics_show.headless_answers` (headless
  mode, for autograders);
- the GUI process (Tk): :mod:`~pygraphics_show.backend` (answers the
  commands), :mod:`~pygraphics_show.windows` (the two windows),
  :mod:`~pygraphics_show.inspector`, :mod:`~pygraphics_show.picture_view`
  and :mod:`~pygraphics_show.zoom_bar` (Tk widgets usable in any window)
  and :mod:`~pygraphics_show.zoom` (the arithmetic of zooming, without Tk).
"""
