"""Starting a GUI process and connecting to it, from the student's side.

How a launch goes (every step has a time limit):

1. The student's process makes a random secret and a *rendezvous* socket
   listening on a loopback port the operating system picks.
2. It starts ``python -m pygraphics_gui`` with the secret and the
   rendezvous port in environment variables (not on the command line,
   which other users can read with ``ps``).
3. The GUI process connects to the rendezvous, starts Tk, listens on a
   loopback port of its own, and reports, in one JSON line, the secret (so
   the student's process knows who is speaking) and either its port or
   why it could not start (for example: no display).
4. The student's process connects to that port and sends the secret in a
   :class:`~pygraphics_core.commands.Hello` command. The GUI process
   answers only a connection that does this first, and then stops
   listening: no other process can drive it.
5. Until then the rendezvous connection stays open: if the student's
   process ends first (even killed), the GUI process sees it close, and
   ends too. So it may wait for the first call as long as the program
   runs, and never outlives a program that made no call.

Waiting for the GUI process is done with sockets and time limits, never by
reading its output pipe, because Windows cannot wait on a pipe with a time
limit without a thread.
"""

from __future__ import annotations

import os
import socket
import sys
import time

# The GUI process imports this module too, for the names of the handshake;
# what only the launcher needs (subprocess, hmac) is imported where it is
# used, and json only once the GUI process is on its way: both processes
# start faster.

#: Environment variables that carry the launch details to the GUI process.
SECRET_VARIABLE = "PYGRAPHICS_GUI_SECRET"
RENDEZVOUS_VARIABLE = "PYGRAPHICS_GUI_RENDEZVOUS"

#: Seconds a GUI process may take to start and report (Tk, plugins).
START_TIMEOUT = 30.0
#: Seconds for the first exchange on the new connection.
HELLO_TIMEOUT = 10.0
#: How often, while waiting for the rendezvous, to check the child is alive.
_LIVENESS_INTERVAL = 0.02
#: The longest report line we accept from a GUI process.
_MAX_REPORT = 64 * 1024

LOOPBACK = "127.0.0.1"


class GUIUnavailableError(RuntimeError):
    """PyGraphics could not start its window process (no display, broken install...)."""


class GUIProcessEndedError(ConnectionError):
    """The window process stopped while the student's program still needed it."""


def encode_report(secret_hex: str, **details) -> bytes:
    """Return the GUI process's one-line report for the rendezvous (a JSON object)."""
    fields = {"secret": secret_hex, **details}
    if all(type(value) is int or (type(value) is str and value.isalnum() and value.isascii())
           for value in fields.values()):
        # The usual report, a secret and a port, needs no escaping: written
        # directly, it spares the GUI process importing json while it starts.
        return ("{" + ", ".join(f'"{key}": ' + (f'"{value}"' if type(value) is str else str(value))
                                for key, value in fields.items()) + "}\n").encode("ascii")
    import json

    return json.dumps(fields).encode("utf-8") + b"\n"


def connect_loopback(port: int, timeout: float) -> socket.socket:
    """Connect to ``port`` on the loopback address, waiting at most ``timeout`` seconds.

    Not socket.create_connection: its name lookup imports the idna codec
    (and unicodedata), a few milliseconds spent on a numeric address while
    the student waits for the first window.
    """
    connection = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        connection.settimeout(timeout)
        connection.connect((LOOPBACK, port))
    except BaseException:
        connection.close()
        raise
    return connection


def _read_line(connection: socket.socket, deadline: float) -> bytes:
    received = bytearray()
    while not received.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the GUI process did not finish its report in time")
        connection.settimeout(remaining)
        chunk = connection.recv(4096)
        if not chunk:
            break
        received += chunk
        if len(received) > _MAX_REPORT:
            break
    return bytes(received)


def describe_exit(returncode: int | None) -> str:
    """Say how a process ended, from its exit status: "it was stopped by signal 9"."""
    if returncode is None:
        return "it stopped"
    if returncode < 0:
        return f"it was stopped by signal {-returncode}"
    return f"it exited with code {returncode}"


def _child_environment(secret: bytes, rendezvous_port: int) -> dict[str, str]:
    environment = dict(os.environ)
    environment[SECRET_VARIABLE] = secret.hex()
    environment[RENDEZVOUS_VARIABLE] = str(rendezvous_port)
    # The child must import the same PyGraphics as we did, even if ours was
    # found through a sys.path entry that the environment does not name.
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    paths = [path for path in environment.get("PYTHONPATH", "").split(os.pathsep) if path]
    if here not in paths:
        environment["PYTHONPATH"] = os.pathsep.join([*paths, here])
    return environment


class PendingLaunch:
    """A GUI process started and not yet waited for (see :func:`start_launch`)."""

    def __init__(self):
        import subprocess

        if not sys.executable:
            raise GUIUnavailableError(
                "PyGraphics could not open a window: this Python does not know where its own "
                "program file is (sys.executable is empty), so it cannot start the window "
                "process.")
        # What secrets.token_bytes(32) does, without importing secrets (and
        # with it hashlib, OpenSSL and random) before the GUI process starts.
        self.secret = os.urandom(32)
        self.started = time.monotonic()
        self._launcher_line: socket.socket | None = None
        self._rendezvous = socket.create_server((LOOPBACK, 0))
        self._rendezvous.settimeout(_LIVENESS_INTERVAL)
        options = {}
        if os.name == "nt":
            # Its own process group: Ctrl+C in the student's console must not
            # close the windows.
            options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "pygraphics_gui"],
                env=_child_environment(self.secret, self._rendezvous.getsockname()[1]),
                stdin=subprocess.DEVNULL,
                **options,
            )
        except BaseException:
            self._rendezvous.close()
            raise

    def finish(self, timeout: float = START_TIMEOUT) -> tuple[subprocess.Popen, int, bytes]:
        """Wait until the GUI process is ready; return it, its port and its secret.

        Raises :class:`GUIUnavailableError` with the GUI process's own
        words when it cannot start (no display, Tk missing...), promptly:
        as soon as the process reports or dies.
        """
        try:
            with self._rendezvous:
                report, self._launcher_line = _await_report(
                    self._rendezvous, self.process, self.secret, self.started + timeout)
        except BaseException:
            stop_process(self.process)
            raise
        if "error" in report:
            self.cancel()
            raise GUIUnavailableError(str(report["error"]))
        return self.process, int(report["port"]), self.secret

    def late_error(self, timeout: float = 2.0) -> str | None:
        """Return the error the GUI process reported after its port, if it did.

        For a Hello that failed: the GUI process reports its port as soon as
        Tk runs, then loads the rest of PyGraphics, and if that fails it
        sends an error report on the rendezvous and exits. Waits at most
        ``timeout`` seconds (the process is ending: the line or the end of
        the connection comes at once).
        """
        import json

        if self._launcher_line is None:
            return None
        try:
            line = _read_line(self._launcher_line, time.monotonic() + timeout)
            report = json.loads(line.decode("utf-8"))
            if bytes.fromhex(report["secret"]) == self.secret:
                return str(report["error"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return None

    def done(self) -> None:
        """The handshake is over: the GUI process no longer watches for our end."""
        if self._launcher_line is not None:
            self._launcher_line.close()
            self._launcher_line = None

    def cancel(self) -> None:
        """Stop the GUI process: it is not needed after all."""
        self._rendezvous.close()
        self.done()
        stop_process(self.process)


def start_launch() -> PendingLaunch:
    """Start a GUI process and return at once; :meth:`PendingLaunch.finish` waits for it.

    Python and Tk take a moment to start: meanwhile the student's process
    can load its plugins.
    """
    return PendingLaunch()


def _await_report(rendezvous: socket.socket, process: subprocess.Popen,
                  secret: bytes, deadline: float) -> tuple[dict, socket.socket]:
    """Return the GUI process's report, and the connection it came on (still open)."""
    import hmac
    import json

    while True:
        if time.monotonic() > deadline:
            raise GUIUnavailableError(
                f"PyGraphics could not open a window: its window process did not start "
                f"within {START_TIMEOUT:.0f} seconds.")
        try:
            connection, _ = rendezvous.accept()
        except (socket.timeout, BlockingIOError):
            returncode = process.poll()
            if returncode is not None:
                raise GUIUnavailableError(
                    f"PyGraphics could not open a window: its window process stopped while "
                    f"starting ({describe_exit(returncode)}). The lines above may say why.")
            continue
        try:
            line = _read_line(connection, min(deadline, time.monotonic() + HELLO_TIMEOUT))
            report = json.loads(line.decode("utf-8"))
            sent_secret = bytes.fromhex(report["secret"])
        except (OSError, ValueError, KeyError, TypeError):
            connection.close()
            continue  # not our GUI process: keep waiting for it
        if hmac.compare_digest(sent_secret, secret):
            return report, connection
        connection.close()


def stop_process(process: subprocess.Popen) -> None:
    """End a GUI process that must not live on, and reap it."""
    import subprocess

    if process.poll() is None:
        process.kill()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass
