"""Registering the plugins' backends with the connection, quickly.

When the student's process connects, every plugin's commands are
registered at once (cheap: command classes only). A plugin's *backends*
(which import Tk widgets, Pillow's ImageTk and so on) are loaded the first
time one of its commands arrives, and every other plugin's a moment later,
when the process is idle: the student's first ``media.say`` does not wait
for the picture viewer to be imported, and a broken plugin is still
reported within a fraction of a second of connecting.

A problem (a backend that raises while registering, two plugins that answer
one command) is reported through the plugin registry, naming the plugin;
every other plugin keeps working.
"""

from __future__ import annotations

import functools
import sys

# traceback is imported when a responder fails, typing never at run time:
# this module is loaded while the student waits for the first window.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Callable

from pygraphics_core import plugins
from pygraphics_core.core_commands import CORE_COMMANDS


class _RecordingDispatcher:
    """Stands in for a Dispatcher so that a backend's registration can be checked first."""

    def __init__(self):
        self.responders: list[tuple[type, Callable[..., dict]]] = []

    def register(self, command: type, responder: Callable[..., dict]) -> None:
        self.responders.append((command, responder))


class PluginNotAnswering(Exception):
    """A plugin declares a command, but none of its backends answers it."""


class BackendLoader:
    """Registers every plugin's commands with ``dispatcher``, loading backends on demand.

    ``first_command`` (``module:ClassName``, from the Hello) is the command
    the client sends first. If a plugin's package holds it, only that
    command is registered now, and the others when :meth:`register_the_rest`
    is called (the server calls it once the first command is answered, and
    before it reads anything more): importing every plugin's commands
    takes a while, and the student is waiting for the first window.
    """

    def __init__(self, dispatcher: Any, registry: plugins.PluginRegistry,
                 first_command: str | None = None):
        self._dispatcher = dispatcher
        self._registry = registry
        # Who answers each command name: None for PyGraphics itself.
        self._owners: dict[str, plugins.Plugin | None] = dict.fromkeys(CORE_COMMANDS)
        self._answers: dict[str, Callable[..., dict]] = {}
        self._declared: dict[str, plugins.Plugin] = {}
        self._loaded: set[int] = set()
        #: False until every plugin's commands are registered.
        self.all_registered = False
        # Commands a backend answered before then that no plugin had declared yet.
        self._undeclared: list[type] = []
        if not (first_command and self._register_first(first_command)):
            self.register_the_rest()

    def _register_first(self, reference: str) -> bool:
        """Register the command ``reference`` names, if a plugin's package holds it."""
        module_name = reference.partition(":")[0]
        package = module_name.partition(".")[0]
        owner = self._registry.plugin_in_package(package)
        if owner is None:
            return False
        try:
            command = plugins._load_object(reference)
        except Exception:
            return False  # the full registration will say what is wrong
        name = getattr(command, "commandName", None)
        if not isinstance(name, str) or name in CORE_COMMANDS:
            return False
        self._declared[name] = owner
        self._dispatcher.register(command, self._answer_on_first_use(command))
        return True

    def register_the_rest(self) -> None:
        """Register every plugin's commands not registered yet (once)."""
        if self.all_registered:
            return
        self.all_registered = True
        registry = self._registry
        for name, command in registry.commands().items():
            owner = registry.command_owner(name)
            if name in CORE_COMMANDS:
                registry.report(owner, f"The PyGraphics plugin {owner.label} defines the "
                                       f"command '{name}', which is PyGraphics's own; "
                                       f"rename it.")
                continue
            if name in self._declared:
                # Made ready first, from the Hello; the registry now knows
                # its true owner, should two plugins claim it.
                self._declared[name] = owner
                continue
            self._declared[name] = owner
            self._dispatcher.register(command, self._answer_on_first_use(command))
        for command in self._undeclared:
            if command.commandName not in self._declared:
                self._dispatcher.register(command, self._answers[command.commandName])
        self._undeclared.clear()

    def load_all(self) -> None:
        """Load every plugin's backends not loaded yet, in plugin order."""
        self.register_the_rest()
        for plugin in self._registry.plugins:
            if plugin.module is not None:
                self.load(plugin)

    def load(self, plugin: plugins.Plugin) -> None:
        """Load one plugin's backends and register their responders (once)."""
        if id(plugin) in self._loaded:
            return
        self._loaded.add(id(plugin))
        for _, backend_class in self._registry.backends(only=plugin):
            self._register_backend(plugin, backend_class)

    def _register_backend(self, plugin: plugins.Plugin, backend_class: type) -> None:
        name = getattr(backend_class, "__name__", repr(backend_class))
        try:
            recorder = _RecordingDispatcher()
            backend_class().register_against(recorder)
        except Exception as error:
            self._registry.report(
                plugin, f"The backend {name} of the PyGraphics plugin {plugin.label} raised "
                        f"{plugins.describe_exception(error)} while registering; its commands "
                        f"will not work.")
            return
        clashes = [command.commandName for command, _ in recorder.responders
                   if command.commandName in self._owners]
        if clashes:
            for command_name in clashes:
                owner = self._owners[command_name]
                first = f"the plugin {owner.label}" if owner is not None else "PyGraphics itself"
                self._registry.report(
                    plugin, f"The PyGraphics plugin {plugin.label} and {first} both answer "
                            f"the command '{command_name}'; {first} keeps it, and the backend "
                            f"{name} is not used.")
            return
        for command, responder in recorder.responders:
            command_name = command.commandName
            self._owners[command_name] = plugin
            answer = _reporting_failures(responder, command, plugin)
            self._answers[command_name] = answer
            if command_name in self._declared:
                continue
            if self.all_registered:
                # A command no plugin declares (a backend for a command of
                # the course's own): register it directly.
                self._dispatcher.register(command, answer)
            else:
                # Perhaps a plugin declares it, among the commands not
                # registered yet: register_the_rest decides.
                self._undeclared.append(command)

    def _answer_on_first_use(self, command: type) -> Callable[..., dict]:
        name = command.commandName

        def answer(**arguments: Any) -> dict:
            responder = self._answers.get(name)
            if responder is None:
                self.load(self._declared[name])
                responder = self._answers.get(name)
            if responder is None:
                self.load_all()  # perhaps another plugin's backend answers it
                responder = self._answers.get(name)
            if responder is None:
                raise PluginNotAnswering(
                    f"the PyGraphics plugin {self._declared[name].label} defines the command "
                    f"'{name}', but none of its backends answers it")
            return responder(**arguments)

        return answer


def _reporting_failures(responder: Callable[..., dict], command: type,
                        plugin: plugins.Plugin) -> Callable[..., dict]:
    """Wrap a responder so that an undeclared exception is printed for the plugin's author.

    The client still receives the error (as UNKNOWN); the traceback,
    printed here, reaches the student's terminal as output.
    """
    declared = tuple(getattr(command, "errors", {})) + tuple(getattr(command, "fatalErrors", {}))

    @functools.wraps(responder)
    def answer(**arguments: Any) -> dict:
        try:
            return responder(**arguments)
        except declared:
            raise
        except Exception as error:
            print(f"PyGraphics: the plugin {plugin.label} failed while answering "
                  f"{command.commandName}:", file=sys.stderr)
            # From the responder down: this wrapper's own frame helps nobody.
            import traceback

            traceback.print_exception(type(error), error, error.__traceback__.tb_next,
                                      file=sys.stderr)
            raise

    return answer
