"""Backends: the classes whose methods answer AMP commands in the GUI process.

A plugin writes one backend per group of commands::

    class SayBackend(ProtocolBackend):
        responders = []
        responder = appender(responders)

        @responder(Say)
        def say(self, text):
            SayWindow(text)
            return {}

Each responder receives the command's arguments as keyword arguments and
returns a dict with the keys of the command's ``response``. The GUI process
makes one instance of every backend when the student's process connects and
calls :meth:`ProtocolBackend.register_against` with the connection's
dispatcher.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: typing is not needed at run time
    from typing import Any, Callable


def appender(responders: list) -> Callable:
    """Return a ``responder`` decorator that adds responders to ``responders``.

    Use it in a backend's class body: ``responder = appender(responders)``,
    then ``@responder(SomeCommand)`` above each method that answers
    ``SomeCommand``. The method itself is returned unchanged.
    """

    def responder(command: type) -> Callable[[Callable], Callable]:
        if not isinstance(command, type) or not hasattr(command, "commandName"):
            raise TypeError(
                f"@responder(...) needs an AMP command class, not {command!r}: "
                f"write @responder(MyCommand) above the method")

        def register(method: Callable) -> Callable:
            responders.append((command, method))
            return method

        return register

    return responder


class ProtocolBackend:
    """A set of responders that the GUI process registers with each connection.

    Subclasses set ``responders = []`` and ``responder = appender(responders)``
    in their class body and decorate methods with ``@responder(Command)``.
    """

    #: ``(command class, function)`` pairs, filled by ``@responder``.
    responders: list[tuple[type, Callable[..., dict]]] = []

    def commands(self) -> list[type]:
        """Return the command classes this backend answers."""
        return [command for command, _ in self._all_responders()]

    def _all_responders(self) -> list[tuple[type, Callable[..., dict]]]:
        # A subclass of a backend answers its parent's commands too, unless
        # it answers the same command itself.
        seen: dict[str, tuple[type, Callable]] = {}
        for klass in reversed(type(self).__mro__):
            for command, function in vars(klass).get("responders", ()):
                seen[command.commandName] = (command, function)
        return list(seen.values())

    def register_against(self, dispatcher: Any) -> None:
        """Register every responder of this backend with an AMP dispatcher."""
        for command, function in self._all_responders():
            dispatcher.register(command, function.__get__(self, type(self)))
