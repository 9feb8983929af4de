"""Starting a GUI process and connecting to it, from the student's side.

How a launch goes (every step has a time limit):

1. The student's process makes a random secret and a *rendezvous* socket
   listening on a loopback port the operating system picks.
2. It starts the GUI process (:func:`pygraphics_gui.process.run`, what
   ``python -m pygraphics_gui`` runs) with the secret and the
   rendezvous port in environment variables (not on the command line,
   which other users can read with ``ps``).
3. The GUI process connects to the rendezvous, starts Tk, listens on a
   loopback port of its own, and reports, in one JSON line, the secret (so
   the student's process knows who is speaking) and either its port or
   why it could not start (for example: no display).
4. The student's process connects to that port and sends the secret in a
   :class:`~pygraphics_core.core_commands.Hello` command. The GUI process
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
#: Set by tests only: where the GUI process connects so that the test can
#: drive its windows (see :mod:`pygraphics_core.remote_windows`).
DRIVER_VARIABLE = "PYGRAPHICS_TEST_DRIVER"

#: Seconds a GUI process may take to start and report (Tk, plugins).
START_TIMEOUT = 30.0
#: Seconds for the first exchange on the new connection.
HELLO_TIMEOUT = 10.0
#: How often, while waiting for the rendezvous, to check the child is alive.
_LIVENESS_INTERVAL = 0.02
#: The longest report line we accept from a GUI process.
_MAX_REPORT = 64 * 1024

LOOPBACK = "127.0.0.1"

#: What the GUI process runs: what ``python -m pygraphics_gui`` runs, without
#: runpy (and the modules it imports) on the way to the first window, and
#: without the current folder on sys.path ("python -c" puts it first, as ""):
#: a student's own tkinter.py or socket.py there must not replace Python's.
GUI_PROCESS_CODE = ("import sys; sys.path[:1] == [''] and sys.path.pop(0); "
                    "from pygraphics_gui.process import run; run()")


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
        try:
            self.process = spawn(
                [sys.executable, "-c", GUI_PROCESS_CODE],
                _child_environment(self.secret, self._rendezvous.getsockname()[1]))
        except BaseException:
            self._rendezvous.close()
            raise

    def finish(self, timeout: float = START_TIMEOUT) -> tuple[ChildProcess | subprocess.Popen, int, bytes]:
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


def _await_report(rendezvous: socket.socket, process: ChildProcess | subprocess.Popen,
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


def spawn(arguments: list[str], environment: dict[str, str]) -> ChildProcess | subprocess.Popen:
    """Start ``arguments`` with ``environment`` and stdin from the null device.

    On Linux with ``os.posix_spawn`` and ``os.pidfd_open``: a
    :class:`ChildProcess`. Elsewhere: a :class:`subprocess.Popen` (on
    Windows in a process group of its own, so that Ctrl+C in the student's
    console does not close the windows).
    """
    if hasattr(os, "posix_spawn") and hasattr(os, "pidfd_open"):
        return ChildProcess(arguments, environment)
    import subprocess

    options = {}
    if os.name == "nt":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    return subprocess.Popen(arguments, env=environment, stdin=subprocess.DEVNULL, **options)


class ChildProcess:
    """A child process started with ``os.posix_spawn``; the part of ``subprocess.Popen`` we use.

    ``pid``, ``returncode``, ``poll()``, ``wait(timeout=None)`` (which
    raises :class:`subprocess.TimeoutExpired`) and ``kill()`` mean what they
    mean for a Popen. Why not Popen itself: importing subprocess (threading,
    selectors, locale...) takes the student's process about 5 ms, between
    the first ``media.say()`` and the start of the GUI process. A timed
    wait sleeps on a pidfd (woken when the child ends), not in a loop.
    """

    def __init__(self, arguments: list[str], environment: dict[str, str]):
        import signal

        self.args = arguments
        self.returncode: int | None = None
        # As Popen does (restore_signals): Python ignores SIGPIPE and SIGXFSZ,
        # and a child must not inherit that.
        defaults = [getattr(signal, name) for name in ("SIGPIPE", "SIGXFZ", "SIGXFSZ")
                    if hasattr(signal, name)]
        self.pid = os.posix_spawn(
            arguments[0], arguments, environment, setsigdef=defaults,
            file_actions=[(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0)])
        try:
            self._pidfd: int | None = os.pidfd_open(self.pid)
        except OSError:  # a kernel older than Linux 5.3
            self._pidfd = None

    def __repr__(self) -> str:
        return f"<ChildProcess pid={self.pid} returncode={self.returncode}>"

    def __del__(self) -> None:
        self._close_pidfd()

    def _close_pidfd(self, _close=os.close) -> None:
        # (os.close bound early: __del__ may run while Python shuts down.)
        pidfd, self._pidfd = getattr(self, "_pidfd", None), None
        if pidfd is not None:
            _close(pidfd)

    def _reap(self, options: int) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, options)
            except ChildProcessError:
                # Reaped by someone else (SIGCHLD ignored): its status is
                # lost. subprocess says 0 in this case too.
                pid, status = self.pid, 0
            if pid == self.pid:
                self.returncode = os.waitstatus_to_exitcode(status)
                self._close_pidfd()
        return self.returncode

    def poll(self) -> int | None:
        """Return the exit status if the process has ended, else None."""
        return self._reap(os.WNOHANG)

    def wait(self, timeout: float | None = None) -> int:
        """Wait until the process ends (at most ``timeout`` seconds); return its exit status."""
        if timeout is None:
            return self._reap(0)
        import select

        deadline = time.monotonic() + timeout
        while self.poll() is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                import subprocess

                raise subprocess.TimeoutExpired(self.args, timeout)
            if self._pidfd is not None:
                select.select([self._pidfd], [], [], remaining)
            else:
                time.sleep(min(remaining, 0.005))  # what Popen.wait does, without a pidfd
        return self.returncode

    def kill(self) -> None:
        """Stop the process with SIGKILL (if it has not ended yet)."""
        import signal

        if self.poll() is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def stop_process(process: ChildProcess | subprocess.Popen) -> None:
    """End a GUI process that must not live on, and reap it."""
    import subprocess

    if process.poll() is None:
        process.kill()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass
