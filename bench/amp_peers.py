"""The peers that bench_amp.py measures, each run in a child process.

``python amp_peers.py ROLE RENDEZVOUS_PORT [ARGUMENTS]`` starts one role. A
serving role listens on an OS-chosen loopback port and reports it by
connecting to the rendezvous port and writing it as a line; a measuring
role (the Twisted client) writes its result the same way. Nothing here
uses threads; every wait is bounded by PATIENCE.

Roles:

``dispatcher``     our Dispatcher, fed by the same blocking loop as ``echo``
``echo``           a raw socket that sends back every byte it receives
``echo-selecting`` the same, served by a selectors loop (an event loop's own cost)
``sink``           a raw socket that reads N bytes, then answers one byte
``twisted-server`` a Twisted AMP server
``twisted-client`` a Twisted AMP client timing blocks of Ping calls to PORT
"""

import selectors
import socket
import sys
import time
from pathlib import Path

# Run as a script from anywhere: make the repository importable without
# requiring an install (the bench's own environment has one anyway).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pygraphics_core import amp  # noqa: E402

PATIENCE = 30


class Ping(amp.Command):
    """The smallest useful command: one Integer there, one back."""

    arguments = [("number", amp.Integer())]
    response = [("number", amp.Integer())]


class ShowPicture(amp.Command):
    """A picture sent as an argument, as media.show sends one."""

    arguments = [("image", amp.PILImage())]
    response = []


def report(rendezvous_port, line):
    with socket.create_connection(("127.0.0.1", rendezvous_port), timeout=PATIENCE) as rendezvous:
        rendezvous.sendall(line.encode("ascii") + b"\n")


def accept_one(rendezvous_port):
    listener = socket.create_server(("127.0.0.1", 0))
    report(rendezvous_port, str(listener.getsockname()[1]))
    listener.settimeout(PATIENCE)
    connection, _ = listener.accept()
    listener.close()
    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return connection


def serve_dispatcher(rendezvous_port):
    """Our Dispatcher, fed by the loop of the raw echo (serve_echo).

    Both servers wait and read the same way (a blocking read bounded by the
    socket's timeout), so the difference between them is the AMP work
    alone. What an event loop adds on top (the GUI process runs Tk's) is
    the echo-selecting row's difference from the raw echo.
    """
    connection = accept_one(rendezvous_port)
    connection.settimeout(PATIENCE)
    dispatcher = amp.Dispatcher()
    dispatcher.register(Ping, lambda number: {"number": number})
    dispatcher.register(ShowPicture, lambda image: {})
    # Read as the GUI process does (pygraphics_gui/server.py) and as the
    # raw echo does: a new bytes object of up to 64 KiB for each read,
    # whose large values (a picture's pixels) the Dispatcher then reads
    # where they lie instead of copying them. (Reading up to 256 KiB made
    # every small call pay for a 256 KiB allocation: (a) went from 29 to
    # 50-80 µs.)
    while data := connection.recv(65536):
        reply = dispatcher.data_received(data)
        if reply:
            connection.sendall(reply)
    connection.close()


def serve_echo(rendezvous_port):
    connection = accept_one(rendezvous_port)
    connection.settimeout(PATIENCE)
    while data := connection.recv(1 << 16):
        connection.sendall(data)
    connection.close()


def serve_echo_selecting(rendezvous_port):
    """The raw echo, served by a selectors loop: what an event loop adds by itself."""
    connection = accept_one(rendezvous_port)
    connection.setblocking(True)
    selector = selectors.DefaultSelector()
    selector.register(connection, selectors.EVENT_READ)
    buffer = memoryview(bytearray(256 * 1024))
    while selector.select(timeout=PATIENCE):
        count = connection.recv_into(buffer)
        if not count:
            break
        connection.sendall(buffer[:count])
    connection.close()


def serve_sink(rendezvous_port, size):
    """Read *size* bytes into a buffer made once, then answer one byte; repeat."""
    connection = accept_one(rendezvous_port)
    connection.settimeout(PATIENCE)
    buffer = memoryview(bytearray(size))
    while True:
        received = 0
        while received < size:
            count = connection.recv_into(buffer[received:])
            if not count:
                connection.close()
                return
            received += count
        connection.sendall(b"!")


def twisted_declarations():
    from twisted.protocols import amp as twisted_amp

    class TwistedPing(twisted_amp.Command):
        commandName = b"Ping"
        arguments = [(b"number", twisted_amp.Integer())]
        response = [(b"number", twisted_amp.Integer())]

    return twisted_amp, TwistedPing


def serve_twisted(rendezvous_port):
    from twisted.internet import reactor
    from twisted.internet.protocol import ServerFactory

    twisted_amp, TwistedPing = twisted_declarations()

    class Server(twisted_amp.AMP):
        @TwistedPing.responder
        def ping(self, number):
            return {"number": number}

    port = reactor.listenTCP(0, ServerFactory.forProtocol(Server), interface="127.0.0.1")
    report(rendezvous_port, str(port.getHost().port))
    reactor.callLater(PATIENCE * 4, reactor.stop)
    reactor.run()


def time_twisted_client(rendezvous_port, server_port):
    """Time Ping calls to a Twisted server in blocks, on request.

    The benchmark keeps the rendezvous connection open as a control line:
    it writes a count, this client makes that many calls and writes back
    their durations (seconds, space-separated); an empty line ends it. So
    the benchmark can interleave Twisted's blocks with its other
    measurements, and all of them see the same load on the machine.
    """
    from twisted.internet import defer, reactor
    from twisted.internet.endpoints import TCP4ClientEndpoint, connectProtocol
    from twisted.protocols.basic import LineReceiver

    twisted_amp, TwistedPing = twisted_declarations()

    class Control(LineReceiver):
        delimiter = b"\n"

        def __init__(self, client):
            self.client = client

        def lineReceived(self, line):
            if not line.strip():
                self.transport.loseConnection()
                reactor.stop()
                return
            defer.ensureDeferred(self.time_block(int(line))).addCallback(self.sendLine)

        async def time_block(self, count):
            durations = []
            for number in range(count):
                started = time.perf_counter()
                await self.client.callRemote(TwistedPing, number=number)
                durations.append(time.perf_counter() - started)
            return " ".join(map(repr, durations)).encode("ascii")

    async def start():
        server = TCP4ClientEndpoint(reactor, "127.0.0.1", server_port, timeout=PATIENCE)
        client = await connectProtocol(server, twisted_amp.AMP())
        control = TCP4ClientEndpoint(reactor, "127.0.0.1", rendezvous_port, timeout=PATIENCE)
        await connectProtocol(control, Control(client))

    defer.ensureDeferred(start())
    reactor.callLater(PATIENCE * 4, reactor.stop)
    reactor.run()


if __name__ == "__main__":
    role, rendezvous = sys.argv[1], int(sys.argv[2])
    if role == "dispatcher":
        serve_dispatcher(rendezvous)
    elif role == "echo":
        serve_echo(rendezvous)
    elif role == "echo-selecting":
        serve_echo_selecting(rendezvous)
    elif role == "sink":
        serve_sink(rendezvous, int(sys.argv[3]))
    elif role == "twisted-server":
        serve_twisted(rendezvous)
    elif role == "twisted-client":
        time_twisted_client(rendezvous, int(sys.argv[3]))
    else:
        sys.exit(f"unknown role {role!r}")
