"""PyGraphics' picture windows: ``media.show``, ``inspect``, ``update``, ``close``.

The student-facing functions are in :mod:`pygraphics_show.front_end`, the
AMP commands in :mod:`pygraphics_show.commands`, and the Tk side (GUI
process only) in :mod:`pygraphics_show.backend`,
:mod:`pygraphics_show.picture_view` and :mod:`pygraphics_show.inspector`.
"""
