"""Finding, loading and asking the installed PyGraphics plugins.

Plugins are distributions that declare an entry point in the group
``pygraphics`` (see :mod:`pygraphics_core.hookspecs` for the hooks they
implement). They are loaded once per process, when something first needs
them: ``import media`` in the student's process (which binds the functions
plugins add to it, see :func:`add_media_functions`), the first connection
in the GUI process, ``pygraphics plugins`` on the command line.

A broken plugin never breaks the others. Each problem (a plugin that fails
to import, a hook that raises, two plugins that claim one name) becomes a
:class:`PluginProblem` naming the plugin and the cause; it is shown once as
a :class:`PluginWarning` and kept in :attr:`PluginRegistry.problems` for
``pygraphics plugins`` to list.

The hooks are pluggy's (see :mod:`pygraphics_core.hookspecs`), and this
module calls them itself: every hook of PyGraphics takes no arguments and
each plugin's answer is kept apart, so what a pluggy PluginManager would add
is its checks, which :func:`hook_implementations` makes too (an unknown hook
name, a hook that wants arguments, a wrapper), and its import time, which
would come before the first window. ``pygraphics plugins`` still checks each
plugin with a real pluggy PluginManager (:func:`check_with_pluggy`).
"""

from __future__ import annotations

import warnings
# typing and importlib.metadata are imported when needed, if at all, not
# with this module: import media imports it, and must stay fast (the
# annotations are never evaluated at run time).
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
        ["ask", "ask_number", "ask_integer", "ask_yes_no", "ask_choice", "ask_choices", "ask_password",
         "show_information", "show_warning", "show_error"],
        "pygraphics-ask",
    ),
    **dict.fromkeys(
        ["play", "blocking_play", "play_in_range", "play_at_rate", "stop", "inspect_sound"],
        "pygraphics-sound",
    ),
}


class PluginWarning(UserWarning):
    """A plugin could not be loaded or used; the other plugins still work."""


class Plugin:
    """One installed plugin: an entry point of the group ``pygraphics``.

    ``name`` is the entry point's name (``say``), ``module_name`` the module
    it names (``pygraphics_say.plugin``), ``distribution`` and ``version``
    those of the distribution that declares it (``pygraphics-say``).
    ``module`` is the imported module (None until loaded, or if it could not
    be); ``failure`` says why it could not be loaded (None if it loaded).
    """

    def __init__(self, name: str, module_name: str, distribution: str, version: str):
        self.name = name
        self.module_name = module_name
        self.distribution = distribution
        self.version = version
        self.module: ModuleType | None = None
        self.failure: str | None = None

    def __repr__(self) -> str:
        return f"<Plugin {self.distribution} {self.version}: {self.name} = {self.module_name}>"

    @property
    def label(self) -> str:
        """How messages name the plugin: distribution and entry point."""
        return f"'{self.distribution}' (entry point '{self.name} = {self.module_name}')"


class PluginProblem:
    """Something that went wrong with one plugin, in words for its author.

    ``distribution`` is the plugin at fault; ``message`` names it and the cause.
    """

    def __init__(self, distribution: str, message: str):
        self.distribution = distribution
        self.message = message

    def __repr__(self) -> str:
        return f"PluginProblem({self.distribution!r}, {self.message!r})"

    def __str__(self) -> str:
        return self.message


def _load_object(reference: str) -> Any:
    """Import what an entry point names: ``package.module`` or ``package.module:object.attr``.

    The same rule as ``importlib.metadata.EntryPoint.load``, without
    importing importlib.metadata (slow to import, and only the search needs it).
    """
    import importlib

    module_name, _, attributes = reference.partition(":")
    loaded = importlib.import_module(module_name.strip())
    for attribute in filter(None, attributes.strip().split(".")):
        loaded = getattr(loaded, attribute)
    return loaded


def hook_implementations(plugin_object: Any) -> tuple[dict[str, list[Callable]], list[str]]:
    """Find a plugin's hook functions: those marked with ``@hookimpl``.

    Returns the functions by hook name, and a list of what is wrong (each
    a phrase that completes "The PyGraphics plugin ... has a hook
    PyGraphics cannot use: "): a marked function that names no hook of
    :mod:`pygraphics_core.hookspecs`, one that needs arguments, or a
    wrapper. The same checks a pluggy PluginManager makes when it registers
    the plugin; a plugin with any such problem is not used at all.
    """
    from types import ModuleType

    from pygraphics_core.hookspecs import HOOK_NAMES, hookimpl

    if isinstance(plugin_object, ModuleType):  # a module: its own names only
        candidates = list(vars(plugin_object).items())
    else:
        candidates = []
        for attribute in dir(plugin_object):
            try:
                candidates.append((attribute, getattr(plugin_object, attribute)))
            except Exception:
                continue  # a property that fails is no hook
    found: dict[str, list[Callable]] = {}
    problems = []
    for attribute, value in candidates:
        try:
            options = getattr(value, hookimpl.attribute, None)
        except Exception:
            continue
        if not isinstance(options, dict) or not callable(value):
            continue  # not marked (or a stray attribute of that name)
        hook_name = options.get("specname") or attribute
        if hook_name not in HOOK_NAMES:
            if not options.get("optionalhook"):
                problems.append(f"{attribute}() is marked @hookimpl, but PyGraphics has no "
                                f"hook named {hook_name!r} (its hooks are "
                                f"{', '.join(HOOK_NAMES)})")
            continue
        if options.get("wrapper") or options.get("hookwrapper"):
            problems.append(f"{attribute}() is marked as a wrapper; the hooks of PyGraphics "
                            f"are plain functions")
            continue
        needed = _required_parameters(value)
        if needed:
            problems.append(f"{attribute}() needs the arguments {', '.join(needed)}, but "
                            f"the hook {hook_name}() is called with none")
            continue
        found.setdefault(hook_name, []).append(value)
    return found, problems


def _required_parameters(function: Any) -> list[str]:
    """The parameters ``function`` cannot be called without (read from its code object)."""
    plain = getattr(function, "__func__", function)  # a bound method's function
    code = getattr(plain, "__code__", None)
    if code is None:
        return []  # a builtin or a callable object: its call will tell
    names = code.co_varnames
    positional = names[:code.co_argcount]
    needed = list(positional[:len(positional) - len(plain.__defaults__ or ())])
    if plain is not function and needed:
        needed = needed[1:]  # a bound method: its first argument is given
    keyword_only = names[code.co_argcount:code.co_argcount + code.co_kwonlyargcount]
    needed += [name for name in keyword_only if name not in (plain.__kwdefaults__ or {})]
    return needed


def check_with_pluggy(registry: PluginRegistry) -> list[PluginProblem]:
    """Register every loaded plugin with a real pluggy PluginManager; return what pluggy refused.

    For ``pygraphics plugins``: a course-staff check that each plugin is
    what pluggy expects of an implementation of these hook
    specifications. Problems are also reported through ``registry``.
    """
    import pluggy

    from pygraphics_core import hookspecs

    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    refused = []
    for plugin in registry.plugins:
        if plugin.module is None:
            continue
        try:
            manager.register(plugin.module, name=f"{plugin.distribution}:{plugin.name}")
            manager.check_pending()
        except (pluggy.PluginValidationError, ValueError) as error:
            if manager.is_registered(plugin.module):
                manager.unregister(plugin.module)
            message = f"The PyGraphics plugin {plugin.label} is refused by pluggy: {error}"
            registry.report(plugin, message)
            refused.append(registry.problems[-1])
    return refused


def describe_exception(error: BaseException) -> str:
    """Say what an exception was in one line: ``ModuleNotFoundError: No module named 'x'``."""
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _entry_points_from_importlib(search_path: list[str] | None,
                                 group: str) -> list[tuple[str, str, str, str]]:
    """Return ``(distribution, version, entry point name, value)`` for ``group``, in search order."""
    import importlib.metadata

    if search_path is None:
        distributions = importlib.metadata.distributions()
    else:
        distributions = importlib.metadata.distributions(path=search_path)
    found = []
    for distribution in distributions:
        ours = [entry_point for entry_point in distribution.entry_points
                if entry_point.group == group]
        if not ours:
            continue  # reading a distribution's metadata is slow: only for plugins
        metadata = distribution.metadata
        for entry_point in ours:
            found.append((metadata["Name"], metadata["Version"], entry_point.name,
                          entry_point.value))
    return found


def _scan_entry_points(search_path: list[str] | None,
                      group: str) -> list[tuple[str, str, str, str]] | None:
    """Find the entry points of ``group`` the way importlib.metadata does, reading the files directly.

    Returns ``(distribution, version, entry point name, value)`` tuples in
    the order importlib.metadata.distributions() finds them, or None when
    the search path holds something this plain reading does not handle
    (a zip file, an .egg, a finder with its own distributions), for
    :func:`_entry_points_from_importlib` to do it. Why: importing
    importlib.metadata (it parses metadata with the email package) costs
    the student's process tens of milliseconds on the first ``media.say``,
    while the GUI process is starting on the same processors.
    """
    import os
    import sys

    if search_path is None:
        search_path = sys.path
        from importlib.machinery import PathFinder

        if any(hasattr(finder, "find_distributions") and finder is not PathFinder
               for finder in sys.meta_path):
            return None  # someone else also provides distributions
    found = []
    for entry in search_path:
        folder = entry or "."
        try:
            children = os.listdir(folder)
        except NotADirectoryError:
            return None  # a zip file on the path
        except OSError:
            continue  # a folder that does not exist (yet): nothing in it
        for child in children:
            lowered = child.lower()
            if lowered.endswith(".egg"):
                return None
            if not lowered.endswith((".dist-info", ".egg-info")):
                continue
            info = os.path.join(folder, child)
            try:
                with open(os.path.join(info, "entry_points.txt"), encoding="utf-8") as file:
                    text = file.read()
            except (FileNotFoundError, NotADirectoryError):
                continue  # no entry points (or an .egg-info file: none either)
            except OSError:
                return None
            ours = _entry_points_in_group(text, group)
            if not ours:
                continue
            headers = _read_metadata_headers(info)
            if headers is None:
                return None
            for entry_name, value in ours:
                found.append((headers.get("name"), headers.get("version"), entry_name, value))
    return found


def _entry_points_in_group(text: str, group: str) -> list[tuple[str, str]]:
    # The format importlib.metadata reads: [group] sections of "name = value"
    # lines; blank lines and lines starting with "#" are ignored.
    section = None
    pairs = []
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section == group and "=" in line:
            name, value = map(str.strip, line.split("=", 1))
            pairs.append((name, value))
    return pairs


def _read_metadata_headers(info: str) -> dict[str, str] | None:
    """Return the first Name and Version headers of a distribution's metadata (lower-case keys)."""
    import os

    for file_name in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(info, file_name), encoding="utf-8") as file:
                text = file.read()
        except FileNotFoundError:
            continue
        except OSError:
            return None
        headers: dict[str, str] = {}
        for line in text.splitlines():
            if not line.strip():
                break  # the headers end at the first blank line
            key, colon, value = line.partition(":")
            if colon and not line[0].isspace():
                headers.setdefault(key.strip().lower(), value.strip())
        return headers
    return None


class NameClaims:
    """Who has claimed which name so far, so that a second claim can name the first."""

    def __init__(self, kind: str):
        self.kind = kind
        self.owners: dict[str, Plugin | None] = {}
        self.values: dict[str, Any] = {}


class PluginRegistry:
    """The plugins of one process: found, loaded once, and asked for hooks.

    ``PluginRegistry()`` looks at every installed distribution; pass
    ``search_path`` (a list of folders) to look only there, as tests do, or
    ``found`` (what :meth:`found` returned in another process) to skip the
    search: the GUI process gets its list from the student's process, so
    both use the same plugins, and it need not read every distribution's
    metadata itself.
    """

    def __init__(self, search_path: Iterable[str] | None = None,
                 found: list[dict[str, str]] | None = None):
        self._search_path = list(search_path) if search_path is not None else None
        self._found: list[dict[str, str]] | None = found
        self._plugins: list[Plugin] | None = None
        self._tried: set[int] = set()  # id() of each plugin whose loading was tried
        self.problems: list[PluginProblem] = []
        self._hooks: dict[int, dict[str, list[Callable]]] = {}  # id(plugin) -> its hooks
        self._commands: dict[str, Any] | None = None
        self._command_owners: dict[str, Plugin | None] = {}
        self._media_functions: dict[str, Callable] | None = None
        self._function_owners: dict[str, Plugin | None] = {}

    # -- finding and loading -------------------------------------------------

    def found(self) -> list[dict[str, str]]:
        """Return the plugins' entry points, found but not loaded.

        Each is a dict with the keys ``distribution``, ``version``, ``name``
        (of the entry point) and ``module`` (its value, ``package.module`` or
        ``package.module:object``), sorted by distribution and name.
        """
        if self._found is None:
            self._found = self._search()
        return [dict(entry) for entry in self._found]

    def _search(self) -> list[dict[str, str]]:
        from pygraphics_core import hookspecs

        entry_points = _scan_entry_points(self._search_path, hookspecs.PROJECT_NAME)
        if entry_points is None:
            entry_points = _entry_points_from_importlib(self._search_path, hookspecs.PROJECT_NAME)
        found = {}
        for name, version, entry_name, value in entry_points:
            name = name or "(unnamed distribution)"
            # A distribution seen twice on sys.path (say, an editable
            # install and a copy) is one plugin: the first one wins, as
            # it would for an import.
            found.setdefault((name.lower(), entry_name), {
                "distribution": name, "version": version or "",
                "name": entry_name, "module": value})
        return [found[key] for key in sorted(found)]

    @property
    def plugins(self) -> list[Plugin]:
        """Every installed plugin, loaded (or with the reason it could not be)."""
        for plugin in self._unloaded():
            self._load(plugin)
        return self._plugins

    def _unloaded(self) -> list[Plugin]:
        """The plugins not loaded yet (making the list of plugins, if need be)."""
        if self._plugins is None:
            self._plugins = [Plugin(entry["name"], entry["module"], entry["distribution"],
                                    entry["version"]) for entry in self.found()]
        return [plugin for plugin in self._plugins if id(plugin) not in self._tried]

    def plugin_in_package(self, package: str) -> Plugin | None:
        """Return the loaded plugin whose entry point is a module of ``package``.

        Loads that plugin only, not the others (the GUI process, to answer
        the first command at once). None if there is no such plugin or it
        could not be loaded.
        """
        def in_package(plugin: Plugin) -> bool:
            return plugin.module_name.partition(":")[0].partition(".")[0].strip() == package

        for plugin in self._unloaded():
            if in_package(plugin):
                self._load(plugin)
        return next((plugin for plugin in self._plugins
                     if plugin.module is not None and in_package(plugin)), None)

    def _load(self, plugin: Plugin) -> None:
        self._tried.add(id(plugin))
        try:
            module = _load_object(plugin.module_name)
        except Exception as error:
            self._fail(plugin, f"could not be imported: {describe_exception(error)}")
            return
        hooks, problems = hook_implementations(module)
        if problems:
            self._fail(plugin, f"has a hook PyGraphics cannot use: {'; '.join(problems)}")
            return
        self._hooks[id(plugin)] = hooks
        plugin.module = module

    def _fail(self, plugin: Plugin, what: str) -> None:
        plugin.failure = what
        self.report(plugin, f"The PyGraphics plugin {plugin.label} {what}")

    def report(self, plugin: Plugin | None, message: str) -> None:
        """Record a problem with a plugin and warn about it once."""
        distribution = plugin.distribution if plugin is not None else "pygraphics"
        problem = PluginProblem(distribution, message)
        self.problems.append(problem)
        # Point the warning at the plugin, not at this line of PyGraphics,
        # which would tell its reader nothing.
        warnings.warn_explicit(PluginWarning(message), PluginWarning,
                               filename=f"<plugin {distribution}>", lineno=0)

    def plugin_named(self, distribution: str) -> Plugin | None:
        """Return the plugin of that distribution, or None if it is not installed."""
        wanted = distribution.lower().replace("_", "-")
        for plugin in self.plugins:
            if plugin.distribution.lower().replace("_", "-") == wanted:
                return plugin
        return None

    # -- asking the hooks -----------------------------------------------------

    def call_each(self, hook_name: str, only: Plugin | None = None) -> list[tuple[Plugin, Any]]:
        """Call one hook in every loaded plugin (or ``only`` that one), keeping answers apart.

        A plugin whose hook raises is reported and left out; the others
        still answer. Returns ``(plugin, answer)`` pairs in plugin order.
        """
        answers = []
        for plugin in self.plugins:
            if plugin.module is None or (only is not None and plugin is not only):
                continue
            for implementation in self._hooks[id(plugin)].get(hook_name, ()):
                try:
                    answer = implementation()
                except Exception as error:
                    self.report(plugin, f"The hook {hook_name}() of the PyGraphics plugin "
                                        f"{plugin.label} raised {describe_exception(error)}")
                    continue
                answers.append((plugin, answer))
        return answers


    def claim(self, claims: NameClaims, name: str, value: Any, plugin: Plugin | None) -> bool:
        """Give ``name`` to ``plugin`` unless someone has it; report a clash naming both."""
        if name in claims.owners:
            if claims.values[name] is value:
                return True
            owner = claims.owners[name]
            first = f"the plugin {owner.label}" if owner is not None else "PyGraphics itself"
            self.report(plugin, f"The PyGraphics plugin {plugin.label} and {first} both "
                                f"define the {claims.kind} '{name}'; {first} keeps it. "
                                f"Rename one of them, or uninstall one of the plugins.")
            return False
        claims.owners[name] = plugin
        claims.values[name] = value
        return True

    def commands(self) -> dict[str, Any]:
        """Return every plugin's AMP commands by command name (``{'Say': Say}``)."""
        if self._commands is None:
            claims = NameClaims("command")
            for plugin, answer in self.call_each("pygraphics_commands"):
                for command in self._listed(plugin, "pygraphics_commands", answer):
                    name = getattr(command, "commandName", None)
                    if not isinstance(name, str):
                        self.report(plugin, f"The hook pygraphics_commands() of the PyGraphics "
                                            f"plugin {plugin.label} returned {command!r}, which "
                                            f"is not an AMP command class")
                        continue
                    self.claim(claims, name, command, plugin)
            self._commands = claims.values
            self._command_owners = claims.owners
        return dict(self._commands)

    def command_owner(self, name: str) -> Plugin | None:
        """Return the plugin that defines the command ``name`` (None if none does)."""
        self.commands()
        return self._command_owners.get(name)

    def media_functions(self) -> dict[str, Callable]:
        """Return the functions plugins add to ``media``, by name."""
        if self._media_functions is None:
            claims = NameClaims("media function")
            for plugin, answer in self.dict_answers("pygraphics_media_functions",
                                                    "name -> function"):
                for name, function in answer.items():
                    if not callable(function):
                        self.report(plugin, f"The PyGraphics plugin {plugin.label} gives "
                                            f"media.{name} = {function!r}, which is not a function")
                        continue
                    self.claim(claims, name, function, plugin)
            self._media_functions = claims.values
            self._function_owners = claims.owners
        return dict(self._media_functions)

    def function_owner(self, name: str) -> Plugin | None:
        """Return the plugin that adds ``media.<name>`` (None if none does)."""
        self.media_functions()
        return self._function_owners.get(name)

    def backends(self, only: Plugin | None = None) -> list[tuple[Plugin, type]]:
        """Return ``(plugin, backend_class)`` for every backend plugins give (GUI process).

        With ``only``, ask that plugin alone.
        """
        found = []
        for plugin, answer in self.call_each("pygraphics_backends", only):
            for backend in self._listed(plugin, "pygraphics_backends", answer):
                found.append((plugin, backend))
        return found

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

    def _listed(self, plugin: Plugin, hook_name: str, answer: Any) -> list:
        if answer is None:
            return []
        if isinstance(answer, (list, tuple)):
            return list(answer)
        self.report(plugin, f"The hook {hook_name}() of the PyGraphics plugin {plugin.label} "
                            f"returned {type(answer).__name__}; it must return a list")
        return []


_registry: PluginRegistry | None = None


def registry() -> PluginRegistry:
    """Return this process's plugin registry, made on first use."""
    global _registry
    if _registry is None:
        _registry = PluginRegistry()
    return _registry


def media_function(name: str) -> Callable:
    """Return the function a plugin adds to ``media`` as ``name``.

    Raises AttributeError when no plugin gives ``name``; for a standard
    name (``show``, ``say``, ``choose_file``...) the message says which
    distribution to install (see :func:`missing_function_message`).
    """
    function = registry().media_functions().get(name)
    if function is not None:
        return function
    raise AttributeError(missing_function_message(name) or
                         f"module 'media' has no attribute '{name}'", name=name)


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
    up fastest: a pixel loop reads ``media.get_red`` millions of times.

    A plugin function with a name ``media`` already has is reported, and
    ``media``'s own keeps the name. Each standard function whose plugin is
    missing (or broken) becomes a function that says, when called, which
    distribution to install; its docstring says so too, for ``help()``.
    """
    plugins = registry()
    for name, function in plugins.media_functions().items():
        if name in namespace:
            owner = plugins.function_owner(name)
            plugins.report(owner, f"The PyGraphics plugin {owner.label} gives the media "
                                  f"function '{name}', but media has its own '{name}', which "
                                  f"keeps the name. Rename the plugin's function.")
            continue
        if not name.isidentifier():
            owner = plugins.function_owner(name)
            plugins.report(owner, f"The PyGraphics plugin {owner.label} gives the media "
                                  f"function {name!r}, which is not a name Python code can "
                                  f"write after media.: use letters, digits and _.")
            continue
        namespace[name] = function
    for name in STANDARD_FUNCTIONS:
        if name not in namespace:
            namespace[name] = _missing_function(name)


def _missing_function(name: str) -> Callable:
    message = missing_function_message(name)

    def missing(*args: Any, **kwargs: Any) -> Any:
        raise AttributeError(message, name=name)

    missing.__name__ = missing.__qualname__ = name
    missing.__doc__ = message
    return missing


def media_function_names() -> list[str]:
    """Return the names that installed plugins add to ``media``, sorted."""
    return sorted(registry().media_functions())
