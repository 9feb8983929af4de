"""The hooks a PyGraphics plugin can implement.

A plugin is a module, found through the entry-point group ``pygraphics``,
whose functions are marked with :data:`hookimpl` and named after the hooks
below. A plugin implements only the hooks it needs. The smallest useful
plugin (the ``say`` plugin) implements all three::

    from pygraphics_core import hookimpl

    @hookimpl
    def pygraphics_commands():
        from pygraphics_say.commands import Say
        return [Say]

    @hookimpl
    def pygraphics_backends():
        from pygraphics_say.backend import SayBackend   # imports Tk: GUI side only
        return [SayBackend]

    @hookimpl
    def pygraphics_media_functions():
        from pygraphics_say.front_end import say
        return {"say": say}

and declares, in its ``setup.cfg``::

    [options.entry_points]
    pygraphics =
        say = pygraphics_say.plugin

Keep the plugin module, and the module of the functions it adds to
``media``, cheap to import: ``import media`` loads both in every student's
program. Import heavy things (Tk above all) inside the hook functions and
in the GUI process's modules.

These are pluggy's hook specifications: :data:`hookspec` and
:data:`hookimpl` are ``pluggy.HookspecMarker("pygraphics")`` and
``pluggy.HookimplMarker("pygraphics")``, so a plugin may just as well write
``hookimpl = pluggy.HookimplMarker("pygraphics")`` itself. Each process
has one ``pluggy.PluginManager`` (see :mod:`pygraphics_core.plugins`),
which loads every entry point of the group ``pygraphics`` and calls the
hooks. Every hook takes no arguments; PyGraphics asks each plugin on its
own (through ``PluginManager.subset_hook_caller``), so that one plugin's
mistake is reported with its name and never costs the others their
answers.

.. _clash-rule:

Who gets a name
---------------

Plugins give names: ``media`` functions, AMP command names, the commands
their backends and headless responders answer. One rule settles every
name, the same in the student's process, the GUI process and
``pygraphics plugins``, whatever order plugins were installed, loaded or
called in:

* a name of PyGraphics itself (a function or colour of ``media``, such as
  ``crop`` or ``red``; the commands ``Hello``, ``Ping``, ``Goodbye`` and
  ``Output``) stays PyGraphics's own: a plugin that gives it is reported,
  and its claim is ignored;
* a name that two or more plugins give belongs to **none** of them: each
  is reported, naming the others, and using the name (``media.show()``,
  sending the command) raises :class:`pygraphics_core.plugins.PluginClashError`
  with the same explanation. Uninstall one of the plugins, or rename.

``pygraphics plugins`` lists every such problem and exits with status 1.
"""

import pluggy

#: The name that ties hook specifications and implementations together (as
#: pluggy's project name); it is also the entry-point group plugins declare.
PROJECT_NAME = "pygraphics"

#: Marks the hook specifications below (``pluggy.HookspecMarker("pygraphics")``).
hookspec = pluggy.HookspecMarker(PROJECT_NAME)

#: Marks a plugin's implementation of a hook: ``@hookimpl def pygraphics_commands(): ...``
#: (``pluggy.HookimplMarker("pygraphics")``).
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def pygraphics_commands():
    """Return the AMP command classes this plugin defines.

    Return a list of :class:`pygraphics_core.amp.Command` subclasses, for
    example ``[Say]``. Both processes use them: the student's process to
    send them, and ``pygraphics call <Command> ...`` to find a command by
    its name. Each command name (``Command.commandName``, by default the
    class name) must belong to one plugin only: when two plugins claim
    the same name, both are reported and neither gets the name (see
    :ref:`clash-rule`).

    Called in the student's process and in the GUI process; must not
    import Tk.
    """


@hookspec
def pygraphics_backends():
    """Return the backend classes that answer this plugin's commands.

    Return a list of :class:`pygraphics_gui.ProtocolBackend` subclasses.
    When the student's process connects, the GUI process calls this hook
    in every plugin, makes one instance of each class (with no arguments)
    and registers all their responders with the connection, before it
    answers the first command. A backend whose hook, constructor or
    registration fails (with any exception, ``SystemExit`` included) is
    reported with the plugin's name; the other plugins keep working. Each
    command is answered by one backend: when backends of two plugins
    answer the same command, neither does (see :ref:`clash-rule`).

    Called in the GUI process only: import ``tkinter`` and
    ``pygraphics_gui`` inside this function, never at the top of the
    plugin module, so that the student's process never loads Tk.
    """


@hookspec
def pygraphics_media_functions():
    """Return the functions this plugin adds to :mod:`media`.

    Return a dict mapping a name to a function, for example
    ``{"say": say}``; a student then calls ``media.say("Hello")``. Give
    each function a docstring written for a student in their first month
    of programming: ``help(media.say)`` shows it.

    Called in the student's process, by ``import media``, which puts the
    functions into ``media``: the module that defines them is imported
    with it, so keep that module light (no Tk, no large libraries at its
    top). A name that ``media`` already has (``get_pixel``, ``crop``,
    ``red``...) stays ``media``'s own, and the clash is reported; so is a
    name that two plugins give (see :ref:`clash-rule`).
    """


@hookspec
def pygraphics_headless_responders():
    """Return functions that answer this plugin's commands in headless mode.

    Return a dict mapping a command class to a function, for example
    ``{AskNumber: answer_ask_number}``. In headless mode (autograders: no
    screen, see :mod:`pygraphics_core.headless`) no GUI process starts;
    when the student's code sends one of these commands, PyGraphics calls
    ``function(session, **arguments)`` in the student's process instead
    and uses the dict it returns as the command's response. ``session`` is
    the :class:`pygraphics_core.headless.HeadlessSession`:

    * ``session.next_answer("ask_number", prompt)`` returns the grader's
      next prepared answer for that media function (and raises a clear
      error when none is left): use it for a dialog;
    * ``session.record("show", picture=image, text=title)`` records what
      would have been shown (a copy of the picture is kept): use it for a
      window.

    Two plugins answering the same command: neither does (see
    :ref:`clash-rule`). A command with no headless responder is recorded
    with its arguments and answered with an empty response when its
    ``response`` is empty; one that needs an answer fails with an error
    naming the command.

    Called in the student's process; must not import Tk.
    """


@hookspec
def pygraphics_notebook_responders():
    """Return functions that answer this plugin's commands in a notebook with no screen.

    Return a dict mapping a command class to a function, for example
    ``{ColourMixer: answer_colour_mixer}``. In notebook mode (Jupyter,
    JupyterHub, Colab or VS Code with no screen where the kernel runs: see
    :mod:`pygraphics_core.notebook`) no GUI process starts; when the
    student's code sends one of these commands, PyGraphics calls
    ``function(session, **arguments)`` in the student's process instead
    and uses the dict it returns as the command's response. ``session`` is
    the :class:`pygraphics_core.notebook.NotebookSession`, which renders
    into the running cell's output rather than recording:

    * ``session.display(content)`` puts a picture (a Pillow image or a
      media Picture), text, or HTML (``session.html(...)``) in the output
      and returns a :class:`~pygraphics_core.notebook.NotebookOutput`,
      whose ``update(content)`` redraws it in place;
    * ``session.ask(prompt, read)`` reads a line the person types in the
      notebook and gives it to ``read``, which returns the answer or
      raises ``ValueError`` with a message for the person (who is then
      asked again): use it for a dialog.

    Two plugins answering the same command: neither does (see
    :ref:`clash-rule`). A command with no notebook responder shows a note
    naming its plugin and is answered with an empty response when its
    ``response`` is empty; one that needs an answer fails with an error
    naming the command and its plugin.

    Called in the student's process; must not import Tk.
    """


#: The names of the hooks above, in the order they are documented.
HOOK_NAMES = tuple(name for name, value in list(globals().items())
                   if hasattr(value, f"{PROJECT_NAME}_spec"))
