"""A plugin's responder that fails in the GUI process, told once, briefly, naming the plugin.

When a responder raises an exception its command does not declare (a bug
in the plugin, or arguments it cannot take), the student's call fails. The
student should read one short message that names the plugin, the error and
the line of the plugin that raised it, not a traceback from the GUI
process followed by another from their own program.

So the GUI process prints nothing: it raises :class:`ResponderFailed`,
whose message says all of that (see :func:`describe_failure`), and the AMP
layer sends it as the call's error. The student's process turns that error
into a :class:`PluginFailedError` (:func:`plugin_failure`), raised from the
student's own line of code.
"""

from __future__ import annotations

import re
import sys

from pygraphics_core.amp.errors import UNKNOWN, AMPError

__all__ = ["PluginFailedError", "ResponderFailed", "describe_failure", "plugin_failure"]


class ResponderFailed(RuntimeError):
    """Raised in the GUI process in place of a plugin responder's undeclared exception."""


class PluginFailedError(AMPError):
    """A plugin failed in the GUI process while it answered the student's call.

    Its message names the plugin, the error, and the line of the plugin
    that raised it. An :class:`~pygraphics_core.amp.AMPError` with the
    code ``UNKNOWN``, as any undeclared error of a responder.
    """

    def __init__(self, message: str, description: str):
        super().__init__(UNKNOWN, description)
        self.message = message

    def __str__(self) -> str:
        return self.message


def describe_failure(plugin_name: str, command_name: str, error: BaseException,
                     plugin_module: str | None = None) -> str:
    """Say, in a few lines, that ``plugin_name`` failed answering ``command_name``, and where.

    The place is the deepest line of the traceback inside the plugin's own
    package (``plugin_module``'s top-level package), or the deepest line
    if none is: a file name, line number and function, and the line itself.
    """
    from pygraphics_core.plugins import describe_exception

    text = (f"the PyGraphics plugin '{plugin_name}' failed while answering {command_name}: "
            f"{describe_exception(error)}")
    frame = _deepest_frame(error, _package_folder(plugin_module))
    if frame is None:
        return text
    where = f'\n  File "{frame.filename}", line {frame.lineno}, in {frame.name}'
    if frame.line:
        where += f"\n    {frame.line.strip()}"
    return text + where


def _deepest_frame(error: BaseException, folder: str | None):
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return None
    if folder:
        own = [frame for frame in frames if frame.filename.startswith(folder)]
        if own:
            return own[-1]
    return frames[-1]


def _package_folder(module_name: str | None) -> str | None:
    """The folder of the top-level package of ``module_name`` (or its file, for a module)."""
    if not module_name:
        return None
    top = sys.modules.get(module_name.partition(":")[0].strip().split(".")[0])
    path = getattr(top, "__file__", None)
    if not path:
        return None
    import os

    if os.path.basename(path).startswith("__init__."):
        return os.path.dirname(path) + os.sep
    return path


def plugin_failure(error: AMPError, command_name: str) -> PluginFailedError | None:
    """The :class:`PluginFailedError` a ``ResponderFailed`` in the GUI process means; else None."""
    if error.code != UNKNOWN:
        return None
    prefix = f"the responder for {command_name} raised {ResponderFailed.__name__}: "
    if not error.description.startswith(prefix):
        return None
    # The AMP layer adds where ResponderFailed itself was raised: our own line.
    message = re.sub(r" \(at [^\n]*:\d+ in \w+\)\Z", "", error.description[len(prefix):])
    return PluginFailedError(message[:1].upper() + message[1:], error.description)
