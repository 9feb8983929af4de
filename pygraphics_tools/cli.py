"""The ``pygraphics`` command, for course staff.

``pygraphics plugins``
    List the installed plugins: distribution, version, entry point, the AMP
    commands, answers and ``media`` functions each provides, and every
    problem found: a plugin that fails to load or that pluggy refuses, a
    hook that fails, a backend that cannot be made, and every clash of
    names (between plugins, or with ``media``'s own names; see
    :ref:`clash-rule`). Exits with status 1 when there is a problem.

``pygraphics new-plugin NAME``
    Write ``pygraphics-NAME/``, a new plugin distribution to start from
    (see :mod:`pygraphics_tools.new_plugin`).

``pygraphics call <Command> name=value ...``
    Call one command in a fresh GUI process (to check a dialog by hand) and
    print its answer. Each value is converted to the type of that argument:
    ``pygraphics call Say text="Hello, world"``,
    ``pygraphics call AskNumber prompt="How many?" lowest=0``. Lists and
    AmpLists are written as JSON (``sizes=[1,2,3]``), bytes as text (UTF-8),
    pictures as a file name, booleans as true/false. The command waits, like
    a student's program, until its windows are closed.
"""

from __future__ import annotations

import argparse
import datetime
import decimal
import json
import sys
import warnings
from typing import Any, Sequence

from pygraphics_core import amp
from pygraphics_core.core_commands import Ping
from pygraphics_core.plugins import PluginRegistry, PluginWarning, registry

_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


def convert(text: str, argument: amp.Argument, name: str) -> Any:
    """Turn the text given on the command line into the value ``argument`` expects."""
    try:
        if isinstance(argument, amp.Boolean):
            if text.lower() in _TRUE | _FALSE:
                return text.lower() in _TRUE
            raise ValueError("write true or false")
        if isinstance(argument, amp.Integer):
            return int(text)
        if isinstance(argument, amp.Float):
            return float(text)
        if isinstance(argument, amp.Decimal):
            return decimal.Decimal(text)
        if isinstance(argument, amp.DateTime):
            moment = datetime.datetime.fromisoformat(text)
            if moment.tzinfo is None:
                raise ValueError("add a UTC offset, e.g. 2024-05-01T12:00:00+00:00")
            return moment
        if isinstance(argument, (amp.String, amp.BigString)):
            return text.encode("utf-8")
        if isinstance(argument, (amp.Unicode, amp.BigUnicode)):
            return text
        if isinstance(argument, amp.PILImage):
            from PIL import Image

            with Image.open(text) as image:
                image.load()
                return image
        if isinstance(argument, (amp.ListOf, amp.AmpList)):
            return _from_json(json.loads(text), argument)
    except (ValueError, OSError, decimal.InvalidOperation) as error:
        raise ValueError(f"{name}={text!r} is not a valid {type(argument).__name__}: "
                         f"{error}") from None
    raise ValueError(f"{name}: values of type {type(argument).__name__} cannot be "
                     f"given on the command line")


def _from_json(value: Any, argument: amp.Argument) -> Any:
    if isinstance(argument, amp.ListOf):
        return [_from_json(item, argument.element_type) for item in value]
    if isinstance(argument, amp.AmpList):
        return [{key: _from_json(item[key], sub) for key, sub in argument.schema.arguments
                 if key in item} for item in value]
    if isinstance(argument, (amp.String, amp.BigString)):
        return value.encode("utf-8")
    if isinstance(argument, amp.Decimal):
        return decimal.Decimal(str(value))
    if isinstance(argument, amp.DateTime):
        return datetime.datetime.fromisoformat(value)
    return value


def _show(value: Any) -> str:
    if hasattr(value, "mode") and hasattr(value, "size"):
        return f"<picture {value.size[0]}x{value.size[1]}, mode {value.mode}>"
    return repr(value)


def list_plugins(out=sys.stdout) -> int:
    """Print every installed plugin with what it provides; return the exit status.

    Everything a plugin gives is checked as the student's process and the
    GUI process check it: ``import media`` binds the media functions, and
    the backends are made and registered (with a stand-in for the
    connection), so that every problem either process would meet is listed.
    """
    import media  # noqa: F401  (binding its functions reports clashes with its own names)
    from pygraphics_gui.plugin_backends import register_plugin_backends

    plugins = registry()
    commands = plugins.commands()
    functions = plugins.media_functions()
    answering = _RecordingDispatcher()
    register_plugin_backends(answering, plugins)
    if not plugins.plugins:
        print("No PyGraphics plugins are installed. Try: pip install pygraphics-say",
              file=out)
    for plugin in plugins.plugins:
        print(f"{plugin.distribution} {plugin.version}  "
              f"(entry point {plugin.name} = {plugin.module_name})", file=out)
        if plugin.failure is not None:
            print(f"    NOT LOADED: it {plugin.failure}", file=out)
            continue
        own_commands = sorted(name for name in commands if plugins.command_owner(name) is plugin)
        own_functions = sorted(name for name in functions
                               if plugins.function_owner(name) is plugin)
        answers = sorted(answering.answered_by(plugin))
        print(f"    commands: {', '.join(own_commands) or '(none)'}", file=out)
        print(f"    answers (in the GUI process): {', '.join(answers) or '(none)'}", file=out)
        print(f"    media functions: {', '.join(own_functions) or '(none)'}", file=out)
    if plugins.problems:
        print("\nProblems:", file=out)
        for problem in plugins.problems:
            print(f"  - {problem}", file=out)
    return 1 if plugins.problems else 0


class _RecordingDispatcher:
    """Stands in for the GUI process's dispatcher: records which plugin answers what."""

    def __init__(self):
        self._answers: dict[str, object] = {}

    def register(self, command: type, responder) -> None:
        self._answers[command.commandName] = responder

    def answered_by(self, plugin) -> list[str]:
        # The GUI process wraps each responder, naming its plugin.
        return [name for name, responder in self._answers.items()
                if getattr(responder, "plugin", None) is plugin]


def call_command(name: str, assignments: Sequence[str], plugins: PluginRegistry,
                 out=sys.stdout) -> int:
    """Call the command ``name`` with ``key=value`` arguments and print its answer."""
    from pygraphics_core import client

    # Of the core's own commands only Ping makes sense by hand.
    known = {**plugins.commands(), "Ping": Ping}
    command = known.get(name)
    if command is None:
        print(f"pygraphics call: there is no command named {name!r}. Installed commands: "
              f"{', '.join(sorted(known))}", file=sys.stderr)
        return 2
    types = dict(command.arguments)
    arguments = {}
    try:
        for assignment in assignments:
            key, equals, text = assignment.partition("=")
            if not equals:
                raise ValueError(f"{assignment!r} is not of the form name=value")
            if key not in types:
                raise ValueError(f"{name} has no argument {key!r}; its arguments are: "
                                 f"{_signature(command)}")
            arguments[key] = convert(text, types[key], key)
        missing = [key for key, argument in command.arguments
                   if key not in arguments and not argument.optional]
        if missing:
            raise ValueError(f"{name} needs {', '.join(missing)}; its arguments are: "
                             f"{_signature(command)}")
    except ValueError as error:
        print(f"pygraphics call: {error}", file=sys.stderr)
        return 2
    try:
        response = client.callRemote(command, **arguments)
    except (amp.AMPError, client.GUIUnavailableError, ConnectionError) as error:
        print(f"pygraphics call: {name} failed: {type(error).__name__}: {error}",
              file=sys.stderr)
        return 1
    except Exception as error:  # a declared error of the command
        print(f"pygraphics call: {name} raised {type(error).__name__}: {error}",
              file=sys.stderr)
        return 1
    for key, value in (response or {}).items():
        print(f"{key} = {_show(value)}", file=out)
    return 0


def _signature(command: type) -> str:
    parts = [f"{key} ({type(argument).__name__}{', optional' if argument.optional else ''})"
             for key, argument in command.arguments]
    return ", ".join(parts) or "(none)"


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``pygraphics`` (other tools may add subcommands)."""
    parser = argparse.ArgumentParser(
        prog="pygraphics", description="Tools for PyGraphics plugins and their authors.")
    subcommands = parser.add_subparsers(dest="subcommand", required=True)
    subcommands.add_parser("plugins", help="list the installed plugins and their commands")
    call = subcommands.add_parser("call", help="call one command by hand: Say text=Hello")
    call.add_argument("command", help="the command's name, e.g. Say")
    call.add_argument("assignments", nargs="*", metavar="name=value",
                      help="its arguments, converted to their declared types")
    from pygraphics_tools import new_plugin

    new_plugin.add_subcommand(subcommands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``pygraphics`` with ``argv`` (default: the command line); return the exit status."""
    arguments = build_parser().parse_args(argv)
    if arguments.subcommand == "plugins":
        # The listing shows every problem itself; warnings would repeat them.
        warnings.simplefilter("ignore", PluginWarning)
        return list_plugins()
    if arguments.subcommand == "new-plugin":
        from pygraphics_tools import new_plugin

        return new_plugin.run_subcommand(arguments)
    return call_command(arguments.command, arguments.assignments, registry())


if __name__ == "__main__":
    sys.exit(main())
