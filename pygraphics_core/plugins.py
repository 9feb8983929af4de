"""Finding, loading and asking the installed PyGraphics plugins.

Plugins are distributions that declare an entry point in the group
``pygraphics`` (see :mod:`pygraphics_core.hookspecs` for the hooks they
implement). Each process has one :class:`PluginRegistry`, made when
something first needs it (:func:`registry`): ``import media`` in the
student's process, the GUI process as it starts, ``pygraphics plugins`` on
the command line. The registry holds a ``pluggy.PluginManager`` with the
hook specifications, loads every entry point of the group through
``importlib.metadata``, registers each plugin with the manager, and calls
the hooks through it.

What PyGraphics adds to pluggy is isolation and reports that name the
plugin. Each plugin is loaded, registered and asked in its own guard: one
that fails to import, that pluggy refuses, whose hook raises (any
exception, ``SystemExit`` included; ``KeyboardInterrupt`` still stops the
program), or that claims a name another plugin claims, becomes a
:class:`PluginProblem` naming it and the cause. It is shown once as a
:class:`PluginWarning` and kept in :attr:`PluginRegistry.problems` for
``pygraphics plugins`` to list; the other plugins keep working.
"""

from __future__ import annotations

import warnings

import pluggy

from pygraphics_core import hookspecs

# typing is for type checkers only: import media imports this module.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType
    from typing import Any, Callable, Iterable

#: The standard media functions and the distribution that provides each,
#: so that a student who calls one without its plugin is told what to install.
STANDARD_FUNCTIONS = {
    **dict.fromkeys(["show", "inspect", "update", "close", "close_inspect", "is_shown"],
                    "pygraphics-show"),
    "say": "pygraphics-say",
    **dict.fromkeys(
        ["choose_file", "choose_save_filename", "choose_folder", "choose_color"],
        "pygraphics-pickers",
    ),
    **dict.fromkeys(
        ["ask", "ask_number", "ask_integer", "ask_yes_no", "ask_choice", "ask_choices",
         "ask_password", "show_information", "show_warning", "show_error"],
        "pygraphics-ask",
    ),
    **dict.fromkeys(
        ["play", "blocking_play", "play_in_range", "play_at_rate", "stop", "inspect_sound"],
        "pygraphics-sound",
    ),
}


class PluginWarning(UserWarning):
    """A plugin could not be loaded or used; the other plugins still work."""


class PluginClashError(RuntimeError):
    """A name was used that two plugins both give, so that neither gets it.

    See :ref:`clash-rule`: the message names the plugins and what to do.
    """


class Plugin:
    """One installed plugin: an entry point of the group ``pygraphics``.

    ``name`` is the entry point's name (``say``), ``module_name`` what it
    names (``pygraphics_say.plugin``), ``distribution`` and ``version``
    those of the distribution that declares it (``pygraphics-say``).
    ``module`` is the loaded plugin object, registered with pluggy (None
    if it could not be); ``failure`` says why it could not be (None if it
    loaded).
    """

    def __init__(self, name: str, module_name: str, distribution: str, version: str):
        self.name = name
        self.module_name = module_name
        self.distribution = distribution
        self.version = version
        self.module: Any = None
        self.failure: str | None = None

    def __repr__(self) -> str:
        return f"<Plugin {self.distribution} {self.version}: {self.name} = {self.module_name}>"

    @property
    def key(self) -> str:
        """The name the plugin is registered under with pluggy: ``pygraphics-say:say``."""
        return f"{self.distribution}:{self.name}"

    @property
    def label(self) -> str:
        """How messages name the plugin: distribution and entry point."""
        return f"'{self.distribution}' (entry point '{self.name} = {self.module_name}')"


class PluginProblem:
    """Something that went wrong with one plugin (or between plugins), in words for its author.

    ``distribution`` is the plugin at fault; ``others`` the other plugins
    involved (in a clash); ``message`` names them all and the cause.
    """

    def __init__(self, distribution: str, message: str, others: Iterable[str] = ()):
        self.distribution = distribution
        self.others = tuple(others)
        self.message = message

    def __repr__(self) -> str:
        return f"PluginProblem({self.distribution!r}, {self.message!r})"

    def __str__(self) -> str:
        return self.message


def describe_exception(error: BaseException) -> str:
    """Say what an exception was in one line: ``ModuleNotFoundError: No module named 'x'``."""
    if isinstance(error, SystemExit):
        return f"SystemExit({error.code!r}) (it called exit())"
    text = "; ".join(line.strip() for line in str(error).splitlines() if line.strip())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _entry_points(search_path: Iterable[str] | None) -> list:
    """The entry points of the group ``pygraphics``, one per distribution and name.

    From every installed distribution, or only those in the folders of
    ``search_path`` (as tests do).
    """
    import importlib.metadata

    group = hookspecs.PROJECT_NAME
    if search_path is None:
        return list(importlib.metadata.entry_points(group=group))
    found = []
    seen = set()
    for distribution in importlib.metadata.distributions(path=list(search_path)):
        # A distribution seen twice on the path is one plugin: the first
        # one wins, as it would for an import (importlib.metadata's rule).
        name = (distribution.metadata["Name"] or "").lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        found.extend(distribution.entry_points.select(group=group))
    return found


class NameClaims:
    """Every plugin's claims on the names of one kind, settled by one rule.

    The rule (:ref:`clash-rule`): a name of PyGraphics itself stays its
    own, and a name that two or more plugins give belongs to none of them.
    What is settled depends on who claims what, never on the order of the
    claims.
    """

    def __init__(self, kind: str, own_names: Iterable[str] = (), verb: str = "give"):
        #: What the names are, for messages: "media function", "command"...
        self.kind = kind
        #: What a plugin does with such a name, for messages: "give", "answer".
        self.verb = verb
        self.own_names = frozenset(own_names)
        self._claims: dict[str, list[tuple[Plugin, Any]]] = {}

    def add(self, plugin: Plugin, name: str, value: Any) -> None:
        """Record that ``plugin`` gives ``name`` the value ``value``."""
        claims = self._claims.setdefault(name, [])
        if not any(claimant is plugin and given is value for claimant, given in claims):
            claims.append((plugin, value))

    def settle(self, registry: PluginRegistry) -> tuple[dict[str, tuple[Plugin, Any]],
                                                        dict[str, str]]:
        """Apply the rule; report each clash through ``registry``.

        Returns the names each plugin gets (``{name: (plugin, value)}``)
        and, for each name that no plugin gets because several gave it,
        the message that explains it (``{name: message}``).
        """
        granted: dict[str, tuple[Plugin, Any]] = {}
        refused: dict[str, str] = {}
        for name in sorted(self._claims):
            claims = sorted(self._claims[name], key=lambda claim: claim[0].key)
            claimants = list({plugin.key: plugin for plugin, _ in claims}.values())
            the = f"the {self.kind} '{name}'"
            if name in self.own_names:
                for plugin in claimants:
                    registry.report(plugin, f"The PyGraphics plugin {plugin.label} "
                                            f"{self.verb}s {the}, but '{name}' is PyGraphics's "
                                            f"own, and stays so. Give the plugin's "
                                            f"{self.kind} another name.")
                continue
            values = list({id(value): value for _, value in claims}.values())
            if len(values) == 1:
                granted[name] = claims[0]
                continue
            if len(claimants) == 1:
                why = (f"The PyGraphics plugin {claimants[0].label} {self.verb}s {the} "
                       f"{len(values)} times over, so none of them is used. Keep one.")
            else:
                names = " and ".join(plugin.label for plugin in claimants)
                why = (f"The PyGraphics plugins {names} all {self.verb} {the}, so none of "
                       f"them does. Uninstall all but one of these plugins.")
            registry.report(claimants[0], why, others=claimants[1:])
            refused[name] = why
        return granted, refused


class PluginRegistry:
    """The plugins of one process: found, loaded once, and asked for hooks.

    ``PluginRegistry()`` loads every plugin installed; pass ``search_path``
    (a list of folders) to look only there, as tests do. Loading happens
    here, at once: each entry point is loaded and registered with
    :attr:`manager` in order of distribution name, so that the result does
    not depend on the order the plugins were installed in.
    """

    def __init__(self, search_path: Iterable[str] | None = None):
        #: This process's ``pluggy.PluginManager`` (project ``pygraphics``).
        self.manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.manager.add_hookspecs(hookspecs)
        #: Every problem found so far, in the order found.
        self.problems: list[PluginProblem] = []
        self._commands: tuple[dict[str, tuple[Plugin, Any]], dict[str, str]] | None = None
        self._media_functions: tuple[dict[str, tuple[Plugin, Any]],
                                     dict[str, str]] | None = None
        #: Every installed plugin, in the order of their distributions'
        #: names: loaded, or with the reason it could not be.
        self.plugins: list[Plugin] = []
        for entry_point in sorted(_entry_points(search_path),
                                  key=lambda entry: (_distribution_name(entry).lower(),
                                                     entry.name)):
            plugin = Plugin(entry_point.name, entry_point.value,
                            _distribution_name(entry_point),
                            getattr(entry_point.dist, "version", "") or "")
            self.plugins.append(plugin)
            self._load(plugin, entry_point)

    # -- loading ---------------------------------------------------------------

    def _load(self, plugin: Plugin, entry_point: Any) -> None:
        try:
            module = entry_point.load()
        except KeyboardInterrupt:
            raise
        except BaseException as error:
            from pygraphics_core.plugin_installs import reinstall_hint

            # An entry point that names a module no longer there: the plugin
            # changed since pip installed it, which only reinstalling fixes.
            hint = reinstall_hint(plugin.distribution, plugin.module_name, error)
            self._fail(plugin, f"could not be imported: {describe_exception(error)}"
                               f"{'.' + hint if hint else ''}")
            return
        try:
            self.manager.register(module, name=plugin.key)
            # Now, not for every plugin at the end: a hook without a
            # specification (a misspelt name) is this plugin's mistake.
            self.manager.check_pending()
        except KeyboardInterrupt:
            raise
        except BaseException as error:
            if self.manager.is_registered(module):
                self.manager.unregister(module)
            hint = ""
            if isinstance(error, pluggy.PluginValidationError):
                hint = f" (the hooks of PyGraphics are {', '.join(hookspecs.HOOK_NAMES)})"
            self._fail(plugin, f"was refused by pluggy: {describe_exception(error)}{hint}")
            return
        plugin.module = module

    def _fail(self, plugin: Plugin, what: str) -> None:
        plugin.failure = what
        self.report(plugin, f"The PyGraphics plugin {plugin.label} {what}")

    def report(self, plugin: Plugin | None, message: str, others: Iterable[Plugin] = ()) -> None:
        """Record a problem with a plugin (and ``others`` involved) and warn about it once."""
        distribution = plugin.distribution if plugin is not None else "pygraphics"
        problem = PluginProblem(distribution, message,
                                [other.distribution for other in others])
        self.problems.append(problem)
        # Point the warning at the plugin, not at this line of PyGraphics,
        # which would tell its reader nothing.
        warnings.warn_explicit(PluginWarning(message), PluginWarning,
                               filename=f"<plugin {distribution}>", lineno=0)

    def plugin_named(self, distribution: str) -> Plugin | None:
        """Return the plugin of that distribution, or None if it is not installed."""
        wanted = _normalized(distribution)
        for plugin in self.plugins:
            if _normalized(plugin.distribution) == wanted:
                return plugin
        return None

    # -- asking the hooks -------------------------------------------------------

    def call_each(self, hook_name: str) -> list[tuple[Plugin, Any]]:
        """Call one hook in every plugin, each on its own, keeping the answers apart.

        Each plugin's implementations are called through pluggy
        (``PluginManager.subset_hook_caller`` with the other plugins left
        out). A plugin whose hook raises is reported and left out; the
        others still answer. Returns ``(plugin, answer)`` pairs in plugin
        order; an implementation that returned None gives no pair.
        """
        caller = getattr(self.manager.hook, hook_name)
        implementers = {implementation.plugin_name for implementation in caller.get_hookimpls()}
        loaded = [plugin for plugin in self.plugins if plugin.module is not None]
        answers = []
        for plugin in loaded:
            if plugin.key not in implementers:
                continue
            others = [other.module for other in loaded if other is not plugin]
            try:
                results = self.manager.subset_hook_caller(hook_name, others)()
            except KeyboardInterrupt:
                raise
            except BaseException as error:
                self.report(plugin, f"The hook {hook_name}() of the PyGraphics plugin "
                                    f"{plugin.label} raised {describe_exception(error)}")
                continue
            answers.extend((plugin, answer) for answer in results)
        return answers

    def listed_answers(self, hook_name: str) -> list[tuple[Plugin, Any]]:
        """:meth:`call_each` for a hook that returns a list: ``(plugin, item)`` for each item."""
        items = []
        for plugin, answer in self.call_each(hook_name):
            if isinstance(answer, (list, tuple)):
                items.extend((plugin, item) for item in answer)
            else:
                self.report(plugin, f"The hook {hook_name}() of the PyGraphics plugin "
                                    f"{plugin.label} returned {type(answer).__name__}; it "
                                    f"must return a list")
        return items

    def dict_answers(self, hook_name: str, what: str) -> list[tuple[Plugin, dict]]:
        """:meth:`call_each` for a hook that returns a dict; other answers are reported.

        ``what`` says what the dict maps, for the report: ``"name -> function"``.
        """
        answers = []
        for plugin, answer in self.call_each(hook_name):
            if isinstance(answer, dict):
                answers.append((plugin, answer))
            else:
                self.report(plugin, f"The hook {hook_name}() of the PyGraphics plugin "
                                    f"{plugin.label} returned {type(answer).__name__}, not a "
                                    f"dict of {what}")
        return answers

    # -- what plugins give, settled by the clash rule ----------------------------

    def _settled_commands(self) -> tuple[dict[str, tuple[Plugin, Any]], dict[str, str]]:
        if self._commands is None:
            from pygraphics_core.core_commands import CORE_COMMANDS

            claims = NameClaims("command", own_names=CORE_COMMANDS)
            for plugin, command in self.listed_answers("pygraphics_commands"):
                name = getattr(command, "commandName", None)
                if not isinstance(name, str):
                    self.report(plugin, f"The hook pygraphics_commands() of the PyGraphics "
                                        f"plugin {plugin.label} returned {command!r}, which "
                                        f"is not an AMP command class")
                    continue
                claims.add(plugin, name, command)
            self._commands = claims.settle(self)
        return self._commands

    def commands(self) -> dict[str, Any]:
        """Return every plugin's AMP commands by command name (``{'Say': Say}``)."""
        return {name: command for name, (_, command) in self._settled_commands()[0].items()}

    def command_owner(self, name: str) -> Plugin | None:
        """Return the plugin that defines the command ``name`` (None if none does)."""
        owner = self._settled_commands()[0].get(name)
        return owner[0] if owner is not None else None

    def command_clash(self, name: str) -> str | None:
        """Say why no plugin has the command ``name`` if several give it; else None."""
        return self._settled_commands()[1].get(name)

    def _settled_media_functions(self) -> tuple[dict[str, tuple[Plugin, Any]], dict[str, str]]:
        if self._media_functions is None:
            claims = NameClaims("media function")
            for plugin, answer in self.dict_answers("pygraphics_media_functions",
                                                    "name -> function"):
                for name, function in answer.items():
                    if not callable(function):
                        self.report(plugin, f"The PyGraphics plugin {plugin.label} gives "
                                            f"media.{name} = {function!r}, which is not a "
                                            f"function")
                    elif not (isinstance(name, str) and name.isidentifier()):
                        self.report(plugin, f"The PyGraphics plugin {plugin.label} gives the "
                                            f"media function {name!r}, which is not a name "
                                            f"Python code can write after media.: use "
                                            f"letters, digits and _.")
                    else:
                        claims.add(plugin, name, function)
            self._media_functions = claims.settle(self)
        return self._media_functions

    def media_functions(self) -> dict[str, Callable]:
        """Return the functions plugins add to ``media``, by name."""
        return {name: function
                for name, (_, function) in self._settled_media_functions()[0].items()}

    def function_owner(self, name: str) -> Plugin | None:
        """Return the plugin that adds ``media.<name>`` (None if none does)."""
        owner = self._settled_media_functions()[0].get(name)
        return owner[0] if owner is not None else None

    def function_clash(self, name: str) -> str | None:
        """Say why no plugin has ``media.<name>`` if several give it; else None."""
        return self._settled_media_functions()[1].get(name)

    def media_function_clashes(self) -> dict[str, str]:
        """Every name several plugins give to ``media``, with the message that explains it."""
        return dict(self._settled_media_functions()[1])

    def backends(self) -> list[tuple[Plugin, type]]:
        """Return ``(plugin, backend_class)`` for every backend plugins give (GUI process)."""
        return self.listed_answers("pygraphics_backends")


def _distribution_name(entry_point: Any) -> str:
    distribution = getattr(entry_point, "dist", None)
    name = getattr(distribution, "name", None) if distribution is not None else None
    return name or "(unnamed distribution)"


def _normalized(distribution: str) -> str:
    return distribution.lower().replace("_", "-").replace(".", "-")


_registry: PluginRegistry | None = None


def registry() -> PluginRegistry:
    """Return this process's plugin registry, made (and its plugins loaded) on first use."""
    global _registry
    if _registry is None:
        _registry = PluginRegistry()
    return _registry


def media_function(name: str) -> Callable:
    """Return the function a plugin adds to ``media`` as ``name``.

    Raises AttributeError when no plugin gives ``name``; for a standard
    name (``show``, ``say``, ``choose_file``...) the message says which
    distribution to install (see :func:`missing_function_message`).
    Raises :class:`PluginClashError` when several plugins give it.
    """
    plugins = registry()
    function = plugins.media_functions().get(name)
    if function is not None:
        return function
    clash = plugins.function_clash(name)
    if clash is not None:
        raise PluginClashError(_clash_for_students(name, clash))
    raise AttributeError(missing_function_message(name) or
                         f"module 'media' has no attribute '{name}'", name=name)


def _clash_for_students(name: str, clash: str) -> str:
    return f"media.{name} cannot be used: {clash}"


def missing_function_message(name: str) -> str | None:
    """Say which distribution to install for the standard media function ``name``.

    None if ``name`` is no standard function, or its plugin gives it.
    """
    distribution = STANDARD_FUNCTIONS.get(name)
    if distribution is None or name in registry().media_functions():
        return None
    installed = registry().plugin_named(distribution)
    if installed is not None and installed.failure is not None:
        return (f"media has no function '{name}': it comes with the plugin '{distribution}', "
                f"which is installed but {installed.failure}. Reinstall it with: "
                f"pip install --force-reinstall {distribution}")
    return (f"media has no function '{name}': it comes with the plugin '{distribution}'. "
            f"Install it with: pip install {distribution}")


def add_media_functions(namespace: dict[str, Any]) -> None:
    """Put the plugins' functions into ``media`` (``namespace`` is its globals()).

    ``import media`` calls this once, at its end. Binding the functions
    then, rather than looking them up in a module ``__getattr__`` on first
    use, keeps ``media`` an ordinary module, whose attributes Python looks
    up fastest: a pixel loop reads ``media.get_red`` millions of times (and
    CPython does not specialise attribute lookups on a module that has a
    ``__getattr__``).

    A plugin function with a name ``media`` already has is reported, and
    ``media``'s own keeps the name. A name two plugins give, and each
    standard function whose plugin is missing (or broken), becomes a
    function that says, when called, what is wrong and what to do; its
    docstring says so too, for ``help()``. Every name added goes into
    ``media.__all__`` (made from ``media``'s public names if it has none),
    so that ``help(media)`` and ``from media import *`` show them.
    """
    plugins = registry()
    own_names = {name for name in namespace if not name.startswith("_")}
    exported = namespace.get("__all__")
    if exported is None:
        from types import ModuleType

        exported = sorted(name for name in own_names
                          if not isinstance(namespace[name], ModuleType))
    exported = list(exported)
    claims = NameClaims("media function", own_names=own_names)
    for name, function in plugins.media_functions().items():
        claims.add(plugins.function_owner(name), name, function)
    added = {name: function for name, (_, function) in claims.settle(plugins)[0].items()}
    for name in STANDARD_FUNCTIONS:
        if name not in added and name not in own_names:
            added[name] = _unavailable_function(name)
    from pygraphics_core.course_functions import course_functions

    # The functions a course says its labs use (pygraphics-course.cfg).
    for name, declared in course_functions().items():
        if name not in added and name not in own_names:
            installed = plugins.plugin_named(declared.distribution)
            failure = installed.failure if installed is not None else None
            added[name] = _unavailable_function(name, declared.missing_message(failure))
    for name in plugins.media_function_clashes():
        if name not in added and name not in own_names:
            added[name] = _unavailable_function(name)
    namespace.update(added)
    exported += sorted(name for name in added if name not in exported)
    namespace["__all__"] = exported


def _unavailable_function(name: str, missing: str | None = None) -> Callable:
    """A stand-in for ``media.<name>`` that says why it cannot be used, and what to do.

    ``missing`` says what to do when no plugin gives ``name`` (by default,
    which standard plugin to install).
    """
    clash = registry().function_clash(name)
    if clash is not None:
        error, message = PluginClashError, _clash_for_students(name, clash)
    else:
        error, message = AttributeError, missing or missing_function_message(name)

    def unavailable(*args: Any, **kwargs: Any) -> Any:
        if error is AttributeError:
            raise AttributeError(message, name=name)
        raise error(message)

    unavailable.__name__ = unavailable.__qualname__ = name
    unavailable.__doc__ = message
    return unavailable


def media_function_names() -> list[str]:
    """Return the names that installed plugins add to ``media``, sorted."""
    return sorted(registry().media_functions())
