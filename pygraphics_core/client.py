"""The student's side of the connection: :func:`callRemote`.

``callRemote(Command, **arguments)`` sends one AMP command to the GUI
process and returns its answer (a dict). The GUI process is started by
the first call, not when ``media`` is imported. It lives as long as the
student's program, or longer while it still shows windows: when the
program ends, it waits until the student has closed them.

No wait is without a way out. While a call waits for its answer (a dialog
waits for the student, say), the GUI process is asked now and then whether
it is alive; it answers from its event loop even during a modal dialog.
If it does not answer at all (a window's code in an endless loop, or the
process stopped), the student is told so, and the wait goes on until the
answer comes or they press Ctrl+C. Ctrl+C ends any wait at once. At exit
the program waits until its windows are closed; a Ctrl+C then ends the GUI
process too, every time, without a traceback, and so does a Ctrl+C that
interrupted a wait on a GUI process that had stopped answering.

The connection is replaceable: :func:`use_connection` installs any object
with ``callRemote(command, **kwargs)`` and ``close()``, which is how
headless mode (no screen: autograders) takes over. Setting the environment
variable ``PYGRAPHICS_HEADLESS`` (to anything but "" or "0") does the same
without code. In a Jupyter kernel with no screen, notebook mode
(:mod:`pygraphics_core.notebook`) takes over by itself.
"""

from __future__ import annotations

import atexit
import os
import sys

from pygraphics_core.gui_process import GUIProcessEndedError, GUIUnavailableError

# typing is not imported at run time: the first media.say starts the GUI
# process through this module, and every millisecond before that counts.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Protocol

__all__ = ["callRemote", "use_connection", "connection", "GUIProcessConnection",
           "GUIProcessEndedError", "GUIUnavailableError"]

#: Seconds of silence, while a call waits, before the GUI process is asked
#: whether it is alive...
PROBE_AFTER = 5.0
#: ...and the seconds it has to answer that before the student is told it
#: has stopped answering.
PROBE_PATIENCE = 5.0
#: Seconds the GUI process has to answer the Goodbye of a program at its end.
GOODBYE_TIMEOUT = 5.0


if TYPE_CHECKING:
    class Connection(Protocol):
        """What :func:`use_connection` accepts: ``callRemote(command, **kwargs)`` and ``close()``."""

        def callRemote(self, command: type, **kwargs: Any) -> dict: ...

        def close(self) -> None: ...


class GUIProcessConnection:
    """A GUI process started by this process, and the AMP connection to it."""

    def __init__(self):
        from pygraphics_core import gui_process

        pending = gui_process.start_launch()
        try:
            # While the GUI process starts, load what talking to it needs.
            from pygraphics_core import amp
            from pygraphics_core.core_commands import Hello, Output, Ping

            Proxy = amp.Proxy
            self._amp_error = amp.AMPError
        except BaseException:
            pending.cancel()
            raise
        self.process, port, secret = pending.finish()
        #: The GUI process's port (it accepts no further connection on it).
        self.port = port
        try:
            sock = gui_process.connect_loopback(port, timeout=gui_process.HELLO_TIMEOUT)
            self._proxy = Proxy.from_socket(sock, timeout=gui_process.HELLO_TIMEOUT)
            self._proxy.register(Output, _write_output)
            self._proxy.callRemote(Hello, secret=secret)
            # From now on a call may wait as long as the student takes to
            # answer a dialog; the GUI process ending still wakes it up, and
            # one that stops answering altogether is reported.
            self._proxy.timeout = None
            sock.settimeout(None)
            self._proxy.probe_while_waiting(Ping, PROBE_AFTER, PROBE_PATIENCE,
                                            self._not_answering, self._answering_again)
            pending.done()
        except (ConnectionError, TimeoutError):
            # The GUI process reports its port before it has loaded all of
            # PyGraphics; if that then failed, it says why on the rendezvous.
            late_error = pending.late_error()
            pending.done()
            gui_process.stop_process(self.process)
            if late_error is not None:
                raise GUIUnavailableError(late_error) from None
            raise GUIUnavailableError(
                f"PyGraphics could not open a window: its window process stopped answering "
                f"while starting ({gui_process.describe_exit(self.process.returncode)}). The "
                f"lines above may say why.") from None
        except BaseException:
            pending.done()
            gui_process.stop_process(self.process)
            raise
        self._ended_because: str | None = None
        # A call was interrupted (Ctrl+C) while it waited: the GUI process
        # may still be busy with it (a dialog open), so no Goodbye at exit.
        self._interrupted_wait = False
        # The GUI process stopped answering even the liveness probes.
        self._not_answering_since: float | None = None

    def _not_answering(self, seconds: float) -> None:
        import time

        self._not_answering_since = time.monotonic() - seconds
        print(f"PyGraphics: the window process has not answered for {seconds:.0f} seconds, "
              f"not even to say it is alive, so its windows are frozen: a window's code may "
              f"be stuck in an endless loop, or the process was stopped. Your program waits "
              f"for it; press Ctrl+C to stop waiting.", file=sys.stderr, flush=True)

    def _answering_again(self) -> None:
        self._not_answering_since = None
        print("PyGraphics: the window process answers again.", file=sys.stderr, flush=True)

    @property
    def is_alive(self) -> bool:
        """True while the GUI process runs and the connection to it is open."""
        return self._ended_because is None and self.process.poll() is None

    def callRemote(self, command: type, **kwargs: Any) -> dict:
        """Send one command and return its answer (see :func:`callRemote`)."""
        if self._ended_because is not None:
            raise GUIProcessEndedError(self._ended_because)
        try:
            answer = self._proxy.callRemote(command, **kwargs)
        except ConnectionError:
            if self._ended_because is None:
                self._ended_because = self._explain_end()
            # from None: the student reads one traceback, ending in this message
            # (the ConnectionError stays in __context__ for whoever debugs it).
            raise GUIProcessEndedError(self._ended_because) from None
        except self._amp_error as error:
            self._interrupted_wait = False  # answered: an interrupted call's answer came first
            from pygraphics_core.responder_failures import plugin_failure

            failure = plugin_failure(error, command.commandName)
            if failure is None:
                raise
        except BaseException:
            # Ctrl+C (or another interrupt) in the middle of the call.
            if self._proxy.is_closed:
                # Half a message may have gone: the proxy closed the
                # connection, and the GUI process, seeing it go, ends once
                # its windows are closed.
                self._ended_because = (
                    "The connection to the PyGraphics window process was cut when your "
                    "program was interrupted in the middle of a call. Call the function "
                    "again to start a new window process.")
            else:
                self._interrupted_wait = True
            raise
        else:
            # Answers come in order: whatever an interrupted call waited for is over.
            self._interrupted_wait = False
            return answer
        # Raised here, outside the except clause: one traceback, from the
        # student's own call, and no "During handling of the above...".
        raise failure

    def _explain_end(self) -> str:
        from pygraphics_core import gui_process

        self._proxy.close()
        try:
            returncode = self.process.wait(timeout=5)
        except Exception:
            gui_process.stop_process(self.process)
            returncode = self.process.returncode
        how = gui_process.describe_exit(returncode)
        return (f"The PyGraphics window process has stopped ({how}), so its windows are "
                f"gone. Call the function again to start a new window process.")

    def close(self) -> None:
        """Disconnect; the GUI process ends once its windows are closed."""
        if self._ended_because is None:
            self._ended_because = "This connection to the PyGraphics window process was closed."
            self._proxy.close()

    def stop(self) -> None:
        """Disconnect and end the GUI process now, open windows and all (tests, tools)."""
        from pygraphics_core import gui_process

        self.close()
        gui_process.stop_process(self.process)

    def finish(self, announce=print) -> None:
        """At exit: disconnect, then wait until the student has closed every window.

        Ctrl+C meanwhile ends the GUI process (windows and all) at once; so
        does leaving after a Ctrl+C that ended a wait for a GUI process
        that had stopped answering.
        """
        from pygraphics_core import gui_process
        from pygraphics_core.core_commands import Goodbye

        try:
            if self._ended_because is None and self._interrupted_wait \
                    and self._not_answering_since is not None:
                self.stop()  # the student gave up on a GUI process that does not answer
                return
            open_windows = None  # not known
            if self.is_alive and not self._interrupted_wait:
                try:
                    self._proxy.timeout = GOODBYE_TIMEOUT
                    open_windows = self.callRemote(Goodbye)["open_windows"]
                except Exception:  # no answer in time, or it has gone: see below
                    pass
            self.close()
            if open_windows == 0:
                self.process.wait()  # it ends at once: its client left, no window is open
                return
            if open_windows is not None:
                noun = "window" if open_windows == 1 else "windows"
                announce(f"PyGraphics: your program has finished. It ends when you close "
                         f"its {open_windows} open {noun}.")
            else:
                # A dialog the student gave up on closes by itself, and a
                # process without windows ends then: only say something if
                # it does not.
                try:
                    self.process.wait(timeout=1.0)
                    return
                except Exception:  # subprocess.TimeoutExpired: it goes on
                    announce("PyGraphics: your program has finished. It ends when its window "
                             "process does: close its windows, or press Ctrl+C to stop it now.")
            # The student decides how long this takes: it ends when they
            # close the last window (or press Ctrl+C).
            self.process.wait()
        except KeyboardInterrupt:
            _stop_without_interruption(self.process)


def _stop_without_interruption(process) -> None:
    """End ``process`` now; a further Ctrl+C cannot cut that short (and print a traceback)."""
    import signal

    from pygraphics_core import gui_process

    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: signals cannot be changed from here
        previous = None
    try:
        gui_process.stop_process(process)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _write_output(stream: str, text: str) -> dict:
    """Show text printed in the GUI process on our own stdout or stderr."""
    target = sys.stderr if stream == "stderr" else sys.stdout
    if target is not None:
        target.write(text)
        target.flush()
    return {}


_connection: Connection | None = None
_owner_pid: int | None = None
_finish_registered = False


def _headless_requested() -> bool:
    return os.environ.get("PYGRAPHICS_HEADLESS", "") not in ("", "0")


def _new_connection() -> Connection:
    if _headless_requested():
        try:
            from pygraphics_core import headless
        except ImportError as error:
            raise RuntimeError(
                "PYGRAPHICS_HEADLESS is set, but this PyGraphics has no headless mode "
                f"(pygraphics_core.headless could not be imported: {error}). Unset "
                "PYGRAPHICS_HEADLESS to use windows, or update PyGraphics.") from error
        return headless.HeadlessConnection()
    if "ipykernel" in sys.modules:
        # A Jupyter kernel: with no screen (JupyterHub, Colab...), or when
        # chosen, pictures and dialogs go into the notebook instead.
        from pygraphics_core import notebook

        if notebook.applies():
            return notebook.NotebookConnection()
    return GUIProcessConnection()


def connection() -> Connection:
    """Return the connection in use, starting the GUI process if there is none."""
    global _connection, _owner_pid
    if _connection is not None and _owner_pid != os.getpid():
        # We are a fork of the process that made the connection (e.g.
        # multiprocessing): its socket is not ours to use.
        _connection = None
    if _connection is None:
        _connection = _new_connection()
        _owner_pid = os.getpid()
        _register_finish()
    return _connection


def _register_finish() -> None:
    global _finish_registered
    if not _finish_registered:
        atexit.register(_finish_at_exit)
        _finish_registered = True


def use_connection(new_connection: Connection | None) -> Connection | None:
    """Send every later :func:`callRemote` to ``new_connection``; return the old one.

    ``use_connection(None)`` goes back to the default: a GUI process
    started on the next call (or headless mode, if PYGRAPHICS_HEADLESS is
    set). The old connection is returned as it is, not closed.
    """
    global _connection, _owner_pid
    previous, _connection = _connection, new_connection
    _owner_pid = os.getpid()
    return previous


def stop_gui_process() -> None:
    """End this program's GUI process now, windows and all, and forget it.

    For tests and tools that must leave nothing behind; a student's program
    never needs it (its windows stay open until the student closes them).
    The next call starts a new GUI process.
    """
    current = use_connection(None)
    if isinstance(current, GUIProcessConnection):
        current.stop()


def callRemote(command: type, **kwargs: Any) -> dict:
    """Send an AMP command to the GUI process and return its answer.

    ``callRemote(Say, text="Hello")`` returns the dict the command's
    responder returned. The first call starts the GUI process. If that
    process has stopped since the last call (it crashed or was killed), this
    call raises :class:`GUIProcessEndedError` and the next call starts a
    new one. Errors the command declares arrive as their own exception
    type; others as :class:`pygraphics_core.amp.AMPError`. A command that
    two plugins both define is sent nowhere: it raises
    :class:`pygraphics_core.plugins.PluginClashError`, naming them.
    """
    _refuse_a_disputed_command(command)
    current = connection()
    try:
        return current.callRemote(command, **kwargs)
    except GUIProcessEndedError:
        global _connection
        if _connection is current:
            _connection = None
        raise


def _refuse_a_disputed_command(command: type) -> None:
    from pygraphics_core import plugins

    name = getattr(command, "commandName", None)
    clash = plugins.registry().command_clash(name) if isinstance(name, str) else None
    if clash is not None:
        raise plugins.PluginClashError(
            f"PyGraphics cannot send the command '{name}': {clash}") from None


def _finish_at_exit() -> None:
    current = _connection
    if _owner_pid != os.getpid():
        return  # a fork's exit: the GUI process belongs to its parent
    try:
        if isinstance(current, GUIProcessConnection):
            current.finish()
        elif current is not None:
            current.close()
    except KeyboardInterrupt:
        # A Ctrl+C that came between finish()'s own guards: the student wants out.
        if isinstance(current, GUIProcessConnection):
            _stop_without_interruption(current.process)
