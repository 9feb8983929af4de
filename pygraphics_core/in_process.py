"""Answering commands in the student's own process, with no GUI process.

Two modes replace the connection to the GUI process (see
:func:`pygraphics_core.client.use_connection`) with one that answers every
command here: headless mode (autograders: :mod:`pygraphics_core.headless`)
records what would be shown, and notebook mode (a notebook with no screen:
:mod:`pygraphics_core.notebook`) renders it into the cell's output. What
they share is here:

* :class:`InProcessConnection` sends each command's arguments and response
  through the same AMP encoding as the real connection, so that a wrong
  argument type fails the same way in every mode, and a responder gets
  copies, as the GUI process would;
* :func:`plugin_responders` asks every plugin's hook for the mode (one
  function per command) and settles the names with the one clash rule
  (:ref:`clash-rule`): a command that two plugins answer is answered by
  neither, and using it says why.

A mode gives the hook's name and what to do with a command no plugin
answers (:meth:`InProcessConnection.unanswered`).
"""

from __future__ import annotations

from typing import Any, Callable

__all__ = ["InProcessConnection", "plugin_responders", "describe_origin"]


class InProcessConnection:
    """A connection that answers each command in this process, through a responder.

    ``responder(session, **arguments)`` returns the response (a dict, or
    None for an empty one). The responder is the session's own, if it has
    one for the command (``session.responders``: a grader's or a course's
    override), or else the one a plugin gives through :attr:`hook_name`.
    Subclasses set :attr:`hook_name` and :attr:`responder_kind`, and say
    in :meth:`unanswered` what happens to a command no one answers.
    """

    #: The hook plugins answer this mode's commands through.
    hook_name = ""
    #: How messages name a responder of this mode: "headless responder".
    responder_kind = "responder"

    def __init__(self, session: Any):
        self.session = session
        self._plugin_responders: dict[str, tuple[Callable, str]] | None = None

    def callRemote(self, command: type, **kwargs: Any) -> dict | None:
        """Answer ``command`` here, as the GUI process would have, and return the response."""
        # The same encoding as on the wire: the same errors for wrong
        # arguments, and the responder gets copies, as the GUI process would.
        arguments = command.decode_arguments(as_received(command.encode_arguments(kwargs)))
        responder = self.responder_for(command)
        if responder is None:
            response = self.unanswered(command, arguments)
        else:
            response = responder(self.session, **arguments)
        if not command.requiresAnswer:
            return None
        if response is None:
            response = {}
        return command.decode_response(as_received(command.encode_response(response)))

    def responder_for(self, command: type) -> Callable | None:
        """The function that answers ``command`` in this mode, or None."""
        responder = getattr(self.session, "responders", {}).get(command)
        if responder is None:
            if self._plugin_responders is None:
                self._plugin_responders = plugin_responders(self.hook_name,
                                                            self.responder_kind)
            responder, _owner = self._plugin_responders.get(command.commandName, (None, None))
        return responder

    def unanswered(self, command: type, arguments: dict) -> dict:
        """Answer a command that no responder answers (or raise, saying why)."""
        raise NotImplementedError

    def close(self) -> None:
        """Nothing to close: no process was started."""


def plugin_responders(hook_name: str, kind: str) -> dict[str, tuple[Callable, str]]:
    """``{command name: (responder, plugin label)}`` from every plugin's hook ``hook_name``.

    One rule for clashes: a command two plugins answer gets a responder
    that raises :class:`pygraphics_core.plugins.PluginClashError`, saying so.
    ``kind`` names the responders in messages ("headless responder").
    """
    from pygraphics_core.plugins import NameClaims, registry

    plugins = registry()
    claims = NameClaims(f"{kind} for the command")
    for plugin, answer in plugins.dict_answers(hook_name, "command -> function"):
        for command, responder in answer.items():
            name = getattr(command, "commandName", None)
            if not isinstance(name, str) or not callable(responder):
                plugins.report(plugin, f"The PyGraphics plugin {plugin.label} gives a {kind} "
                                       f"{responder!r} for {command!r}: give an AMP "
                                       f"command class and a function")
                continue
            claims.add(plugin, name, responder)
    granted, refused = claims.settle(plugins)
    found = {name: (responder, plugin.label) for name, (plugin, responder) in granted.items()}
    for name, why in refused.items():
        found[name] = (_refusal(why), "no plugin")
    return found


def _refusal(why: str) -> Callable:
    """A responder for a command that several plugins answer: it says so."""
    def refuse(session: Any, **arguments: Any) -> dict:
        from pygraphics_core.plugins import PluginClashError

        raise PluginClashError(why)

    return refuse


def describe_origin(command: type) -> str:
    """Name where ``command`` comes from, for a message: "the plugin 'pygraphics-x' (...)"."""
    try:
        from pygraphics_core.plugins import registry

        owner = registry().command_owner(command.commandName)
    except Exception:  # an origin is a courtesy in an error message, never a new error
        owner = None
    return f"the plugin {owner.label}" if owner is not None else f"module {command.__module__}"


def as_received(box: dict) -> dict:
    """The box as the peer would parse it: every key and value as bytes."""
    return {bytes(key): bytes(value) for key, value in box.items()}
