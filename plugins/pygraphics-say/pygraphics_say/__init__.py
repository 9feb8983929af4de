"""The ``say`` plugin of PyGraphics: ``media.say(text)`` shows a message in a window.

The smallest complete plugin, and the model for new ones:

- :mod:`pygraphics_say.commands`: the AMP command ``Say`` (both processes);
- :mod:`pygraphics_say.front_end`: ``say(text)``, which students call as
  ``media.say``;
- :mod:`pygraphics_say.backend` and :mod:`pygraphics_say.window`: the GUI
  process's side, which opens the window;
- :mod:`pygraphics_say.plugin`: the hooks that tie them into PyGraphics,
  named by the entry point in ``setup.cfg``.
"""
