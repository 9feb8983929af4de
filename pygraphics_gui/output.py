"""Sending what the GUI process prints to the student's terminal.

The GUI process's own stdout may lead nowhere the student looks (IDLE,
Jupyter and Thonny show ``sys.stdout``, which is not file descriptor 1), so
while a client is connected, ``sys.stdout`` and ``sys.stderr`` are
replaced by streams that send their text to it in
:class:`~pygraphics_core.core_commands.Output` commands.
"""

from __future__ import annotations

import io
import sys

# typing is not imported at run time: this module loads while the student
# waits for their first window (the annotations are never evaluated).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable


class ForwardedStream(io.TextIOBase):
    """A text stream that hands whole lines (or flushed text) to ``send(stream, text)``."""

    def __init__(self, name: str, send: Callable[[str, str], None]):
        super().__init__()
        self.name = name
        self._send = send
        self._pending: list[str] = []

    @property
    def encoding(self) -> str:
        return "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._pending.append(text)
        if "\n" in text:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self._pending:
            text, self._pending = "".join(self._pending), []
            self._send(self.name, text)


class OutputForwarding:
    """Replace sys.stdout/sys.stderr with forwarded streams until :meth:`stop`."""

    def __init__(self, send: Callable[[str, str], None]):
        self._originals = (sys.stdout, sys.stderr)
        self.stdout = ForwardedStream("stdout", send)
        self.stderr = ForwardedStream("stderr", send)
        sys.stdout, sys.stderr = self.stdout, self.stderr

    def flush(self) -> None:
        """Send whatever is still waiting for the end of its line."""
        self.stdout.flush()
        self.stderr.flush()

    def stop(self) -> None:
        """Give sys.stdout and sys.stderr back (text still pending goes there)."""
        pending_out = "".join(self.stdout._pending)
        pending_err = "".join(self.stderr._pending)
        self.stdout._pending.clear()
        self.stderr._pending.clear()
        sys.stdout, sys.stderr = self._originals
        for stream, text in ((sys.stdout, pending_out), (sys.stderr, pending_err)):
            if text and stream is not None:
                try:
                    stream.write(text)
                    stream.flush()
                except (OSError, ValueError):
                    pass  # the terminal we were started from may be gone
