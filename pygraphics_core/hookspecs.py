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

These are pluggy hook specifications. :data:`hookspec` and
:data:`hookimpl` mark functions exactly as pluggy's ``HookspecMarker`` and
``HookimplMarker`` do, so a pluggy ``PluginManager`` reads this module and
every plugin as they are (``pygraphics plugins`` checks each plugin that
way), and a plugin may use ``pluggy.HookimplMarker("pygraphics")`` instead
of :data:`hookimpl`. PyGraphics calls the hooks itself
(:mod:`pygraphics_core.plugins`), with the same checks, so that neither a
student's program nor the GUI process waits for pluggy to import: that
takes longer than all of ``import media``.
"""

#: The name that ties hook specifications and implementations together (as
#: pluggy's project name); it is also the entry-point group plugins declare.
PROJECT_NAME = "pygraphics"


class _Marker:
    """A decorator that marks functions with options, as pluggy's markers do."""

    def __init__(self, kind: str, defaults: dict):
        self.kind = kind
        self.attribute = f"{PROJECT_NAME}_{kind}"
        self._defaults = defaults

    def __repr__(self):
        return f"<{PROJECT_NAME} hook{self.kind} marker>"

    def __call__(self, function=None, **options):
        unknown = sorted(set(options) - set(self._defaults))
        if unknown:
            raise TypeError(f"hook{self.kind}() got unknown options {unknown}; it takes "
                            f"{sorted(self._defaults)}")

        def mark(function):
            setattr(function, self.attribute, {**self._defaults, **options})
            return function

        return mark if function is None else mark(function)


#: Marks the hook specifications below.
hookspec = _Marker("spec", {"firstresult": False, "historic": False, "warn_on_impl": None,
                            "warn_on_impl_args": None})

#: Marks a plugin's implementation of a hook: ``@hookimpl def pygraphics_commands(): ...``
hookimpl = _Marker("impl", {"wrapper": False, "hookwrapper": False, "optionalhook": False,
                            "tryfirst": False, "trylast": False, "specname": None})


@hookspec
def pygraphics_commands():
    """Return the AMP command classes this plugin defines.

    Return a list of :class:`pygraphics_core.amp.Command` subclasses, for
    example ``[Say]``. Both processes use them: the student's process to
    send them, and ``pygraphics call <Command> ...`` to find a command by
    its name. Each command name (``Command.commandName``, by default the
    class name) must belong to one plugin only: when two plugins claim
    the same name, both are reported and neither gets the name.

    Called in the student's process and in the GUI process; must not
    import Tk.
    """


@hookspec
def pygraphics_backends():
    """Return the backend classes that answer this plugin's commands.

    Return a list of :class:`pygraphics_gui.ProtocolBackend` subclasses.
    The GUI process calls this hook once, when the student's process
    connects, makes one instance of each class (with no arguments) and
    registers its responders with the connection. A backend whose
    registration fails is reported with the plugin's name; the other
    plugins keep working.

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
    top). A name that ``media`` already has (``get_pixel``...) stays
    ``media``'s own, and the clash is reported.
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

    A command with no headless responder is recorded with its arguments
    and answered with an empty response when its ``response`` is empty;
    one that needs an answer fails with an error naming the command.

    Called in the student's process; must not import Tk.
    """


#: The names of the hooks above, in the order they are documented.
HOOK_NAMES = tuple(name for name, value in list(globals().items())
                   if hasattr(value, hookspec.attribute))
