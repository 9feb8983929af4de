"""The GUI process's server: one AMP client, served from Tk's event loop.

The server listens on a loopback port until a connection proves, with a
:class:`~pygraphics_core.core_commands.Hello` carrying the launch secret, that
it comes from the process that started this one. That connection becomes
*the* client; the server stops listening. Then it registers every
plugin's backends (see :mod:`pygraphics_gui.plugin_backends`) and answers
commands as they arrive, without threads: Tk tells it when the
socket has data (see :mod:`pygraphics_gui.socket_watch`).

The process ends when the client has gone (it said goodbye, exited, or was
killed) and no :class:`~pygraphics_gui.windows.Window` is open; before any
client has connected, when the process that launched it has gone.
"""

from __future__ import annotations

import hmac
import select
import socket
import sys
import time
import tkinter

from pygraphics_core import amp, plugins
from pygraphics_core.core_commands import Goodbye, Hello, Output, Ping, WrongSecret
from pygraphics_core.gui_process import LOOPBACK
from pygraphics_gui import windows
from pygraphics_gui.output import OutputForwarding
from pygraphics_gui.plugin_backends import register_plugin_backends
from pygraphics_gui.socket_watch import SocketWatcher

#: How long a new connection has to prove itself with Hello.
HELLO_TIMEOUT_MS = 10_000
#: The longest a send to the client may block (its socket buffer is full).
SEND_TIMEOUT = 30.0
#: How soon after the start, once the first window may be up, the rest is set up.
SETTLE_DELAY_MS = 250
#: After an answer, how long (seconds) to wait for the client's next call
#: before going back to Tk's event loop...
LINGER = 0.001
#: The most modal dialogs cancelled at once when the client hangs up.
MAX_DIALOGS_CANCELLED = 10
#: ...and the longest run of calls served before Tk gets its turn.
BURST = 0.02


class _Candidate:
    """A connection that has not yet proved it knows the secret."""

    def __init__(self, server: "GUIServer", connection: socket.socket):
        self.connection = connection
        self.proved = False
        self._secret = server.secret
        self.gate = amp.Dispatcher()
        self.gate.register(Hello, self.hello)
        self.watcher = SocketWatcher(server.root, connection,
                                     lambda: server._candidate_readable(self))
        self.timer: str | None = None

    def hello(self, secret: bytes) -> dict:
        if not hmac.compare_digest(secret, self._secret):
            raise WrongSecret("this is not the secret this window process was started with")
        self.proved = True
        return {}


class GUIServer:
    """Serves one client from ``root``'s event loop; see the module docstring."""

    def __init__(self, root: tkinter.Tk, secret: bytes,
                 registry: plugins.PluginRegistry | None = None,
                 listener: socket.socket | None = None):
        """Serve from ``root``'s event loop on ``listener`` (a new loopback socket if None)."""
        self.root = root
        self.secret = secret
        self._registry = registry
        if listener is None:
            listener = socket.create_server((LOOPBACK, 0))
        self._listener: socket.socket | None = listener
        self._listener.setblocking(False)
        self.port: int = self._listener.getsockname()[1]
        self._listener_watcher = SocketWatcher(root, self._listener, self._accept)
        self._candidates: list[_Candidate] = []
        self._client: socket.socket | None = None
        self._client_watcher: SocketWatcher | None = None
        self._dispatcher: amp.Dispatcher | None = None
        self._output: OutputForwarding | None = None
        self.client_gone = False
        self._launcher: socket.socket | None = None
        self._launcher_watcher: SocketWatcher | None = None
        self._serving = False
        windows.add_close_listener(self._window_closed)

    def start(self, launcher: int | None = None) -> None:
        """Start accepting.

        ``launcher`` is the file descriptor of the connection to the process
        that started this one (the rendezvous): if it closes before a client
        has proved itself, the launcher has gone, and so does this process.
        """
        self._listener_watcher.resume()
        if launcher is not None:
            self._launcher = socket.socket(fileno=launcher)
            self._launcher.setblocking(False)
            self._launcher_watcher = SocketWatcher(self.root, self._launcher,
                                                   self._launcher_readable)
            self._launcher_watcher.resume()

    def _launcher_readable(self) -> None:
        try:
            if self._launcher.recv(1):
                return  # the launcher has nothing to say; only its going counts
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            pass
        self._stop_watching_launcher()
        if self._client is None and not self.client_gone:
            self.client_gone = True
            self._quit_if_done()

    def _stop_watching_launcher(self) -> None:
        if self._launcher is not None:
            self._launcher_watcher.stop()
            self._launcher.close()
            self._launcher = None

    # -- before the client: accepting and checking the secret ---------------

    def _accept(self) -> None:
        try:
            connection, _ = self._listener.accept()
        except (BlockingIOError, InterruptedError):
            return
        connection.settimeout(SEND_TIMEOUT)
        candidate = _Candidate(self, connection)
        self._candidates.append(candidate)
        candidate.timer = self.root.after(HELLO_TIMEOUT_MS, lambda: self._drop(candidate))
        candidate.watcher.resume()

    def _drop(self, candidate: _Candidate) -> None:
        if candidate in self._candidates:
            self._candidates.remove(candidate)
            candidate.watcher.stop()
            if candidate.timer is not None:
                self.root.after_cancel(candidate.timer)
            candidate.connection.close()

    def _candidate_readable(self, candidate: _Candidate) -> None:
        try:
            data = candidate.connection.recv(65536)
            answer = candidate.gate.data_received(data) if data else None
        except (OSError, amp.ProtocolError):
            answer = None
            data = b""
        if not data:
            self._drop(candidate)
            return
        if candidate.proved:
            self._adopt(candidate)
            self._send(answer)
        elif answer:
            # Its first command was not a correct Hello: answer it (an error)
            # and hang up. It gets no second try on this connection.
            try:
                candidate.connection.sendall(answer)
            except OSError:
                pass
            self._drop(candidate)

    def _adopt(self, chosen: _Candidate) -> None:
        """Make ``chosen`` the client: stop listening, register every backend."""
        self._stop_watching_launcher()
        self._listener_watcher.stop()
        self._listener.close()
        self._listener = None
        for candidate in list(self._candidates):
            if candidate is not chosen:
                self._drop(candidate)
        chosen.watcher.stop()
        self.root.after_cancel(chosen.timer)
        self._candidates.clear()
        self._client = chosen.connection
        self._dispatcher = amp.Dispatcher()
        self._output = OutputForwarding(self._send_output)
        if self._registry is None:
            self._registry = plugins.registry()
        self._register_everything(self._dispatcher)
        self._client_watcher = SocketWatcher(self.root, self._client, self._client_readable)
        self._client_watcher.resume()

    # -- registering responders ----------------------------------------------

    def _register_everything(self, dispatcher: amp.Dispatcher) -> None:
        dispatcher.register(Ping, lambda: {})
        dispatcher.register(Goodbye, lambda: {"open_windows": len(windows.open_windows())})
        # Now that the client is connected, a problem with a backend is
        # reported on its terminal (through the forwarded stderr).
        register_plugin_backends(dispatcher, self._registry)

    # -- serving the client ---------------------------------------------------

    def _client_readable(self) -> None:
        if self._serving:
            # A responder runs a nested event loop (a modal dialog) and more
            # arrived meanwhile (the client hung up, most likely): the
            # dispatcher must not be fed again before the responder returns,
            # so stop watching until then, rather than being woken in a loop.
            self._client_watcher.pause()
            if self._client_hung_up():
                # Nobody is left to receive the dialog's answer: cancel it,
                # so the responder returns and the process can end (windows
                # that show something stay open).
                self._cancel_modal_dialogs()
            return
        # Student programs often call in quick succession (a loop of
        # media.update, say after say). Going back to Tk's event loop between
        # two calls costs a round through Tk's notifier, so: after each
        # answer, wait a moment (LINGER) for the next call and serve it
        # straight away, but never for longer than BURST in a row, so that
        # windows keep being redrawn.
        burst_ends = time.perf_counter() + BURST
        while self._serve_one():
            if time.perf_counter() > burst_ends:
                break
            try:
                ready, _, _ = select.select([self._client], [], [], LINGER)
            except (OSError, ValueError):
                break
            if not ready:
                break
        if self._client is not None:
            self._client_watcher.resume()  # if a nested loop paused it

    def _client_hung_up(self) -> bool:
        """True if the client closed its end (looked at without reading anything)."""
        try:
            return self._client.recv(1, socket.MSG_PEEK) == b""
        except (BlockingIOError, InterruptedError, socket.timeout):
            return False
        except OSError:
            return True

    def _cancel_modal_dialogs(self) -> None:
        """Cancel every dialog that holds the grab, as its close button would."""
        tk = self.root.tk
        # Each cancel ends one dialog; a bound keeps a dialog that refuses
        # to close from holding this loop.
        for _ in range(MAX_DIALOGS_CANCELLED):
            grabbing = tk.call("grab", "current")
            if not grabbing:
                return
            dialog = tk.call("winfo", "toplevel", grabbing)
            on_close = tk.call("wm", "protocol", dialog, "WM_DELETE_WINDOW")
            tk.call("grab", "release", grabbing)
            if on_close:
                tk.eval(on_close)
            else:
                tk.call("destroy", dialog)

    def _serve_one(self) -> bool:
        """Read what the client sent and answer it; return False if the client is gone."""
        try:
            data = self._client.recv(65536)
        except (BlockingIOError, InterruptedError, socket.timeout):
            return True
        except OSError:
            data = b""
        if not data:
            self._lose_client()
            return False
        self._serving = True
        try:
            answer = self._dispatcher.data_received(data)
        except amp.ProtocolError as error:
            print(f"PyGraphics: the connection broke the AMP protocol ({error}); "
                  f"closing it.", file=sys.stderr)
            self._lose_client()
            return False
        finally:
            self._serving = False
        if self._client is None:
            return False  # lost while the responder ran
        self._send(answer)
        return self._client is not None

    def _send(self, data: bytes | None) -> None:
        if self._output is not None:
            self._output.flush()
        if data and self._client is not None:
            try:
                self._client.sendall(data)
            except OSError:
                self._lose_client()

    def _send_output(self, stream: str, text: str) -> None:
        if self._client is None:
            return
        try:
            self._client.sendall(self._dispatcher.command_bytes(Output, stream=stream, text=text))
        except OSError:
            # Cannot tell the student now; at least keep the text.
            self._lose_client()
            print(text, end="", file=sys.__stderr__ if stream == "stderr" else sys.__stdout__)

    def _lose_client(self) -> None:
        if self._client is None:
            return
        self._client_watcher.stop()
        self._client.close()
        self._client = None
        self.client_gone = True
        if self._output is not None:
            self._output.stop()
            self._output = None
        self._quit_if_done()

    def _window_closed(self, remaining: int) -> None:
        self._quit_if_done()

    def _quit_if_done(self) -> None:
        if self.client_gone and not windows.open_windows():
            self.root.quit()

    def close(self) -> None:
        """Close every socket (the event loop has ended)."""
        windows.remove_close_listener(self._window_closed)
        self._stop_watching_launcher()
        if self._listener is not None:
            self._listener_watcher.stop()
            self._listener.close()
        for candidate in list(self._candidates):
            self._drop(candidate)
        if self._client is not None:
            self._lose_client()
