"""The tools of PyGraphics that sit on top of :mod:`media`.

- :mod:`pygraphics_tools.cli`: the ``pygraphics`` command for course staff
  (``pygraphics plugins``, ``pygraphics call``, ``pygraphics new-plugin``);
- :mod:`pygraphics_tools.new_plugin`: writes a new plugin distribution;
- :mod:`pygraphics_tools.tour`: a first tour of PyGraphics for a new user
  (``python -m pygraphics_tools.tour``).

They use ``media`` as a student does (the core, below it, never imports
``media``), and the plugin template that :mod:`pygraphics_gui` holds.
"""
