"""The ``sound`` plugin of PyGraphics: play sounds and look inside them.

Students call ``media.play(snd)`` (returns at once, the program goes on),
``media.blocking_play(snd)`` (returns when the sound has finished),
``media.play_in_range``, ``media.play_at_rate``, ``media.stop`` and
``media.inspect_sound``. The sound plays from the GUI process, with the
player each platform has: ``winsound`` on Windows, ``afplay`` on macOS,
``pw-play``, ``paplay`` or ``aplay`` on Linux (the environment variable
``PYGRAPHICS_SOUND_PLAYER`` names another). No extra dependency.

- :mod:`pygraphics_sound.commands`: the AMP commands (both processes);
- :mod:`pygraphics_sound.front_end`: what students call;
- :mod:`pygraphics_sound.players`: starting and watching player programs
  (GUI process);
- :mod:`pygraphics_sound.backend`: the GUI process's responders;
- :mod:`pygraphics_sound.inspector`: the sound inspector window;
- :mod:`pygraphics_sound.plugin`: the hooks (see ``setup.cfg``).
"""
