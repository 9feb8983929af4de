"""A client that never reads what the GUI process sends cannot freeze its windows.

The GUI process never blocks on a write: answers the client has not read
wait in a buffer, sent when its socket can take more, while the windows
go on. Real GUI processes, real windows on the (virtual) display, real
sockets on loopback; every wait is bounded.
"""

import select
import time
from pathlib import Path

import pytest

from pygraphics_core import amp, gui_process
from pygraphics_core.amp.boxes import BoxParser
from pygraphics_core.amp.connection import Connection
from pygraphics_core.core_commands import Hello, Ping

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(),
                                reason="reads the GUI process's memory in /proc")

TITLE = "Message"

CHATTER = """
    from pygraphics_core import amp, hookimpl
    from pygraphics_gui import ProtocolBackend, appender

    class Chatter(amp.Command):
        arguments = [("megabytes", amp.Integer())]
        response = []

    class Backend(ProtocolBackend):
        responders = []
        responder = appender(responders)

        @responder(Chatter)
        def chatter(self, megabytes):
            line = "x" * ((1 << 20) - 1)
            for _ in range(megabytes):
                print(line)
            return {}

    @hookimpl
    def pygraphics_commands():
        return [Chatter]

    @hookimpl
    def pygraphics_backends():
        return [Backend]
"""


class Chatter(amp.Command):
    """The command of the plugin above, as the client declares it."""

    arguments = [("megabytes", amp.Integer())]
    response = []


def send_without_reading(sock, data, patience=2.0):
    """Send as much of ``data`` as the peer takes, never reading; return how much went."""
    sock.setblocking(False)
    sent = 0
    view = memoryview(data)
    while sent < len(data):
        _, writable, _ = select.select([], [sock], [], patience)
        if not writable:
            break  # the peer has stopped taking more
        try:
            sent += sock.send(view[sent:sent + 65536])
        except BlockingIOError:
            pass
    return sent


def test_a_client_that_pipelines_pings_and_never_reads_does_not_freeze_the_windows(
        fresh_gui_process, gui_screen, resident_megabytes):
    from pygraphics_say.commands import Say

    process, port, secret = fresh_gui_process
    owner = amp.Proxy(gui_process.LOOPBACK, port, timeout=10).connect()
    try:
        owner.callRemote(Hello, secret=secret)
        owner.callRemote(Say, text="Do I still answer?")
        (window,) = gui_screen.wait_for_windows(TITLE, 1)
        before = resident_megabytes(process.pid)

        # Two million Pings (62 MB) sent in one go, not one answer read: more
        # than the kernel's socket buffers hold both ways.
        call = Connection().send_command(Ping, {})[1]
        calls = 2_000_000
        sock = owner._socket
        sent = send_without_reading(sock, call * calls)
        assert sent < len(call) * calls, "the GUI process read every call, unanswered"

        # The windows go on: a key press still closes the message (before,
        # the GUI process sat 30 s in sendall, its windows frozen).
        gui_screen.press(window, "Escape")
        gui_screen.wait_for_windows(TITLE, 0, timeout=10)
        # It stopped reading rather than piling up answers without end.
        assert resident_megabytes(process.pid) - before < 30

        # Once the client reads again, every call it sent is answered.
        rest = call[sent % len(call):] if sent % len(call) else b""
        expected = -(-sent // len(call))  # a call cut short is completed first
        answers = 0
        parser = BoxParser()
        deadline = time.monotonic() + 30
        while answers < expected and time.monotonic() < deadline:
            readable, writable, _ = select.select([sock], [sock] if rest else [], [], 1)
            if writable:
                rest = rest[sock.send(rest):]
            if readable:
                answers += sum(b"_answer" in box for box in parser.feed(sock.recv(1 << 20)))
        assert answers == expected
        assert process.poll() is None
    finally:
        owner.close()


def test_a_client_that_never_reads_a_flood_of_output_is_dropped_saying_why(
        fake_plugins, gui_display, capfd):
    fake_plugins.add("pygraphics-chatter", CHATTER)
    pending = gui_process.start_launch()
    try:
        process, port, secret = pending.finish()
        owner = amp.Proxy(gui_process.LOOPBACK, port, timeout=10).connect()
        owner.callRemote(Hello, secret=secret)
        # Output the client never reads: 70 MB printed by one responder.
        owner._socket.sendall(Connection().send_command(Chatter, {"megabytes": 70})[1])
        # The client is dropped, and with no window open the process ends
        # (before, it blocked for 30 s in sendall for each line it printed).
        assert process.wait(timeout=20) == 0
        owner.close()
    finally:
        pending.cancel()
    assert "has not read what it was sent" in capfd.readouterr().err
