"""Registering every plugin's backends with the student's connection.

When the student's process has connected and proved itself (its Hello
carried the launch secret), the GUI process asks every plugin for its
backends (the hook ``pygraphics_backends``), makes one instance of each,
and registers all their responders with the connection's dispatcher, before
it answers the first command.

Each plugin is handled in its own guard: a hook, constructor or
``register_against`` that raises anything (``SystemExit`` included) is
reported naming the plugin, and the other plugins' commands still work.
Which backend answers a command follows the rule every process uses (see
:ref:`clash-rule`): a command of PyGraphics itself is never a plugin's, and
a command that backends of two plugins answer is answered by neither.
"""

from __future__ import annotations

import functools
import sys

from pygraphics_core import plugins
from pygraphics_core.core_commands import CORE_COMMANDS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Callable


class _RecordingDispatcher:
    """Stands in for a Dispatcher, so that a backend's responders can be checked first."""

    def __init__(self):
        self.responders: list[tuple[type, Callable[..., dict]]] = []

    def register(self, command: type, responder: Callable[..., dict]) -> None:
        self.responders.append((command, responder))


def register_plugin_backends(dispatcher: Any, registry: plugins.PluginRegistry) -> None:
    """Make every plugin's backends and register their responders with ``dispatcher``."""
    claims = plugins.NameClaims("command", own_names=CORE_COMMANDS, verb="answer")
    command_classes: dict[str, type] = {}
    for plugin, backend_class in registry.backends():
        name = getattr(backend_class, "__name__", repr(backend_class))
        recorder = _RecordingDispatcher()
        try:
            backend_class().register_against(recorder)
        except KeyboardInterrupt:
            raise
        except BaseException as error:
            registry.report(
                plugin, f"The backend {name} of the PyGraphics plugin {plugin.label} raised "
                        f"{plugins.describe_exception(error)} while registering; its commands "
                        f"will not work.")
            continue
        for command, responder in recorder.responders:
            claims.add(plugin, command.commandName, (command, responder))
            command_classes.setdefault(command.commandName, command)
    granted, refused = claims.settle(registry)
    for command_name, (plugin, (command, responder)) in granted.items():
        if registry.command_clash(command_name) is not None:
            continue  # two plugins declare it: the student's process says so
        dispatcher.register(command, _reporting_failures(responder, command, plugin))
    for command_name, why in refused.items():
        dispatcher.register(command_classes[command_name], _refusal(why))


def _refusal(why: str) -> Callable[..., dict]:
    """A responder for a command no plugin answers because several do: it says so."""
    def refuse(**arguments: Any) -> dict:
        _keep_the_amp_log_quiet()
        raise plugins.PluginClashError(why)

    return refuse


def _reporting_failures(responder: Callable[..., dict], command: type,
                        plugin: plugins.Plugin) -> Callable[..., dict]:
    """Wrap a responder so that an undeclared exception is told once, naming the plugin.

    The student's call fails with one short message that names the plugin,
    the error and the plugin's line that raised it
    (:mod:`pygraphics_core.responder_failures`); nothing is printed here,
    where it would reach the student's terminal a second time. Only a
    command that wants no answer, whose caller hears nothing, is reported
    here, in one line. A responder that calls ``exit()`` gets the same
    treatment: it must not end the GUI process, and with it every window.
    """
    declared = tuple(getattr(command, "errors", {})) + tuple(getattr(command, "fatalErrors", {}))

    @functools.wraps(responder)
    def answer(**arguments: Any) -> dict:
        try:
            return responder(**arguments)
        except declared:
            raise
        except (Exception, SystemExit) as error:
            from pygraphics_core.responder_failures import ResponderFailed, describe_failure

            what = error
            if isinstance(error, SystemExit):
                what = RuntimeError(f"the responder of {command.commandName} called "
                                    f"exit({error.code!r})").with_traceback(error.__traceback__)
            message = describe_failure(plugin.distribution, command.commandName, what,
                                       plugin.module_name)
            if not getattr(command, "requiresAnswer", True):
                print(f"PyGraphics: {message}", file=sys.stderr)
            _keep_the_amp_log_quiet()
            raise ResponderFailed(message) from None

    #: The plugin whose responder this is (``pygraphics plugins`` lists it).
    answer.plugin = plugin
    return answer


def _keep_the_amp_log_quiet() -> None:
    """Stop the AMP layer from logging failures that the caller is told about in full.

    (Its log reaches the student's terminal too: the same words twice.)
    """
    import logging

    amp_log = logging.getLogger("pygraphics_core.amp")
    if _not_a_told_failure not in amp_log.filters:
        amp_log.addFilter(_not_a_told_failure)


def _not_a_told_failure(record) -> bool:
    from pygraphics_core.responder_failures import ResponderFailed

    error = record.exc_info[1] if record.exc_info else None
    return not isinstance(error, (ResponderFailed, plugins.PluginClashError))
