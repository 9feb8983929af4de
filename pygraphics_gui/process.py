"""The life of a GUI process: start Tk, report to the launcher, serve, end.

Started by :func:`pygraphics_core.gui_process.start_launch`, which runs
:func:`run` (as ``python -m pygraphics_gui`` does, without runpy); see that
module for the start-up handshake.

The student waits for the first window while this process starts, so it
does the least it can before it reports its port: Tk and a listening
socket. The rest (the AMP layer, the server, logging) is imported after
the report, while the student's process connects and sends its Hello.
"""

from __future__ import annotations

import os
import signal
import socket
import sys

from pygraphics_core.gui_process import (DRIVER_VARIABLE, LOOPBACK, RENDEZVOUS_VARIABLE,
                                         SECRET_VARIABLE, connect_loopback, encode_greeting,
                                         encode_report)

#: The name of the hidden root window and the class of every window (WM_CLASS).
APPLICATION_CLASS = "PyGraphics"


def explain_tk_failure(error: BaseException) -> str:
    """Say in plain words why Tk could not start, and what to do about it."""
    text = str(error)
    if "no display name" in text or "$DISPLAY" in text:
        return ("PyGraphics could not open a window: there is no display ($DISPLAY is not "
                "set). Run your program on a computer with a screen, or under Xvfb "
                "(for example: xvfb-run python your_program.py); an autograder can set "
                "PYGRAPHICS_HEADLESS=1 to run without windows.")
    if "couldn't connect to display" in text:
        display = os.environ.get("DISPLAY", "")
        return (f"PyGraphics could not open a window: the display {display!r} named by "
                f"$DISPLAY cannot be reached (is the X server running, and may you use "
                f"it?). Tk said: {text}")
    if isinstance(error, ImportError):
        return ("PyGraphics could not open a window: this Python has no Tk (the tkinter "
                f"module could not be imported: {text}). Install Python from python.org, "
                "or on Debian/Ubuntu: sudo apt install python3-tk")
    return f"PyGraphics could not open a window: Tk could not start ({text})."


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    # Plugin problems are for people, not for a traceback reader: one line each.
    print(f"{category.__name__}: {message}", file=sys.stderr if file is None else file)


def _report_amp_log_records_in_one_line() -> None:
    """Print the AMP layer's log records as one line each, on the current sys.stderr.

    The current one: while a client is connected, that is the student's
    terminal. The traceback of a failing responder is printed once, by
    :mod:`pygraphics_gui.plugin_backends`, naming the plugin.
    """
    import logging

    class OneLineReport(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            print(f"PyGraphics: {record.getMessage()}", file=sys.stderr)

    amp_log = logging.getLogger("pygraphics_core.amp")
    amp_log.addHandler(OneLineReport(logging.WARNING))
    amp_log.propagate = False


def _prepare_for_the_first_window(root) -> None:
    """Do now what the first command will need, while the student's Hello is on its way.

    Load every plugin (the student's process connects meanwhile), and the
    default font. The student's process has loaded the same plugins
    already, and shown whatever they print while they load and every
    problem it found with them: here they load quietly, so that nothing is
    said twice. What only this process finds (a backend that fails) is
    reported once the student is connected (see
    :mod:`pygraphics_gui.plugin_backends`).
    """
    import contextlib
    import io
    import warnings

    from pygraphics_core import plugins

    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), \
            contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore", plugins.PluginWarning)
        plugins.registry().commands()
    # The first use of a font makes Tk load it (fontconfig and Xft on X11):
    # several milliseconds that every window with text pays once.
    root.tk.call("font", "measure", "TkDefaultFont", "0")


def main() -> int:
    """Run the GUI process; return its exit status."""
    secret_hex = os.environ.pop(SECRET_VARIABLE, "")
    rendezvous_port = os.environ.pop(RENDEZVOUS_VARIABLE, "")
    if not secret_hex or not rendezvous_port.isdigit():
        print("python -m pygraphics_gui is the PyGraphics window process; PyGraphics starts "
              "it by itself when a program first opens a window. Try: import media; "
              "media.say('Hello')", file=sys.stderr)
        return 2
    if hasattr(signal, "SIGINT"):
        # Ctrl+C in the student's terminal stops their program, not its windows.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    rendezvous = connect_loopback(int(rendezvous_port), timeout=10)
    with rendezvous:
        # Prove at once that this connection is the one the launcher waits
        # for: until then it is one stranger among any others.
        rendezvous.sendall(encode_greeting(secret_hex))
        try:
            import tkinter

            from pygraphics_gui.x_errors import survive_x_errors

            # Before Tk starts, so that Tk hands on only the X errors it does
            # not expect (a window closed from outside) instead of exiting.
            survive_x_errors()
            root = tkinter.Tk(className=APPLICATION_CLASS)
        except Exception as error:  # TclError, ImportError: the launcher says why
            rendezvous.sendall(encode_report(secret_hex, error=explain_tk_failure(error)))
            return 1
        root.withdraw()
        root.title(APPLICATION_CLASS)
        # Listen and report now: the student's process connects and sends
        # its Hello while the server is imported (the connection waits in
        # the listening queue meanwhile).
        listener = socket.create_server((LOOPBACK, 0))
        rendezvous.sendall(encode_report(secret_hex, port=listener.getsockname()[1]))
        try:
            import warnings

            from pygraphics_gui.server import SETTLE_DELAY_MS, GUIServer

            warnings.showwarning = _show_warning
            server = GUIServer(root, bytes.fromhex(secret_hex), listener=listener)
        except Exception as error:  # a broken installation: say so, and where
            import traceback

            traceback.print_exc()
            # The launcher still listens on the rendezvous when its Hello fails.
            rendezvous.sendall(encode_report(secret_hex, error=(
                f"PyGraphics could not start its window process: {type(error).__name__}: "
                f"{error}. Reinstalling PyGraphics may help.")))
            return 1
        # The server keeps it: it closes when the launcher goes.
        server.start(launcher=rendezvous.detach())
        driver = os.environ.pop(DRIVER_VARIABLE, "")
        if driver:  # a test drives this process's windows (tests only)
            from pygraphics_gui import remote_windows

            remote_windows.serve(root, driver)
        # logging takes a few milliseconds to import: not before the first
        # window. (Until then a record would still reach the student's
        # terminal, through logging's last-resort handler.)
        root.after(SETTLE_DELAY_MS, _report_amp_log_records_in_one_line)
        _prepare_for_the_first_window(root)
    try:
        root.mainloop()
    finally:
        server.close()
        try:
            root.destroy()
        except tkinter.TclError:
            pass
    return 0


def run() -> None:
    """Run the GUI process and exit with its status (what ``python -m pygraphics_gui`` does)."""
    sys.exit(main())
