"""Starting a GUI process and connecting to it, from the student's side.

How a launch goes (every step has a time limit):

1. The student's process makes a random secret and a *rendezvous* socket
   listening on a loopback port the operating system picks.
2. It starts the GUI process (:func:`pygraphics_gui.process.run`, what
   ``python -m pygraphics_gui`` runs) with the secret and the
   rendezvous port in environment variables (not on the command line,
   which other users can read with ``ps``).
3. The GUI process connects to the rendezvous and at once proves who it
   is with a first line, the secret in hexadecimal. Then it starts Tk,
   listens on a loopback port of its own, and reports, in one JSON line,
   either its port or why it could not start (for example: no display).
   The rendezvous port can be seen by other local users (in
   ``/proc/net/tcp``, say), so the student's process serves every
   connection to it at once, without threads (:mod:`selectors`), and
   gives a stranger little: a few bytes, a few seconds, a few places
   (:data:`MAX_STRANGERS`, the oldest going first). Idle or slow
   connections cannot delay the launch, and a flood of them cannot push
   out the GUI process's own, which is no stranger once its first line
   has arrived.
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
# what only the launcher needs (subprocess, hmac, selectors) is imported
# where it is used, and json only once the GUI process is on its way: both
# processes start faster.

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
#: The longest report line we accept from a GUI process (once it has proved itself).
_MAX_REPORT = 8 * 1024
#: The most connections to the rendezvous port that may wait at once without
#: having proved themselves; a new one pushes out the oldest.
MAX_STRANGERS = 8
#: Seconds a connection to the rendezvous port has to prove itself (the GUI
#: process does it as soon as it is connected)...
STRANGER_TIMEOUT = 2.0
#: ...and the bytes it may send until it has (the secret's line is 65).
_MAX_GREETING = 128
#: After accept() failed for want of file descriptors, seconds before trying again.
_ACCEPT_RETRY = 0.05

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


def encode_greeting(secret_hex: str) -> bytes:
    """Return the first line the GUI process sends on the rendezvous: the secret, in hex."""
    return secret_hex.encode("ascii") + b"\n"


def encode_report(secret_hex: str, **details) -> bytes:
    """Return the GUI process's one-line report for the rendezvous (a JSON object).

    An ``error`` text is cut to fit in the line the launcher accepts.
    """
    import json

    if isinstance(details.get("error"), str):
        details["error"] = details["error"][:_MAX_REPORT // 8]
    return json.dumps({"secret": secret_hex, **details}).encode("utf-8") + b"\n"


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
        port = report.get("port")
        if "error" in report or type(port) is not int:
            self.cancel()
            raise GUIUnavailableError(str(report.get(
                "error", "PyGraphics could not open a window: its window process reported "
                         "no port to connect to.")))
        return self.process, port, self.secret

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


class _Stranger:
    """A connection to the rendezvous port, and what it has sent so far."""

    def __init__(self, connection: socket.socket, now: float):
        self.connection = connection
        self.received = bytearray()
        self.proved = False
        self.must_prove_by = now + STRANGER_TIMEOUT

    def take_line(self) -> bytes | None:
        """The first complete line received (removed from what is kept), or None."""
        end = self.received.find(b"\n")
        if end < 0:
            return None
        line = bytes(self.received[:end + 1])
        del self.received[:end + 1]
        return line


def _await_report(rendezvous: socket.socket, process: ChildProcess | subprocess.Popen,
                  secret: bytes, deadline: float) -> tuple[dict, socket.socket]:
    """Return the GUI process's report, and the connection it came on (still open).

    Every connection is served at once (see the module docstring): one
    that proves itself with the secret has until ``deadline`` to report;
    any other has :data:`STRANGER_TIMEOUT` seconds and
    :data:`_MAX_GREETING` bytes to prove itself, and at most
    :data:`MAX_STRANGERS` wait at a time.
    """
    import hmac
    import json
    import selectors

    expected_greeting = encode_greeting(secret.hex())
    peers: dict[socket.socket, _Stranger] = {}  # oldest first
    selector = selectors.DefaultSelector()
    rendezvous.setblocking(False)
    selector.register(rendezvous, selectors.EVENT_READ)
    accepting_again_at: float | None = None

    def drop(peer: _Stranger) -> None:
        del peers[peer.connection]
        selector.unregister(peer.connection)
        peer.connection.close()

    try:
        while True:
            now = time.monotonic()
            if now > deadline:
                raise GUIUnavailableError(
                    f"PyGraphics could not open a window: its window process did not start "
                    f"within {START_TIMEOUT:.0f} seconds.")
            returncode = process.poll()
            if returncode is not None:
                raise GUIUnavailableError(
                    f"PyGraphics could not open a window: its window process stopped while "
                    f"starting ({describe_exit(returncode)}). The lines above may say why.")
            for peer in [peer for peer in peers.values()
                         if not peer.proved and now > peer.must_prove_by]:
                drop(peer)
            if accepting_again_at is not None and now >= accepting_again_at:
                accepting_again_at = None
                selector.register(rendezvous, selectors.EVENT_READ)
            for key, _ in selector.select(min(_LIVENESS_INTERVAL, deadline - now)):
                if key.fileobj is rendezvous:
                    if not _accept_strangers(rendezvous, peers, selector, drop, now):
                        # No file descriptor left for a new connection: a
                        # stranger went to make room; try again shortly,
                        # rather than being woken by the waiting ones in a loop.
                        selector.unregister(rendezvous)
                        accepting_again_at = now + _ACCEPT_RETRY
                    continue
                peer = peers.get(key.fileobj)
                if peer is None:
                    continue  # dropped a moment ago
                limit = _MAX_REPORT if peer.proved else _MAX_GREETING
                try:
                    data = peer.connection.recv(limit + 1 - len(peer.received))
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    data = b""
                peer.received += data
                if not peer.proved:
                    line = peer.take_line()
                    if line is not None and hmac.compare_digest(line, expected_greeting):
                        peer.proved = True
                    elif line is not None or not data or len(peer.received) > limit:
                        drop(peer)
                        continue
                if peer.proved:
                    line = peer.take_line()
                    if line is not None:
                        try:
                            report = json.loads(line.decode("utf-8"))
                            if not isinstance(report, dict):
                                raise ValueError("not a JSON object")
                        except ValueError:
                            report = {"error": "PyGraphics could not open a window: its window "
                                               "process sent a report that makes no sense."}
                        for other in [other for other in peers.values() if other is not peer]:
                            drop(other)
                        del peers[peer.connection]
                        selector.unregister(peer.connection)
                        peer.connection.setblocking(True)
                        return report, peer.connection
                    if not data or len(peer.received) > _MAX_REPORT:
                        drop(peer)  # the GUI process went or broke: poll() will say
    except BaseException:
        for peer in list(peers.values()):
            drop(peer)
        raise
    finally:
        selector.close()


def _accept_strangers(rendezvous: socket.socket, peers: dict, selector, drop,
                      now: float) -> bool:
    """Accept every connection waiting on the rendezvous port.

    Returns False if the process has no file descriptor left (after making
    room for the next try by dropping the oldest stranger).
    """
    import errno
    import selectors

    while True:
        try:
            connection, _ = rendezvous.accept()
        except (BlockingIOError, InterruptedError):
            return True
        except OSError as error:
            if error.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                strangers = [peer for peer in peers.values() if not peer.proved]
                if strangers:
                    drop(strangers[0])
                return False
            continue  # ECONNABORTED and the like: that connection is gone; next one
        connection.setblocking(False)
        strangers = [peer for peer in peers.values() if not peer.proved]
        if len(strangers) >= MAX_STRANGERS:
            drop(strangers[0])
        peers[connection] = _Stranger(connection, now)
        selector.register(connection, selectors.EVENT_READ)


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
