"""pygraphics-ask: dialogs that ask (text, numbers, yes/no, choices, passwords) and message boxes.

Students call them through :mod:`media` once this distribution is installed:
``media.ask``, ``media.ask_number``, ``media.ask_integer``,
``media.ask_yes_no``, ``media.ask_choice``, ``media.ask_choices``,
``media.ask_password``, ``media.show_information``, ``media.show_warning``
and ``media.show_error``.
"""
