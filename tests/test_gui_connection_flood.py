"""Strangers on the GUI process's port: floods, hoarders and loiterers.

Another local user can find the port a GUI process listens on until its
student connects. Before a connection's Hello has succeeded it gets a few
KiB, a few seconds and one of a few places; a flood of connections, even
one that leaves the GUI process without file descriptors, never ends its
event loop; and the student still gets in. Real GUI processes, real
sockets on loopback; every wait is bounded.
"""

import os
import select
import socket
import time
from pathlib import Path

import pytest

from pygraphics_core import amp, gui_process
from pygraphics_core.core_commands import Hello, Ping, WrongSecret
from pygraphics_gui import server

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(),
                                reason="reads the GUI process's memory and files in /proc")
resource = pytest.importorskip("resource")  # POSIX: to take file descriptors away


def the_owner_gets_in(port, secret):
    """The student's process connects after the strangers: it must still get in."""
    with amp.Proxy(gui_process.LOOPBACK, port, timeout=15).connect() as owner:
        assert owner.callRemote(Hello, secret=secret) == {}
        assert owner.callRemote(Ping) == {}


def serving(port):
    """Wait until the GUI process serves connections (its Tk event loop runs).

    Its port is known before it has finished starting (imported its server,
    loaded the plugins): a stranger's wrong Hello is answered only once it has.
    """
    with amp.Proxy(gui_process.LOOPBACK, port, timeout=30).connect() as stranger:
        with pytest.raises(WrongSecret):
            stranger.callRemote(Hello, secret=b"x" * 32)


def closed_by_the_peer(sockets, within):
    """The sockets that the other side closed within ``within`` seconds."""
    closed = set()
    deadline = time.monotonic() + within
    while len(closed) < len(sockets):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        ready, _, _ = select.select([sock for sock in sockets if sock not in closed], [], [],
                                    remaining)
        for sock in ready:
            try:
                if sock.recv(4096) == b"":
                    closed.add(sock)
            except (BlockingIOError, InterruptedError):
                pass
            except OSError:
                closed.add(sock)
    return closed


def test_a_flood_that_leaves_the_gui_process_no_file_descriptors_does_not_end_it(
        fresh_gui_process):
    process, port, secret = fresh_gui_process
    # As if the GUI process, once started, had used up its descriptors: room
    # for three more. (While it starts it opens files to import its modules;
    # taking them away then stops it from starting, which no stranger can do.)
    serving(port)
    in_use = len(os.listdir(f"/proc/{process.pid}/fd"))
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.prlimit(process.pid, resource.RLIMIT_NOFILE, (in_use + 3, hard))
    flood = []
    try:
        for _ in range(300):
            try:
                flood.append(socket.create_connection((gui_process.LOOPBACK, port), timeout=2))
            except OSError:
                pass  # refused or timed out: the GUI process had ended (as it did before)
        # accept() failed with EMFILE again and again: before, the first time
        # ended Tk's event loop, and the process with it. Now each time a
        # stranger makes room, and the student still gets in.
        the_owner_gets_in(port, secret)
        assert process.poll() is None
    finally:
        for sock in flood:
            sock.close()


def test_strangers_get_a_few_kib_and_the_gui_process_does_not_grow(fresh_gui_process,
                                                                   resident_megabytes):
    process, port, secret = fresh_gui_process
    serving(port)  # it has grown to its size (plugins loaded)
    before = resident_megabytes(process.pid)
    # Each stranger sends a box that never ends: well-formed pairs, 60 KB
    # each, 70 MB in all unless the GUI process hangs up first. (Before, it
    # kept everything: four of them made it grow by 280 MB, for good.)
    pair_size = 60_000
    sent_by_each = []
    for stranger_number in range(4):
        stranger = socket.create_connection((gui_process.LOOPBACK, port), timeout=10)
        sent = 0
        try:
            for number in range(70_000_000 // pair_size):
                key = b"k%d" % number
                stranger.sendall(len(key).to_bytes(2, "big") + key + (pair_size - 8).to_bytes(2, "big")
                                 + bytes(pair_size - 8))
                sent += pair_size
        except OSError:  # hung up on (reset, broken pipe), or stuck: the GUI process stopped reading
            pass
        finally:
            stranger.close()
        sent_by_each.append(sent)
    # What was sent at all sat in the kernel's socket buffers, not in the GUI process.
    assert max(sent_by_each) < 16_000_000, sent_by_each
    assert resident_megabytes(process.pid) - before < 30
    the_owner_gets_in(port, secret)
    assert process.poll() is None


def test_a_silent_stranger_is_hung_up_on_within_seconds(fresh_gui_process):
    _, port, secret = fresh_gui_process
    stranger = socket.create_connection((gui_process.LOOPBACK, port), timeout=10)
    started = time.monotonic()
    try:
        assert closed_by_the_peer([stranger], within=server.HELLO_TIMEOUT_MS / 1000 + 2)
    finally:
        stranger.close()
    assert time.monotonic() - started < 6  # not 10 s, as before
    the_owner_gets_in(port, secret)


def test_only_a_few_strangers_wait_at_once_and_the_owner_still_gets_in(fresh_gui_process):
    process, port, secret = fresh_gui_process
    strangers = [socket.create_connection((gui_process.LOOPBACK, port), timeout=10)
                 for _ in range(20)]
    try:
        # The oldest are pushed out at once, long before their time is up.
        closed = closed_by_the_peer(strangers, within=server.HELLO_TIMEOUT_MS / 1000 / 2)
        assert len(closed) >= 20 - server.MAX_CANDIDATES
        assert closed == set(strangers[:len(closed)])  # oldest first
        the_owner_gets_in(port, secret)
    finally:
        for stranger in strangers:
            stranger.close()
    assert process.poll() is None
