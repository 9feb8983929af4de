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

Other local users can find the port, so until a connection's Hello has
succeeded it is untrusted: it may send ``MAX_BYTES_BEFORE_HELLO``
bytes within ``HELLO_TIMEOUT_MS``, and at most ``MAX_CANDIDATES``
such connections wait at once (a new one pushes out the oldest that has
sent nothing). A flood of connections, even one that leaves this process
without file descriptors, never ends the event loop.

The server never blocks on a write: what the client has not read yet waits
in a buffer, sent whenever the socket can take more. Above
``PAUSE_READING_AT`` unsent bytes it stops reading the client's calls
until they have gone (a client that never reads cannot make it buffer
without end), and above ``MAX_UNSENT`` (output printed by a
responder, which reading less cannot stop) it drops the client, saying why.
"""

from __future__ import annotations

import collections
import errno
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

#: How long a new connection has to prove itself with Hello...
HELLO_TIMEOUT_MS = 3_000
#: ...the bytes it may send until it has (a Hello takes about 60)...
MAX_BYTES_BEFORE_HELLO = 4 * 1024
#: ...and how many such connections may wait at once.
MAX_CANDIDATES = 8
#: After accept() failed for want of file descriptors, the wait before the next try.
ACCEPT_RETRY_MS = 100
#: Unsent bytes for the client above which its calls are not read...
PAUSE_READING_AT = 1 << 20
#: ...and above which the client is dropped.
MAX_UNSENT = 64 << 20
#: accept() errors that say this process has no room for another connection now.
_NO_ROOM = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})
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
        self.bytes_received = 0

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
        # What the client has not read yet (bytes and memoryviews, in order).
        self._unsent: collections.deque = collections.deque()
        self._unsent_size = 0
        self._closing_once_sent = False
        # What the client sent while a responder ran, for the dispatcher.
        self._held = bytearray()
        root.report_callback_exception = self._report_callback_failure
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
        # A few at a time: under a flood of connections, Tk still gets its
        # turn between rounds (the windows are drawn, a Hello that has
        # arrived is read), and is called again while more are waiting.
        for _ in range(MAX_CANDIDATES):
            if self._listener is None:
                return
            try:
                connection, _ = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:
                if error.errno not in _NO_ROOM:
                    continue  # that connection is gone already (ECONNABORTED...): next
                # No file descriptor for it: make room by pushing out a
                # stranger, or if there is none, try again shortly (the
                # connection waits in the queue meanwhile), rather than
                # being woken for it in a loop.
                if self._candidates:
                    self._drop(self._least_promising_candidate())
                    continue
                self._listener_watcher.pause()
                self.root.after(ACCEPT_RETRY_MS, self._listener_watcher.resume)
                return
            connection.setblocking(False)
            if len(self._candidates) >= MAX_CANDIDATES:
                self._drop(self._least_promising_candidate())
            candidate = _Candidate(self, connection)
            self._candidates.append(candidate)
            candidate.timer = self.root.after(HELLO_TIMEOUT_MS, lambda: self._drop(candidate))
            candidate.watcher.resume()

    def _least_promising_candidate(self) -> _Candidate:
        """The oldest candidate with nothing waiting to be read (else the oldest).

        The student's process sends its Hello as soon as it is connected:
        its connection has something to read even before this process got
        round to it, so a flood of idle connections cannot push it out.
        """
        try:
            waiting, _, _ = select.select([candidate.connection for candidate in self._candidates],
                                          [], [], 0)
        except (OSError, ValueError):
            waiting = []
        for candidate in self._candidates:
            if candidate.connection not in waiting:
                return candidate
        return self._candidates[0]

    def _drop(self, candidate: _Candidate) -> None:
        if candidate in self._candidates:
            self._candidates.remove(candidate)
            candidate.watcher.stop()
            if candidate.timer is not None:
                self.root.after_cancel(candidate.timer)
            candidate.connection.close()

    def _candidate_readable(self, candidate: _Candidate) -> None:
        # A stranger gets a few KiB, never more: read no further than that.
        allowance = MAX_BYTES_BEFORE_HELLO - candidate.bytes_received
        try:
            data = candidate.connection.recv(allowance + 1)
            if len(data) > allowance:
                raise amp.ProtocolError("more than a Hello before its Hello")
            candidate.bytes_received += len(data)
            answer = candidate.gate.data_received(data) if data else None
        except (BlockingIOError, InterruptedError):
            return
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
                candidate.connection.send(answer)
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
            self._read_while_serving()
            return
        # Student programs often call in quick succession (a loop of
        # media.update, say after say). Going back to Tk's event loop between
        # two calls costs a round through Tk's notifier, so: after each
        # answer, wait a moment (LINGER) for the next call and serve it
        # straight away, but never for longer than BURST in a row, so that
        # windows keep being redrawn.
        burst_ends = time.perf_counter() + BURST
        while self._serve_one():
            if time.perf_counter() > burst_ends or self._unsent_size > PAUSE_READING_AT:
                break
            if self._held:
                continue  # sent while the responder ran: next in turn
            try:
                ready, _, _ = select.select([self._client], [], [], LINGER)
            except (OSError, ValueError):
                break
            if not ready:
                break
        if self._client is None:
            return
        if self._unsent_size > PAUSE_READING_AT:
            # The client does not read its answers: read no more of its
            # calls until they have gone (_client_writable resumes).
            self._client_watcher.pause()
        else:
            self._client_watcher.resume()  # if a nested loop paused it

    def _read_while_serving(self) -> None:
        """The client sent something while a responder runs a nested loop (a modal dialog).

        The dispatcher must not be fed again before the responder returns.
        What a waiting client sends meanwhile is its liveness probes (Pings:
        see :meth:`pygraphics_core.amp.Proxy.probe_while_waiting`); they
        are answered at once, which tells it that this process is alive and
        only waiting (for a person, most likely). Anything else is kept, a
        few KiB at most, for the dispatcher once the responder has returned.
        If the client hung up, nobody is left to receive the dialog's
        answer: the dialog is cancelled, so the responder returns and the
        process can end (windows that show something stay open).
        """
        try:
            data = self._client.recv(MAX_BYTES_BEFORE_HELLO - len(self._held))
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._client_watcher.pause()
            self._cancel_modal_dialogs()
            return
        self._held += data
        answers = self._dispatcher.answer_probes(bytes(self._held), Ping)
        if answers is not None:
            self._held.clear()
            self._write(answers)
        elif len(self._held) >= MAX_BYTES_BEFORE_HELLO:
            # Not a waiting client's probes: read no more until the
            # responder returns (rather than being woken in a loop).
            self._client_watcher.pause()

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

    def _report_callback_failure(self, kind: type, error: BaseException, trace) -> None:
        """Tk's report_callback_exception: a window's callback raised ``error``.

        It never raises: an exception from here would end Tk's event loop,
        and every window with it. When a modal dialog holds the grab while a
        call waits for it, the dialog is broken: it is closed, and the
        student's call fails with a short message that says what failed and
        where (as a plugin's responder that fails does: see
        :mod:`pygraphics_core.responder_failures`), rather than waiting for
        an answer that cannot come. (While a grab is held, only the dialog
        takes input, so the failing callback is almost surely its own.)
        Otherwise the traceback goes to the student's terminal (stderr is
        forwarded there), as Tk's own report would.
        """
        try:
            if (self._serving and self._dispatcher is not None and isinstance(error, Exception)
                    and self.root.tk.call("grab", "current")):
                from pygraphics_core.responder_failures import ResponderFailed

                self._dispatcher.fail_running_call(
                    ResponderFailed(_describe_window_failure(error, trace)))
                self._cancel_modal_dialogs()
                return
            try:
                import traceback

                text = "".join(traceback.format_exception(kind, error, trace))
            except Exception:  # even traceback may fail to load (no file descriptor left)
                text = f"{kind.__name__}: {error}\n"
            print(f"PyGraphics: a window's code failed:\n{text}", end="", file=sys.stderr)
        except Exception:
            pass  # nothing more can be done, and the windows must go on

    def _serve_one(self) -> bool:
        """Read what the client sent and answer it; return False if the client is gone."""
        if self._held:
            data = bytes(self._held)
            self._held.clear()
        else:
            try:
                data = self._client.recv(65536)
            except (BlockingIOError, InterruptedError):
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
        if self._client is not None and self._dispatcher.closing:
            # A fatal error was answered (or arguments that do not decode):
            # the conversation is over once that answer has gone.
            self._lose_client_once_sent()
        return self._client is not None and not self._dispatcher.closing

    def _send(self, data: bytes | None) -> None:
        if self._output is not None:
            self._output.flush()
        if data and self._client is not None:
            self._write(data)

    def _send_output(self, stream: str, text: str) -> None:
        if self._client is None:
            return
        self._write(self._dispatcher.command_bytes(Output, stream=stream, text=text))
        if self._client is None:
            # Cannot tell the student now; at least keep the text.
            print(text, end="", file=sys.__stderr__ if stream == "stderr" else sys.__stdout__)

    def _write(self, data: bytes) -> None:
        """Send ``data`` to the client without ever blocking: what does not fit now waits."""
        if not self._unsent:
            try:
                sent = self._client.send(data)
            except (BlockingIOError, InterruptedError):
                sent = 0
            except OSError:
                self._lose_client()
                return
            if sent == len(data):
                return
            data = memoryview(data)[sent:]
        self._unsent.append(data)
        self._unsent_size += len(data)
        if self._unsent_size > MAX_UNSENT:
            print(f"PyGraphics: the program using this window process has not read what it "
                  f"was sent ({self._unsent_size:,} bytes are waiting), so it is disconnected. "
                  f"Its windows stay open until they are closed.", file=sys.__stderr__)
            self._lose_client()
            return
        self._client_watcher.watch_writable(self._client_writable)

    def _client_writable(self) -> None:
        """Send what waits for the client, as much as its socket takes now."""
        while self._unsent:
            data = self._unsent[0]
            try:
                sent = self._client.send(data)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                self._lose_client()
                return
            self._unsent_size -= sent
            if sent < len(data):
                self._unsent[0] = memoryview(data)[sent:]
                return
            self._unsent.popleft()
        self._client_watcher.watch_writable(None)
        if self._closing_once_sent:
            self._lose_client()
        elif not self._serving:
            # Reading was paused while answers piled up (_client_readable).
            self._client_watcher.resume()

    def _lose_client_once_sent(self) -> None:
        if self._unsent:
            self._closing_once_sent = True
            self._client_watcher.pause()
        else:
            self._lose_client()

    def _lose_client(self) -> None:
        if self._client is None:
            return
        self._client_watcher.stop()
        self._client.close()
        self._client = None
        self._unsent.clear()
        self._unsent_size = 0
        self._held.clear()
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


def _describe_window_failure(error: Exception, trace) -> str:
    """Say that the window a call opened failed with ``error``, and where, in a few lines."""
    from pygraphics_core.plugins import describe_exception

    text = f"the window this call opened failed, so it was closed: {describe_exception(error)}"
    try:
        import traceback

        frame = traceback.extract_tb(trace)[-1]
    except Exception:  # no traceback to tell the place
        return text
    text += f'\n  File "{frame.filename}", line {frame.lineno}, in {frame.name}'
    if frame.line:
        text += f"\n    {frame.line.strip()}"
    return text
