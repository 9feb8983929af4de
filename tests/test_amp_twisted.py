"""Conformance with the reference implementation: Twisted's AMP, over real sockets.

Both directions are checked, each with a real Twisted reactor in a child
process (this file, run as a script):

- our Proxy calls a Twisted AMP server (``python test_amp_twisted.py server``);
- a Twisted AMP client (``python test_amp_twisted.py client PORT``) calls our
  Dispatcher, which this test process serves over a plain socket, and
  reports what it saw as JSON lines.

Every argument type is sent with edge values. Each side describes what it
received with :func:`summary` (hashes for large values), so a value that
came back equal because both directions made the same mistake still fails.

Twisted has no BigString, BigUnicode or PILImage: its side of those types
is written here from their wire description (``name``, ``name.2``, ...;
``name.mode``, ``name.width``, ...), which checks that description too.
"""

import datetime
import decimal
import functools
import hashlib
import json
import math
import random
import selectors
import socket
import subprocess
import sys
import time

import pytest
from PIL import Image

from pygraphics_core import amp

PATIENCE = 60  # seconds any one wait may take before it is a failure
UTC = datetime.timezone.utc
CHUNK = 65_535


# The values sent, and how each side describes what it received -------------


def picture(mode, size, seed=1):
    probe = Image.new(mode, size)
    return Image.frombytes(mode, size, random.Random(seed).randbytes(len(probe.tobytes())))


def palette_picture():
    image = picture("P", (17, 9))
    image.putpalette(bytes(range(256)) * 3, "RGB")
    image.info["transparency"] = 3
    return image


@functools.lru_cache(maxsize=None)
def edge_cases():
    """(case name, argument name, value): what is sent, in both directions."""
    zone = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
    west = datetime.timezone(-datetime.timedelta(hours=8))
    cases = [
        ("integer zero", "integer", 0),
        ("integer negative", "integer", -1),
        ("integer 2**64", "integer", 2**64),
        ("integer -10**300", "integer", -(10**300)),
        ("integer of 20,001 digits", "integer", 7 * 10**20_000 + 3),
        ("float zero", "number", 0.0),
        ("float negative zero", "number", -0.0),
        ("float 1.5", "number", 1.5),
        ("float largest", "number", 1.7976931348623157e308),
        ("float smallest", "number", 5e-324),
        ("float nan", "number", math.nan),
        ("float inf", "number", math.inf),
        ("float -inf", "number", -math.inf),
        ("boolean true", "flag", True),
        ("boolean false", "flag", False),
        ("string empty", "string", b""),
        ("string all bytes", "string", bytes(range(256))),
        ("string of 65,535 bytes", "string", bytes(range(255)) * 257),
        ("unicode empty", "text", ""),
        ("unicode accents", "text", "héllo wörld"),
        ("unicode cjk", "text", "日本語のテキスト"),
        ("unicode emoji", "text", "snake 🐍 palette 🎨"),
        ("unicode of 65,535 bytes", "text", "é" * 32_767 + "x"),
        ("decimal zero", "decimal", decimal.Decimal("0")),
        ("decimal precision", "decimal", decimal.Decimal("-1.50")),
        ("decimal exponent", "decimal", decimal.Decimal("1E+2")),
        ("decimal nan", "decimal", decimal.Decimal("NaN")),
        ("decimal -nan", "decimal", decimal.Decimal("-NaN")),
        ("decimal snan", "decimal", decimal.Decimal("sNaN")),
        ("decimal infinity", "decimal", decimal.Decimal("Infinity")),
        ("decimal -infinity", "decimal", decimal.Decimal("-Infinity")),
        ("datetime utc", "moment", datetime.datetime(2024, 5, 1, 13, 45, tzinfo=UTC)),
        ("datetime +05:30", "moment", datetime.datetime(2000, 2, 29, 23, 59, 59, 999_999, tzinfo=zone)),
        ("datetime -08:00", "moment", datetime.datetime(1, 1, 1, 0, 0, 0, 1, tzinfo=west)),
        ("list of integers", "integers", [1, -2, 10**100]),
        ("list empty", "integers", []),
        ("list of texts", "texts", ["", "é", "日本"]),
        ("amp list", "points", [{"x": 1, "label": "a"}, {"x": -5, "label": ""}]),
        ("amp list empty", "points", []),
        ("big string empty", "blob", b""),
        ("big string of 65,535 bytes", "blob", b"\x01" * CHUNK),
        ("big string of 65,536 bytes", "blob", b"\x02" * (CHUNK + 1)),
        ("big string of 10 MB", "blob", random.Random(2).randbytes(10 * 1024 * 1024)),
        ("big unicode empty", "essay", ""),
        ("big unicode split characters", "essay", "a" + "é" * 100_000),
        ("picture 1x1", "image", picture("RGB", (1, 1))),
        ("picture 4000x3000", "image", picture("RGB", (4000, 3000))),
        ("picture RGBA", "image", picture("RGBA", (33, 7))),
        ("picture L", "image", picture("L", (5, 5))),
        ("picture 1-bit", "image", picture("1", (13, 3))),
        ("picture I;16", "image", picture("I;16", (6, 2))),
        ("picture F", "image", picture("F", (3, 3))),
        ("picture palette", "image", palette_picture()),
    ]
    return cases


def summary(value):
    """A text that is equal on both sides exactly when the values are identical."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        return "int %s" % hashlib.sha256(hex(value).encode()).hexdigest()
    if isinstance(value, float):
        return "float " + (value.hex() if not math.isnan(value) else "nan")
    if isinstance(value, decimal.Decimal):
        return "decimal " + str(value)
    if isinstance(value, datetime.datetime):
        return f"datetime {value.isoformat()} offset {value.utcoffset()}"
    if isinstance(value, bytes):
        return f"bytes {len(value)} {hashlib.sha256(value).hexdigest()}"
    if isinstance(value, str):
        return f"str {len(value)} {hashlib.sha256(value.encode('utf-8')).hexdigest()}"
    if isinstance(value, list):
        return "[" + ", ".join(summary(element) for element in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {summary(value[key])}" for key in sorted(value)) + "}"
    if isinstance(value, Image.Image):
        palette = value.getpalette(value.palette.mode) if value.mode in ("P", "PA") else None
        return (
            f"image {value.mode} {value.size} {hashlib.sha256(value.tobytes()).hexdigest()} "
            f"palette {palette} transparency {value.info.get('transparency')!r}"
        )
    raise TypeError(f"no summary for {value!r}")


# Our declarations ------------------------------------------------------------

ARGUMENT_TYPES = [
    ("integer", amp.Integer),
    ("number", amp.Float),
    ("flag", amp.Boolean),
    ("string", amp.String),
    ("text", amp.Unicode),
    ("decimal", amp.Decimal),
    ("moment", amp.DateTime),
    ("integers", lambda optional: amp.ListOf(amp.Integer(), optional=optional)),
    ("texts", lambda optional: amp.ListOf(amp.Unicode(), optional=optional)),
    ("points", lambda optional: amp.AmpList([("x", amp.Integer()), ("label", amp.Unicode())], optional=optional)),
    ("blob", amp.BigString),
    ("essay", amp.BigUnicode),
    ("image", amp.PILImage),
]


class NotFound(Exception):
    pass


class Exhausted(Exception):
    pass


class Echo(amp.Command):
    """Send any one argument; the peer sends it back with its summary."""

    arguments = [(name, make(optional=True)) for name, make in ARGUMENT_TYPES]
    response = arguments + [("summary", amp.Unicode())]


class Fail(amp.Command):
    arguments = [("how", amp.Unicode())]
    errors = {NotFound: "NOT_FOUND"}
    fatalErrors = {Exhausted: "EXHAUSTED"}


class Remember(amp.Command):
    arguments = [("text", amp.Unicode())]
    requiresAnswer = False


class Recall(amp.Command):
    response = [("texts", amp.ListOf(amp.Unicode()))]


class Output(amp.Command):
    arguments = [("text", amp.Unicode())]
    requiresAnswer = False


class Chatty(amp.Command):
    """The server sends Output commands to the caller before it answers."""

    arguments = [("lines", amp.Integer())]


class Double(amp.Command):
    arguments = [("number", amp.Integer())]
    response = [("result", amp.Integer())]


class AskBack(amp.Command):
    """The server asks the caller to Double a number before it answers."""

    arguments = [("number", amp.Integer())]
    response = [("result", amp.Integer())]


class Teleport(amp.Command):
    """Nobody has a responder for this one."""


def describe_arguments(values):
    """The responder's view of an Echo call: the value sent and its summary."""
    (name, value), = [(name, value) for name, value in values.items() if value is not None]
    return {name: value, "summary": summary(value)}


# The Twisted side (imported only in the child processes) ---------------------


def twisted_declarations():
    """Twisted versions of the commands above, and of our three extra types."""
    from twisted.protocols import amp as twisted_amp

    class TwistedBig(twisted_amp.Argument):
        """BigString as its documentation describes it: name, name.2, name.3, ..."""

        def encode(self, value):
            return value

        def decode(self, data):
            return data

        def encode_box(self, name, value, strings):
            for index, start in enumerate(range(0, max(len(value), 1), CHUNK), 1):
                strings[name if index == 1 else b"%s.%d" % (name, index)] = value[start : start + CHUNK]

        def decode_box(self, name, strings):
            parts, key, index = [], name, 1
            while key in strings:
                parts.append(strings[key])
                index += 1
                key = b"%s.%d" % (name, index)
            return b"".join(parts)

        def toBox(self, name, strings, objects, proto):
            value = objects.get(name.decode())
            if value is not None:
                self.encode_box(name, self.encode(value), strings)

        def fromBox(self, name, strings, objects, proto):
            objects[name.decode()] = (
                self.decode(self.decode_box(name, strings)) if name in strings else None
            )

    class TwistedBigUnicode(TwistedBig):
        def encode(self, value):
            return value.encode("utf-8")

        def decode(self, data):
            return data.decode("utf-8")

    class TwistedPicture(TwistedBig):
        def toBox(self, name, strings, objects, proto):
            image = objects.get(name.decode())
            if image is None:
                return
            self.encode_box(name, image.tobytes(), strings)
            strings[name + b".mode"] = image.mode.encode()
            strings[name + b".width"] = b"%d" % image.width
            strings[name + b".height"] = b"%d" % image.height
            if image.mode in ("P", "PA"):
                strings[name + b".palettemode"] = image.palette.mode.encode()
                strings[name + b".palette"] = bytes(image.getpalette(image.palette.mode))
            if isinstance(image.info.get("transparency"), int):
                strings[name + b".transparency"] = b"i%d" % image.info["transparency"]

        def fromBox(self, name, strings, objects, proto):
            if name not in strings:
                objects[name.decode()] = None
                return
            size = int(strings[name + b".width"]), int(strings[name + b".height"])
            image = Image.frombytes(strings[name + b".mode"].decode(), size, self.decode_box(name, strings))
            if name + b".palette" in strings:
                image.putpalette(strings[name + b".palette"], strings[name + b".palettemode"].decode())
            if name + b".transparency" in strings:
                image.info["transparency"] = int(strings[name + b".transparency"][1:])
            objects[name.decode()] = image

    optional = dict(optional=True)
    types = {
        "integer": twisted_amp.Integer(**optional),
        "number": twisted_amp.Float(**optional),
        "flag": twisted_amp.Boolean(**optional),
        "string": twisted_amp.String(**optional),
        "text": twisted_amp.Unicode(**optional),
        "decimal": twisted_amp.Decimal(**optional),
        "moment": twisted_amp.DateTime(**optional),
        "integers": twisted_amp.ListOf(twisted_amp.Integer(), **optional),
        "texts": twisted_amp.ListOf(twisted_amp.Unicode(), **optional),
        "points": twisted_amp.AmpList(
            [(b"x", twisted_amp.Integer()), (b"label", twisted_amp.Unicode())], **optional
        ),
        "blob": TwistedBig(**optional),
        "essay": TwistedBigUnicode(**optional),
        "image": TwistedPicture(**optional),
    }
    echo_arguments = [(name.encode(), types[name]) for name, _ in ARGUMENT_TYPES]

    class TwistedEcho(twisted_amp.Command):
        commandName = b"Echo"
        arguments = echo_arguments
        response = echo_arguments + [(b"summary", twisted_amp.Unicode())]

    class TwistedFail(twisted_amp.Command):
        commandName = b"Fail"
        arguments = [(b"how", twisted_amp.Unicode())]
        errors = {NotFound: b"NOT_FOUND"}
        fatalErrors = {Exhausted: b"EXHAUSTED"}

    class TwistedRemember(twisted_amp.Command):
        commandName = b"Remember"
        arguments = [(b"text", twisted_amp.Unicode())]
        requiresAnswer = False

    class TwistedRecall(twisted_amp.Command):
        commandName = b"Recall"
        response = [(b"texts", twisted_amp.ListOf(twisted_amp.Unicode()))]

    class TwistedOutput(twisted_amp.Command):
        commandName = b"Output"
        arguments = [(b"text", twisted_amp.Unicode())]
        requiresAnswer = False

    class TwistedChatty(twisted_amp.Command):
        commandName = b"Chatty"
        arguments = [(b"lines", twisted_amp.Integer())]

    class TwistedDouble(twisted_amp.Command):
        commandName = b"Double"
        arguments = [(b"number", twisted_amp.Integer())]
        response = [(b"result", twisted_amp.Integer())]

    class TwistedAskBack(twisted_amp.Command):
        commandName = b"AskBack"
        arguments = [(b"number", twisted_amp.Integer())]
        response = [(b"result", twisted_amp.Integer())]

    class TwistedTeleport(twisted_amp.Command):
        commandName = b"Teleport"

    class TwistedMisdeclaredDouble(twisted_amp.Command):
        """Double as a peer with another declaration sends it: text for the Integer."""

        commandName = b"Double"
        arguments = [(b"number", twisted_amp.Unicode())]
        response = [(b"result", twisted_amp.Integer())]

    return twisted_amp, {
        name[len("Twisted"):]: command
        for name, command in locals().items()
        if name.startswith("Twisted") and name not in ("TwistedBig", "TwistedBigUnicode", "TwistedPicture")
    }


def run_twisted_server(rendezvous_port):
    """Serve the commands with Twisted until the test ends this process.

    The port it listens on is written as a line to the rendezvous port.
    """
    from twisted.internet import reactor

    twisted_amp, commands = twisted_declarations()
    remembered = []

    class Server(twisted_amp.AMP):
        @commands["Echo"].responder
        def echo(self, **values):
            return describe_arguments(values)

        @commands["Fail"].responder
        def fail(self, how):
            if how == "declared":
                raise NotFound("no such thing on the Twisted side")
            if how == "fatal":
                raise Exhausted("Twisted gives up")
            raise ValueError("an error Fail does not declare")

        @commands["Remember"].responder
        def remember(self, text):
            remembered.append(text)
            return {}

        @commands["Recall"].responder
        def recall(self):
            return {"texts": remembered}

        @commands["Chatty"].responder
        def chatty(self, lines):
            for number in range(lines):
                self.callRemote(commands["Output"], text=f"Twisted line {number}")
            return {}

        @commands["AskBack"].responder
        def ask_back(self, number):
            asked = self.callRemote(commands["Double"], number=number)
            return asked.addCallback(lambda response: {"result": response["result"] + 1})

    from twisted.internet.protocol import ServerFactory

    port = reactor.listenTCP(0, ServerFactory.forProtocol(Server), interface="127.0.0.1")
    with socket.create_connection(("127.0.0.1", rendezvous_port), timeout=PATIENCE) as rendezvous:
        rendezvous.sendall(b"%d\n" % port.getHost().port)
    reactor.callLater(PATIENCE * 4, reactor.stop)  # never outlive a stuck test
    reactor.run()


def run_twisted_client(port):
    """Call our Dispatcher with Twisted; print one JSON line per case."""
    from twisted.internet import defer, reactor
    from twisted.internet.endpoints import TCP4ClientEndpoint, connectProtocol

    twisted_amp, commands = twisted_declarations()
    printed = []

    class Client(twisted_amp.AMP):
        @commands["Output"].responder
        def output(self, text):
            printed.append(text)
            return {}

    def report(case, **facts):
        print(json.dumps({"case": case, **facts}), flush=True)

    async def connect():
        endpoint = TCP4ClientEndpoint(reactor, "127.0.0.1", port, timeout=PATIENCE)
        return await connectProtocol(endpoint, Client())

    async def error_of(call):
        try:
            await call
        except Exception as error:
            return error
        return None

    async def main():
        client = await connect()
        for case, name, value in edge_cases():
            try:
                response = await client.callRemote(commands["Echo"], **{name: value})
            except Exception as error:
                report(case, error=repr(error)[:1000])
                continue
            report(case, peer_saw=response["summary"], sent=summary(value),
                   came_back=summary(response[name]))
        error = await error_of(client.callRemote(commands["Fail"], how="declared"))
        report("declared error", type=type(error).__name__, message=str(error))
        error = await error_of(client.callRemote(commands["Fail"], how="undeclared"))
        report("undeclared error", type=type(error).__name__,
               description=getattr(error, "description", ""))
        error = await error_of(client.callRemote(commands["Teleport"]))
        report("unknown command", type=type(error).__name__, message=str(error))
        for text in ("first", "sécond"):
            client.callRemote(commands["Remember"], text=text)
        response = await client.callRemote(commands["Recall"])
        report("no answer required", texts=response["texts"])
        await client.callRemote(commands["Chatty"], lines=3)
        report("peer commands", printed=printed)
        error = await error_of(client.callRemote(commands["Fail"], how="fatal"))
        report("fatal error", type=type(error).__name__, message=str(error))
        lost = defer.Deferred()
        client.connectionLost = lambda reason: lost.callback(None)
        await lost
        report("closed after fatal error")
        client = await connect()
        lost = defer.Deferred()
        lose_as_twisted_does = client.connectionLost  # it fails the calls still waiting

        def on_lost(reason):
            lose_as_twisted_does(reason)
            reactor.callLater(0, lost.callback, None)

        client.connectionLost = on_lost
        error = await error_of(client.callRemote(commands["MisdeclaredDouble"], number="twelve"))
        code, description = getattr(error, "errorCode", b""), getattr(error, "description", "")
        report("malformed argument", type=type(error).__name__,
               code=code.decode() if isinstance(code, bytes) else code,
               description=description.decode() if isinstance(description, bytes) else description)
        await lost
        report("closed after malformed argument")

    def finish(result):
        if isinstance(result, Exception) or hasattr(result, "getTraceback"):
            report("crash", traceback=result.getTraceback() if hasattr(result, "getTraceback") else repr(result))
        reactor.stop()

    defer.ensureDeferred(main()).addBoth(finish)
    reactor.callLater(PATIENCE * 4, reactor.stop)
    reactor.run()


def twisted_child(*arguments):
    command = [sys.executable, __file__, *arguments]
    # Twisted reads decimal text with int(), which Python limits to 4,300
    # digits by default; the child lifts that limit (see __main__).
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)


# Our Proxy -> a Twisted AMP server -------------------------------------------


@pytest.fixture(scope="module")
def twisted_server():
    with socket.create_server(("127.0.0.1", 0)) as rendezvous:
        rendezvous.settimeout(PATIENCE)
        process = twisted_child("server", str(rendezvous.getsockname()[1]))
        try:
            connection, _ = rendezvous.accept()
            with connection, connection.makefile("rb") as reader:
                connection.settimeout(PATIENCE)
                port = int(reader.readline())
            yield port
        finally:
            process.kill()
            process.wait(PATIENCE)


@pytest.fixture
def proxy(twisted_server):
    with amp.Proxy("127.0.0.1", twisted_server, timeout=PATIENCE) as proxy:
        yield proxy


@pytest.mark.parametrize("case, name, value", edge_cases(), ids=[case[0] for case in edge_cases()])
def test_twisted_server_receives_and_returns_every_value_exactly(proxy, case, name, value):
    response = proxy.callRemote(Echo, **{name: value})
    assert response["summary"] == summary(value), "Twisted decoded something else"
    assert summary(response[name]) == summary(value), "what Twisted sent back differs"


def test_twisted_server_raises_a_declared_error_as_its_class(proxy):
    with pytest.raises(NotFound, match="no such thing on the Twisted side"):
        proxy.callRemote(Fail, how="declared")
    assert proxy.callRemote(Echo, integer=1)["integer"] == 1


def test_twisted_server_answers_an_unknown_command_unhandled(proxy):
    with pytest.raises(amp.AMPError) as raised:
        proxy.callRemote(Teleport)
    assert raised.value.code == "UNHANDLED"
    assert "Teleport" in raised.value.description
    assert proxy.callRemote(Echo, integer=2)["integer"] == 2


def test_twisted_server_answers_an_undeclared_error_unknown_and_closes(proxy):
    with pytest.raises(amp.AMPError) as raised:
        proxy.callRemote(Fail, how="undeclared")
    assert (raised.value.code, raised.value.description) == ("UNKNOWN", "Unknown Error")
    with pytest.raises(amp.ConnectionClosed):  # Twisted hangs up after UNKNOWN
        proxy.callRemote(Echo, integer=3)


def test_twisted_server_fatal_error_is_raised_and_closes_the_connection(proxy):
    with pytest.raises(Exhausted, match="Twisted gives up"):
        proxy.callRemote(Fail, how="fatal")
    with pytest.raises(amp.ConnectionClosed):
        proxy.callRemote(Echo, integer=4)


class MisdeclaredEcho(amp.Command):
    """Echo as a peer with another declaration sends it: text for the Integer."""

    commandName = "Echo"
    arguments = [("integer", amp.Unicode())]
    response = []


def test_twisted_server_answers_arguments_it_cannot_decode_unknown_and_closes(proxy):
    # What our Dispatcher now does too (see the Twisted client's tests below).
    with pytest.raises(amp.AMPError) as raised:
        proxy.callRemote(MisdeclaredEcho, integer="twelve")
    assert raised.value.code == "UNKNOWN"
    with pytest.raises(amp.ConnectionClosed):
        proxy.callRemote(Echo, integer=5)


def test_twisted_server_gets_commands_that_need_no_answer(proxy):
    assert proxy.callRemote(Remember, text="one") is None
    assert proxy.callRemote(Remember, text="twö") is None
    assert proxy.callRemote(Recall)["texts"][-2:] == ["one", "twö"]


def test_commands_twisted_sends_while_we_wait_are_run_and_answered(proxy):
    printed = []
    proxy.register(Output, lambda text: printed.append(text))
    proxy.register(Double, lambda number: {"result": 2 * number})
    proxy.callRemote(Chatty, lines=3)
    assert printed == ["Twisted line 0", "Twisted line 1", "Twisted line 2"]
    assert proxy.callRemote(AskBack, number=20) == {"result": 41}


# A Twisted AMP client -> our Dispatcher --------------------------------------


def fail(how):
    if how == "declared":
        raise NotFound("no such thing on our side")
    if how == "fatal":
        raise Exhausted("our side gives up")
    return {"oops": 1}[how]  # KeyError: not declared by Fail


def serve_until_the_client_exits(listener, client_process):
    """Serve each connection with a fresh Dispatcher until the client exits."""
    remembered = []
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ)
    deadline = time.monotonic() + PATIENCE * 2
    while client_process.poll() is None:
        assert time.monotonic() < deadline, "the Twisted client took too long"
        for key, _ in selector.select(timeout=0.1):
            if key.fileobj is listener:
                connection, _ = listener.accept()
                connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                connection.setblocking(True)
                connection.settimeout(PATIENCE)
                dispatcher = amp.Dispatcher()
                dispatcher.register(Echo, lambda **values: describe_arguments(values))
                dispatcher.register(Fail, fail)
                dispatcher.register(Remember, lambda text: remembered.append(text))
                dispatcher.register(Recall, lambda: {"texts": remembered})

                def chatty(lines, connection=connection, dispatcher=dispatcher):
                    for number in range(lines):
                        connection.sendall(dispatcher.command_bytes(Output, text=f"our line {number}"))

                dispatcher.register(Chatty, chatty)
                dispatcher.register(Double, lambda number: {"result": 2 * number})
                selector.register(connection, selectors.EVENT_READ, dispatcher)
            else:
                connection, dispatcher = key.fileobj, key.data
                data = connection.recv(1 << 20)
                try:
                    if data:
                        connection.sendall(dispatcher.data_received(data))
                except amp.ProtocolError:
                    data = b""  # what the GUI process does: close the connection
                if not data or dispatcher.closing:
                    selector.unregister(connection)
                    connection.close()
    selector.close()


@pytest.fixture(scope="module")
def twisted_client_report():
    """Run the Twisted client against our Dispatcher; return its report by case."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.setblocking(False)
        process = twisted_child("client", str(listener.getsockname()[1]))
        try:
            serve_until_the_client_exits(listener, process)
            output, _ = process.communicate(timeout=PATIENCE)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(PATIENCE)
    report = {}
    for line in output.splitlines():
        entry = json.loads(line)
        report[entry.pop("case")] = entry
    assert "crash" not in report, report["crash"]["traceback"]
    return report


@pytest.mark.parametrize("case, name, value", edge_cases(), ids=[case[0] for case in edge_cases()])
def test_twisted_client_sends_and_gets_back_every_value_exactly(twisted_client_report, case, name, value):
    entry = twisted_client_report[case]
    assert "error" not in entry, entry["error"]
    assert entry["sent"] == summary(value), "the Twisted client sent something else"
    assert entry["peer_saw"] == entry["sent"], "our Dispatcher decoded something else"
    assert entry["came_back"] == entry["sent"], "Twisted decoded our answer as something else"


def test_twisted_client_gets_a_declared_error_as_its_class(twisted_client_report):
    assert twisted_client_report["declared error"] == {
        "type": "NotFound", "message": "no such thing on our side"}


def test_twisted_client_gets_unknown_with_a_helpful_description(twisted_client_report):
    entry = twisted_client_report["undeclared error"]
    assert entry["type"] == "UnknownRemoteError"
    assert entry["description"].startswith("the responder for Fail raised KeyError: 'undeclared' (at ")
    assert "in fail)" in entry["description"]


def test_twisted_client_gets_unhandled_for_an_unknown_command(twisted_client_report):
    entry = twisted_client_report["unknown command"]
    assert entry["type"] == "UnhandledCommand"
    assert "No handler for command 'Teleport'" in entry["message"]


def test_twisted_client_commands_without_answer_reach_our_responders(twisted_client_report):
    assert twisted_client_report["no answer required"] == {"texts": ["first", "sécond"]}


def test_twisted_client_runs_the_commands_our_dispatcher_sends(twisted_client_report):
    assert twisted_client_report["peer commands"] == {
        "printed": ["our line 0", "our line 1", "our line 2"]}


def test_twisted_client_gets_a_fatal_error_and_then_the_connection_closes(twisted_client_report):
    assert twisted_client_report["fatal error"] == {"type": "Exhausted", "message": "our side gives up"}
    assert "closed after fatal error" in twisted_client_report


def test_twisted_client_gets_an_error_answer_for_arguments_we_cannot_decode(twisted_client_report):
    # Twisted answers such a call with an error and then hangs up; so do we
    # (not a silent close, which would leave a Twisted caller with only
    # "connection lost").
    entry = twisted_client_report["malformed argument"]
    assert entry["type"] == "UnknownRemoteError" and entry["code"] == "UNKNOWN"
    assert "malformed Integer for 'number'" in entry["description"]
    assert "closed after malformed argument" in twisted_client_report


if __name__ == "__main__":
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(0)
    if sys.argv[1] == "server":
        run_twisted_server(int(sys.argv[2]))
    else:
        run_twisted_client(int(sys.argv[2]))
