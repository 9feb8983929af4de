"""How fast is PyGraphics' AMP layer? Prints each figure beside its baseline.

    python bench/bench_amp.py

(a) The round trip of a command with one Integer, our Proxy to our
    Dispatcher (in a child process, fed by the same blocking read loop as
    the raw echo), against a raw blocking-socket echo of the same bytes,
    and against a Twisted AMP client calling a Twisted AMP server. For
    reference it also times the raw echo served by a selectors loop, which
    shows what an event loop (the GUI process runs Tk's) adds by itself.
(b) A 1920x1080 RGB picture sent as a PILImage argument, against sending
    its 6,220,800 raw bytes over a socket (each answered by a tiny reply).

Every peer runs in its own child process over loopback TCP with
TCP_NODELAY. The contenders are timed in interleaved blocks, so that all of
them see the same load on the machine, and each figure is the median of
all its round trips in this run. Twisted is optional: without it the
Twisted baseline is skipped with a note. This is a benchmark, not a test:
it only prints.
"""

import importlib.util
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import PIL
from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from amp_peers import PATIENCE, Ping, ShowPicture  # noqa: E402

from pygraphics_core import amp  # noqa: E402
from pygraphics_core.amp.connection import Connection  # noqa: E402

SMALL_BLOCKS, SMALL_BLOCK = 20, 150  # (a): 3,000 round trips for each contender
PICTURE_BLOCKS, PICTURE_BLOCK = 10, 4  # (b): 40 round trips for each
PICTURE_SIZE = (1920, 1080)

# The targets (issue 12).
SMALL_TARGET = 2.5  # at most this many times the raw echo...
TWISTED_TARGET = 3.0  # ...and at least this many times as fast as Twisted
PICTURE_TARGET = 3.0  # at most this many times the raw transfer


class Peer:
    """A child process running one role of amp_peers.py; ended on exit."""

    def __init__(self, role, *arguments):
        self.rendezvous = socket.create_server(("127.0.0.1", 0))
        self.rendezvous.settimeout(PATIENCE)
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "amp_peers.py"), role,
             str(self.rendezvous.getsockname()[1]), *map(str, arguments)]
        )

    def accept(self):
        """The next connection the child makes to the rendezvous port."""
        connection, _ = self.rendezvous.accept()
        connection.settimeout(PATIENCE)
        return connection

    def port(self):
        """The port a serving child reports."""
        with self.accept() as connection, connection.makefile("rb") as reader:
            return int(reader.readline())

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.rendezvous.close()
        try:
            self.process.wait(PATIENCE)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(PATIENCE)


def connect(port):
    sock = socket.create_connection(("127.0.0.1", port), timeout=PATIENCE)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def receive_exactly(sock, size):
    received = 0
    while received < size:
        chunk = sock.recv(size - received)
        if not chunk:
            raise ConnectionError("the peer closed the connection")
        received += len(chunk)


def timed(call, count, into):
    """Run *call* *count* times, appending each duration (seconds) to *into*."""
    for _ in range(count):
        started = time.perf_counter()
        call()
        into.append(time.perf_counter() - started)


class TwistedClient:
    """Drives the Twisted client child over its control line (see amp_peers.py)."""

    def __init__(self, peer, server_port):
        self.peer = Peer("twisted-client", server_port)
        self.control = self.peer.accept()
        self.reader = self.control.makefile("rb")

    def time_block(self, count, into):
        self.control.sendall(b"%d\n" % count)
        into.extend(float(number) for number in self.reader.readline().split())

    def close(self):
        self.control.sendall(b"\n")
        self.reader.close()
        self.control.close()
        self.peer.__exit__()


def twisted_available():
    return importlib.util.find_spec("twisted") is not None


def measure_small(request):
    """(a): medians of raw echo, our Proxy, and Twisted (or None)."""
    raw, raw_selecting, ours, theirs = [], [], [], []
    with Peer("echo") as echo_peer, Peer("echo-selecting") as selecting_peer, \
            Peer("dispatcher") as dispatcher_peer:
        twisted_server = Peer("twisted-server") if twisted_available() else None
        twisted_client = None
        try:
            echo = connect(echo_peer.port())
            selecting_echo = connect(selecting_peer.port())
            proxy = amp.Proxy("127.0.0.1", dispatcher_peer.port(), timeout=PATIENCE).connect()
            if twisted_server is not None:
                twisted_client = TwistedClient(twisted_server, twisted_server.port())

            def echo_round_trip():
                echo.sendall(request)
                receive_exactly(echo, len(request))

            def selecting_echo_round_trip():
                selecting_echo.sendall(request)
                receive_exactly(selecting_echo, len(request))

            def our_round_trip():
                proxy.callRemote(Ping, number=12345)

            for block in range(SMALL_BLOCKS + 1):
                warming_up = block == 0  # the first block only warms caches up
                timed(echo_round_trip, SMALL_BLOCK, [] if warming_up else raw)
                timed(selecting_echo_round_trip, SMALL_BLOCK, [] if warming_up else raw_selecting)
                timed(our_round_trip, SMALL_BLOCK, [] if warming_up else ours)
                if twisted_client is not None:
                    twisted_client.time_block(SMALL_BLOCK, [] if warming_up else theirs)
            echo.close()
            selecting_echo.close()
            proxy.close()
        finally:
            if twisted_client is not None:
                twisted_client.close()
            if twisted_server is not None:
                twisted_server.process.terminate()
                twisted_server.__exit__()
    median = statistics.median
    return median(raw), median(raw_selecting), median(ours), (median(theirs) if theirs else None)


def measure_picture(picture):
    """(b): medians of the raw transfer and of our PILImage argument."""
    payload = picture.tobytes()
    raw, ours = [], []
    with Peer("sink", len(payload)) as sink_peer, Peer("dispatcher") as dispatcher_peer:
        sink = connect(sink_peer.port())
        with amp.Proxy("127.0.0.1", dispatcher_peer.port(), timeout=PATIENCE) as proxy:
            def raw_round_trip():
                sink.sendall(payload)
                receive_exactly(sink, 1)

            def our_round_trip():
                proxy.callRemote(ShowPicture, image=picture)

            for block in range(PICTURE_BLOCKS + 1):
                warming_up = block == 0
                timed(raw_round_trip, PICTURE_BLOCK, [] if warming_up else raw)
                timed(our_round_trip, PICTURE_BLOCK, [] if warming_up else ours)
        sink.close()
    return statistics.median(raw), statistics.median(ours)


def row(label, seconds, baseline, unit, note=""):
    scale = 1e6 if unit == "µs" else 1e3
    print(f"  {label:<46} {seconds * scale:8.1f} {unit}  {seconds / baseline:5.2f}x  {note}")


def verdict(ratio, target):
    return f"target <= {target}x: {'met' if ratio <= target else 'MISSED'}"


def main():
    started = time.perf_counter()
    width, height = PICTURE_SIZE
    picture = Image.frombytes("RGB", PICTURE_SIZE, os.urandom(width * height * 3))
    request = Connection().send_command(Ping, {"number": 12345})[1]
    print(f"AMP benchmark: Python {platform.python_version()}, Pillow {PIL.__version__}, "
          f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs")
    print("Medians over loopback TCP, all measured in this run, contenders interleaved.\n")

    echo, selecting_echo, small, twisted_small = measure_small(request)
    print(f"(a) round trip of a one-Integer command ({len(request)} bytes), "
          f"{SMALL_BLOCKS * SMALL_BLOCK:,} each")
    row("raw socket echo of the same bytes (baseline)", echo, echo, "µs")
    row("the same echo served by a selectors loop", selecting_echo, echo, "µs",
        "(what an event loop adds by itself)")
    notes = [verdict(small / echo, SMALL_TARGET)]
    if twisted_small is not None:
        speed_up = twisted_small / small
        notes.append(f"{speed_up:.2f}x as fast as Twisted (target >= {TWISTED_TARGET}x: "
                     f"{'met' if speed_up >= TWISTED_TARGET else 'MISSED'})")
    row("our Proxy -> our Dispatcher", small, echo, "µs", "; ".join(notes))
    if twisted_small is None:
        print(f"  {'Twisted client -> Twisted server':<46} skipped: the Twisted baseline "
              "needs `pip install twisted`")
    else:
        row("Twisted client -> Twisted server", twisted_small, echo, "µs")

    transfer, large = measure_picture(picture)
    print(f"\n(b) a {width}x{height} RGB picture as an argument ({width * height * 3:,} bytes "
          f"of pixels), {PICTURE_BLOCKS * PICTURE_BLOCK} each")
    row(f"raw {width * height * 3:,} bytes over a socket (baseline)", transfer, transfer, "ms")
    row("our Proxy -> our Dispatcher, PILImage", large, transfer, "ms",
        verdict(large / transfer, PICTURE_TARGET))
    print(f"\n(finished in {time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
