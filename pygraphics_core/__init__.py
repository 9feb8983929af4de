"""The core of PyGraphics: everything that runs in the student's process.

It holds the AMP protocol, the commands and plugin hooks, and the pictures,
colours and sounds that :mod:`media` hands to students. It never imports
Tk: windows live in the GUI process (:mod:`pygraphics_gui`) and in plugins.
"""
