"""The blocking Proxy against our Dispatcher served by a real child process.

Run as a script (``python test_amp_proxy.py RENDEZVOUS_PORT``), this file is
that child: it listens on an OS-chosen port, tells the test which one over
the rendezvous connection, and serves one client with a Dispatcher in a
plain blocking loop, as the GUI process will from Tk's event loop.
"""

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from PIL import Image

from pygraphics_core import amp

# How long any single wait in these tests may take before it is a failure.
PATIENCE = 20


class NotFound(Exception):
    pass


class Exhausted(Exception):
    pass


class Echo(amp.Command):
    arguments = [("text", amp.BigUnicode()), ("image", amp.PILImage(optional=True))]
    response = [("text", amp.BigUnicode()), ("image", amp.PILImage(optional=True))]


class Fetch(amp.Command):
    arguments = [("name", amp.Unicode())]
    response = [("value", amp.Integer())]
    errors = {NotFound: "NOT_FOUND"}
    fatalErrors = {Exhausted: "EXHAUSTED"}


class Chatty(amp.Command):
    """The server prints some lines (sent as Output commands) before answering."""

    arguments = [("lines", amp.Integer())]
    response = [("done", amp.Boolean())]


class Output(amp.Command):
    arguments = [("text", amp.Unicode())]
    requiresAnswer = False


class Stranger(amp.Command):
    """A command the server sends but the test's proxy may not know."""

    requiresAnswer = False


class Sleep(amp.Command):
    arguments = [("seconds", amp.Float())]
    response = [("slept", amp.Float())]


class Misbehave(amp.Command):
    """The server answers with bytes that are not AMP, or hangs up."""

    arguments = [("how", amp.Unicode())]


def serve(rendezvous_port):
    listener = socket.create_server(("127.0.0.1", 0))
    with socket.create_connection(("127.0.0.1", rendezvous_port), timeout=PATIENCE) as rendezvous:
        rendezvous.sendall(b"%d\n" % listener.getsockname()[1])
    listener.settimeout(PATIENCE)
    client, _ = listener.accept()
    listener.close()
    client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    dispatcher = amp.Dispatcher()

    def fetch(name):
        if name == "exhausted":
            raise Exhausted("the server gives up")
        if name != "answer":
            raise NotFound(f"nothing called {name!r}")
        return {"value": 42}

    def chatty(lines):
        for number in range(lines):
            client.sendall(dispatcher.command_bytes(Output, text=f"line {number}"))
        client.sendall(dispatcher.command_bytes(Stranger))
        return {"done": True}

    def sleep(seconds):
        time.sleep(seconds)  # a slow window, as the test needs one
        return {"slept": seconds}

    def misbehave(how):
        if how == "garbage":
            client.sendall(b"\x01\x00" + b"x" * 300)
        elif how == "hang up":
            client.close()
            sys.exit(0)
        return {}

    dispatcher.register(Echo, lambda text, image: {"text": text, "image": image})
    dispatcher.register(Fetch, fetch)
    dispatcher.register(Chatty, chatty)
    dispatcher.register(Sleep, sleep)
    dispatcher.register(Misbehave, misbehave)
    while not dispatcher.closing:
        data = client.recv(1 << 20)
        if not data:
            break
        client.sendall(dispatcher.data_received(data))
    client.close()


@pytest.fixture
def server():
    """Start the child server; yield (host, port, process)."""
    with socket.create_server(("127.0.0.1", 0)) as rendezvous:
        rendezvous.settimeout(PATIENCE)
        process = subprocess.Popen(
            [sys.executable, __file__, str(rendezvous.getsockname()[1])],
        )
        try:
            connection, _ = rendezvous.accept()
            with connection, connection.makefile("rb") as reader:
                connection.settimeout(PATIENCE)
                port = int(reader.readline())
            yield "127.0.0.1", port, process
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(PATIENCE)


@pytest.fixture
def proxy(server):
    host, port, _ = server
    with amp.Proxy(host, port, timeout=PATIENCE) as proxy:
        yield proxy


def test_a_call_returns_the_response_dict(proxy):
    assert proxy.callRemote(Fetch, name="answer") == {"value": 42}


def test_the_proxy_turns_on_tcp_nodelay(proxy):
    assert proxy._socket.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_big_text_and_a_picture_travel_both_ways(proxy):
    text = "ünïcödé " * 200_000
    picture = Image.frombytes("RGB", (640, 480), os.urandom(640 * 480 * 3))
    response = proxy.callRemote(Echo, text=text, image=picture)
    assert response["text"] == text
    assert response["image"].tobytes() == picture.tobytes()
    assert proxy.callRemote(Echo, text="") == {"text": "", "image": None}


def test_a_declared_error_is_raised_as_its_class_and_the_connection_goes_on(proxy):
    with pytest.raises(NotFound, match="nothing called 'question'"):
        proxy.callRemote(Fetch, name="question")
    assert proxy.callRemote(Fetch, name="answer") == {"value": 42}


def test_an_unknown_command_raises_amp_error_unhandled_and_the_connection_goes_on(proxy):
    class Teleport(amp.Command):
        pass

    with pytest.raises(amp.AMPError) as raised:
        proxy.callRemote(Teleport)
    assert (raised.value.code, raised.value.description) == (
        "UNHANDLED", "No handler for command 'Teleport'")
    assert proxy.callRemote(Fetch, name="answer") == {"value": 42}


def test_a_fatal_error_is_raised_and_the_connection_is_then_closed(proxy):
    with pytest.raises(Exhausted, match="the server gives up"):
        proxy.callRemote(Fetch, name="exhausted")
    with pytest.raises(amp.ConnectionClosed, match="connection is closed .*fatal error"):
        proxy.callRemote(Fetch, name="answer")


def test_commands_the_peer_sends_while_we_wait_are_run(proxy, caplog):
    printed = []
    proxy.register(Output, lambda text: printed.append(text))
    assert proxy.callRemote(Chatty, lines=3) == {"done": True}
    assert printed == ["line 0", "line 1", "line 2"]
    assert "'Stranger', which has no responder here" in caplog.text


def test_a_command_without_answer_returns_none_at_once(proxy):
    class Note(amp.Command):
        requiresAnswer = False

    assert proxy.callRemote(Note) is None  # the server has no responder: nothing comes back
    assert proxy.callRemote(Fetch, name="answer") == {"value": 42}


def test_a_value_that_cannot_be_sent_is_refused_before_anything_is_sent(proxy):
    with pytest.raises(TypeError, match="Fetch, argument 'name': expected a str, got 42"):
        proxy.callRemote(Fetch, name=42)
    with pytest.raises(ValueError, match=r"Fetch, argument 'name': the value is 70,000 bytes"):
        proxy.callRemote(Fetch, name="x" * 70_000)
    assert proxy.callRemote(Fetch, name="answer") == {"value": 42}


def test_a_wait_longer_than_the_timeout_raises_timeout_error_and_the_late_answer_is_dropped(server):
    host, port, _ = server
    with amp.Proxy(host, port, timeout=0.2) as proxy:
        started = time.monotonic()
        with pytest.raises(TimeoutError, match="no answer to Sleep within 0.2 seconds"):
            proxy.callRemote(Sleep, seconds=1.0)
        assert time.monotonic() - started < 0.9
        proxy.timeout = PATIENCE
        assert proxy.callRemote(Sleep, seconds=0.0) == {"slept": 0.0}


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs a POSIX interval timer")
def test_ctrl_c_while_waiting_leaves_the_connection_usable(proxy):
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        with pytest.raises(KeyboardInterrupt):
            proxy.callRemote(Sleep, seconds=0.6)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    # The answer to the interrupted call comes first and is dropped.
    assert proxy.callRemote(Fetch, name="answer") == {"value": 42}


class Alive(amp.Command):
    """The probe: the child server has no responder, so it answers UNHANDLED (alive all the same)."""


def test_a_peer_that_answers_nothing_for_a_while_is_reported_once_and_the_call_goes_on(server):
    host, port, _ = server
    heard = []
    with amp.Proxy(host, port, timeout=None) as proxy:
        proxy.probe_while_waiting(Alive, after=0.2, patience=0.3,
                                  on_silence=lambda seconds: heard.append(("silent", seconds)),
                                  on_answering_again=lambda: heard.append(("again",)))
        # The child sleeps in its blocking loop: not even the probe is answered.
        assert proxy.callRemote(Sleep, seconds=1.5) == {"slept": 1.5}
        assert heard[0][0] == "silent" and 0.4 <= heard[0][1] < 1.5
        # The probe's answer came after the Sleep's (the answers are in order),
        # so the proxy hears it during the next wait.
        assert proxy.callRemote(Sleep, seconds=0.1) == {"slept": 0.1}
        assert len([event for event in heard if event[0] == "silent"]) == 1
        # A peer that answers in time is never reported.
        heard.clear()
        assert proxy.callRemote(Sleep, seconds=0.3) == {"slept": 0.3}
        assert heard == []


def test_garbage_from_the_peer_is_a_protocol_error_and_closes_the_proxy(proxy):
    with pytest.raises(amp.ProtocolError, match="key of 256 bytes"):
        proxy.callRemote(Misbehave, how="garbage")
    with pytest.raises(amp.ConnectionClosed, match="broke the protocol"):
        proxy.callRemote(Fetch, name="answer")


def test_a_peer_that_hangs_up_gives_connection_closed(proxy):
    with pytest.raises(amp.ConnectionClosed, match="closed the connection before answering Misbehave"):
        proxy.callRemote(Misbehave, how="hang up")
    with pytest.raises(ConnectionError):
        proxy.callRemote(Fetch, name="answer")


def test_a_killed_peer_gives_a_connection_error_not_a_hang(server):
    host, port, process = server
    with amp.Proxy(host, port, timeout=PATIENCE) as proxy:
        assert proxy.callRemote(Fetch, name="answer") == {"value": 42}
        process.kill()
        process.wait(PATIENCE)
        with pytest.raises(ConnectionError):
            proxy.callRemote(Sleep, seconds=0.0)


def test_connecting_where_nobody_listens_is_a_connection_error():
    with socket.create_server(("127.0.0.1", 0)) as placeholder:
        port = placeholder.getsockname()[1]
    with pytest.raises(ConnectionError):
        amp.Proxy("127.0.0.1", port, timeout=PATIENCE).connect()


def test_calling_before_connecting_says_so():
    with pytest.raises(amp.ConnectionClosed, match="connect\\(\\) was never called"):
        amp.Proxy("127.0.0.1", 1).callRemote(Fetch, name="answer")


def test_a_proxy_can_take_over_a_socket_after_a_handshake(server):
    host, port, _ = server
    sock = socket.create_connection((host, port), timeout=PATIENCE)
    proxy = amp.Proxy.from_socket(sock, timeout=PATIENCE)
    assert (proxy.host, proxy.port) == (host, port)
    with proxy:
        assert proxy.callRemote(Fetch, name="answer") == {"value": 42}
    assert sock.fileno() == -1  # closed with the proxy


if __name__ == "__main__":
    # Ignore Ctrl-C in the child: the test ends it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    serve(int(sys.argv[1]))


@pytest.mark.parametrize("how", ["sendmsg", "joined"])
def test_a_messages_parts_arrive_in_order_whichever_way_they_are_sent(how):
    # The sendmsg path serves where the socket has sendmsg; the joined path
    # serves where it has not (Windows). Both must send the parts as if
    # joined (partial sends are covered by the 10 MB conformance tests).
    from pygraphics_core.amp import proxy as proxy_module

    payload = os.urandom(60_000)
    parts = [b"\x00\x01", b"k", memoryview(payload)[:30_000], b"", memoryview(payload)[30_000:]]
    parts += [bytes([n]) for n in range(200)]
    expected = b"".join(parts)
    sender, receiver = socket.socketpair()
    with sender, receiver:
        sender.settimeout(10)
        receiver.settimeout(10)
        send = proxy_module._send_parts if how == "sendmsg" else proxy_module._send_parts_joined
        if how == "sendmsg" and not hasattr(sender, "sendmsg"):
            pytest.skip("this platform's sockets have no sendmsg")
        send(sender, list(parts))
        sender.shutdown(socket.SHUT_WR)
        received = b""
        while chunk := receiver.recv(1 << 16):
            received += chunk
    assert received == expected
