"""Commands, the sans-I/O connection and the Dispatcher, driven with plain bytes."""

import logging

import pytest

from pygraphics_core import amp
from pygraphics_core.amp.boxes import encode_box, parse_boxes
from pygraphics_core.amp.connection import (
    AnswerReceived,
    CommandReceived,
    Connection,
    ErrorReceived,
)


class NotFound(Exception):
    pass


class Exhausted(Exception):
    pass


class Divide(amp.Command):
    arguments = [("numerator", amp.Integer()), ("denominator", amp.Integer())]
    response = [("result", amp.Float())]
    errors = {ZeroDivisionError: "ZERO_DIVISION"}


class Lookup(amp.Command):
    commandName = "look-up"
    arguments = [("name", amp.Unicode()), ("default", amp.Unicode(optional=True))]
    response = [("value", amp.Unicode())]
    errors = {NotFound: "NOT_FOUND", LookupError: "LOOKUP"}
    fatalErrors = {Exhausted: "EXHAUSTED"}


class Log(amp.Command):
    arguments = [("line", amp.Unicode())]
    requiresAnswer = False


def serve(dispatcher, connection, command, **arguments):
    """Send one command through *dispatcher* and return the caller's event."""
    tag, data = connection.send_command(command, arguments)
    reply = dispatcher.data_received(data)
    events = connection.receive_data(reply)
    assert len(events) == (0 if tag is None else 1)
    return events[0] if events else None


@pytest.fixture
def dispatcher():
    table = {"pi": "3.14"}

    def look_up(name, default):
        if name == "boom":
            raise Exhausted("no more lookups today")
        if name == "bug":
            return {"value": 42}  # not a str: cannot be sent
        if name not in table and default is None:
            raise NotFound(f"no entry {name!r}")
        return {"value": table.get(name, default)}

    dispatcher = amp.Dispatcher()
    dispatcher.register(Divide, lambda numerator, denominator: {"result": numerator / denominator})
    dispatcher.register(Lookup, look_up)
    return dispatcher


# Declaring commands ---------------------------------------------------------


def test_a_command_is_named_after_its_class_unless_it_says_otherwise():
    assert Divide.commandName == "Divide"
    assert Lookup.commandName == "look-up"


def test_errors_are_inherited_by_sub_commands():
    class Stricter(Lookup):
        errors = {PermissionError: "DENIED"}

    assert Stricter.code_for_error(PermissionError()) == b"DENIED"
    assert Stricter.code_for_error(NotFound()) == b"NOT_FOUND"
    assert Stricter.code_for_error(Exhausted()) == b"EXHAUSTED"
    assert Stricter.code_for_error(ValueError()) is None


def test_the_most_specific_declared_error_class_gives_the_code():
    assert Lookup.code_for_error(KeyError("x")) == b"LOOKUP"  # KeyError is a LookupError


@pytest.mark.parametrize(
    "attributes, message",
    [
        ({"errors": {"NotAnException": "X"}}, "keys are exception classes"),
        ({"errors": {ValueError: 3}}, "error codes are non-empty str"),
        ({"arguments": [("x", int)]}, "argument type instance"),
        ({"commandName": 7}, "commandName must be a non-empty str"),
    ],
)
def test_mistakes_in_a_command_declaration_are_reported_when_the_class_is_made(attributes, message):
    with pytest.raises((TypeError, ValueError), match=message):
        type("Broken", (amp.Command,), attributes)


# The connection state machine ---------------------------------------------


def test_a_call_is_a_box_with_command_and_ask_and_its_answer_is_decoded():
    connection = Connection()
    tag, data = connection.send_command(Divide, {"numerator": 1, "denominator": 4})
    assert tag == b"1"
    assert parse_boxes(data) == [
        {b"_command": b"Divide", b"_ask": b"1", b"numerator": b"1", b"denominator": b"4"}
    ]
    (event,) = connection.receive_data(encode_box({b"_answer": b"1", b"result": b"0.25"}))
    assert event == AnswerReceived(b"1", Divide, {"result": 0.25})


def test_tags_count_up_in_hexadecimal_and_a_command_without_answer_sends_no_ask():
    connection = Connection()
    tags = [connection.send_command(Divide, {"numerator": 1, "denominator": 1})[0] for _ in range(10)]
    assert tags[-1] == b"a"
    tag, data = connection.send_command(Log, {"line": "x"})
    assert tag is None
    assert parse_boxes(data) == [{b"_command": b"Log", b"line": b"x"}]


def test_a_value_that_cannot_be_sent_is_refused_before_anything_is_recorded():
    connection = Connection()
    with pytest.raises(TypeError, match="Divide, argument 'numerator': expected an int"):
        connection.send_command(Divide, {"numerator": "1", "denominator": 2})
    with pytest.raises(TypeError, match="Divide needs a value for 'denominator'"):
        connection.send_command(Divide, {"numerator": 1})
    with pytest.raises(TypeError, match="expected a Command subclass"):
        connection.send_command("Divide", {})


def test_an_answer_to_a_question_never_asked_is_a_protocol_error():
    with pytest.raises(amp.ProtocolError, match="never asked"):
        Connection().receive_data(encode_box({b"_answer": b"1"}))


def test_a_box_that_is_neither_command_nor_answer_is_a_protocol_error():
    with pytest.raises(amp.ProtocolError, match="neither a command nor an answer"):
        Connection().receive_data(encode_box({b"hello": b"world"}))


def test_an_error_without_a_code_is_a_protocol_error():
    connection = Connection()
    connection.send_command(Divide, {"numerator": 1, "denominator": 1})
    with pytest.raises(amp.ProtocolError, match="has no code"):
        connection.receive_data(encode_box({b"_error": b"1"}))


def test_a_malformed_answer_is_a_protocol_error():
    connection = Connection()
    connection.send_command(Divide, {"numerator": 1, "denominator": 1})
    with pytest.raises(amp.ProtocolError, match="malformed Float for 'result'"):
        connection.receive_data(encode_box({b"_answer": b"1", b"result": b"half"}))


def test_a_received_command_name_that_is_not_utf8_is_a_protocol_error():
    with pytest.raises(amp.ProtocolError, match="not UTF-8"):
        Connection().receive_data(encode_box({b"_command": b"\xff", b"_ask": b"1"}))


# The dispatcher -------------------------------------------------------------


def test_the_dispatcher_runs_the_responder_and_answers(dispatcher):
    event = serve(dispatcher, Connection(), Divide, numerator=1, denominator=8)
    assert isinstance(event, AnswerReceived)
    assert event.response == {"result": 0.125}


def test_a_command_fed_one_byte_at_a_time_is_answered_once_complete(dispatcher):
    connection = Connection()
    _, data = connection.send_command(Divide, {"numerator": 3, "denominator": 2})
    replies = [dispatcher.data_received(data[index : index + 1]) for index in range(len(data))]
    assert all(reply == b"" for reply in replies[:-1])
    (event,) = connection.receive_data(replies[-1])
    assert event.response == {"result": 1.5}


def test_several_commands_in_one_chunk_get_their_answers_in_order(dispatcher):
    connection = Connection()
    data = b"".join(
        connection.send_command(Divide, {"numerator": n, "denominator": 2})[1] for n in range(5)
    )
    events = connection.receive_data(dispatcher.data_received(data))
    assert [event.response["result"] for event in events] == [0.0, 0.5, 1.0, 1.5, 2.0]


def test_an_optional_argument_left_out_reaches_the_responder_as_none(dispatcher):
    event = serve(dispatcher, Connection(), Lookup, name="e", default="2.72")
    assert event.response == {"value": "2.72"}


def test_a_declared_error_arrives_as_its_own_class_with_the_responders_message(dispatcher):
    event = serve(dispatcher, Connection(), Divide, numerator=1, denominator=0)
    assert isinstance(event, ErrorReceived)
    assert type(event.error) is ZeroDivisionError
    assert str(event.error) == "division by zero"
    assert not event.fatal
    assert not dispatcher.closing


def test_an_unknown_command_is_answered_unhandled_and_the_connection_goes_on(dispatcher):
    class Teleport(amp.Command):
        pass

    connection = Connection()
    event = serve(dispatcher, connection, Teleport)
    assert isinstance(event.error, amp.AMPError)
    assert event.error.code == "UNHANDLED"
    assert event.error.description == "No handler for command 'Teleport'"
    assert serve(dispatcher, connection, Divide, numerator=2, denominator=1).response == {"result": 2.0}


def test_an_undeclared_exception_is_answered_unknown_naming_it_and_its_line(dispatcher, caplog):
    def broken(numerator, denominator):
        return {"result": [][numerator]}

    dispatcher = amp.Dispatcher()
    dispatcher.register(Divide, broken)
    with caplog.at_level(logging.ERROR, logger="pygraphics_core.amp"):
        event = serve(dispatcher, Connection(), Divide, numerator=1, denominator=1)
    assert event.error.code == "UNKNOWN"
    assert event.error.description.startswith(
        "the responder for Divide raised IndexError: list index out of range (at "
    )
    assert "test_amp_dispatcher.py" in event.error.description and "in broken)" in event.error.description
    assert "IndexError" in caplog.text  # and the GUI process's log shows the traceback
    assert not dispatcher.closing


def test_a_responder_returning_what_the_response_cannot_carry_is_answered_unknown(dispatcher):
    event = serve(dispatcher, Connection(), Lookup, name="bug")
    assert event.error.code == "UNKNOWN"
    assert "the responder for look-up returned {'value': 42}, which cannot be sent" in event.error.description
    assert "expected a str" in event.error.description


def test_a_responder_may_return_none_for_a_command_without_response():
    class Ping(amp.Command):
        pass

    dispatcher = amp.Dispatcher()
    dispatcher.register(Ping, lambda: None)
    assert serve(dispatcher, Connection(), Ping).response == {}


def test_a_fatal_error_is_answered_and_then_the_dispatcher_is_closing(dispatcher):
    connection = Connection()
    _, first = connection.send_command(Lookup, {"name": "boom"})
    _, second = connection.send_command(Lookup, {"name": "pi"})
    events = connection.receive_data(dispatcher.data_received(first + second))
    assert len(events) == 1  # nothing after the fatal error is run
    assert type(events[0].error) is Exhausted and events[0].fatal
    assert dispatcher.closing
    assert dispatcher.data_received(second) == b""


def test_a_command_without_answer_runs_its_responder_and_sends_nothing():
    lines = []
    dispatcher = amp.Dispatcher()
    dispatcher.register(Log, lambda line: lines.append(line))
    assert serve(dispatcher, Connection(), Log, line="héllo") is None
    assert lines == ["héllo"]


def test_registering_a_command_name_twice_is_a_value_error(dispatcher):
    with pytest.raises(ValueError, match="'Divide' is registered already"):
        dispatcher.register(Divide, lambda numerator, denominator: {})


def test_feeding_the_dispatcher_from_inside_a_responder_is_a_runtime_error():
    connection = Connection()
    _, data = connection.send_command(Divide, {"numerator": 1, "denominator": 1})
    dispatcher = amp.Dispatcher()

    def reentrant(numerator, denominator):
        # What a nested Tk loop would do if the socket stayed watched.
        with pytest.raises(RuntimeError, match="still running"):
            dispatcher.data_received(data)
        return {"result": 1.0}

    dispatcher.register(Divide, reentrant)
    (event,) = connection.receive_data(dispatcher.data_received(data))
    assert event.response == {"result": 1.0}


def test_the_dispatcher_encodes_commands_that_need_no_answer_for_the_peer():
    dispatcher = amp.Dispatcher()
    received = Connection().receive_data(dispatcher.command_bytes(Log, line="printed"))
    assert received == [CommandReceived("Log", None, {b"_command": b"Log", b"line": b"printed"})]
    with pytest.raises(ValueError, match="needs an answer, and a Dispatcher cannot wait"):
        dispatcher.command_bytes(Divide, numerator=1, denominator=1)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x01\x00" + b"k" * 300, "key of 256 bytes"),
        (encode_box({b"_answer": b"9"}), "never asked"),
    ],
)
def test_malformed_input_raises_only_protocol_error(dispatcher, data, message):
    with pytest.raises(amp.ProtocolError, match=message):
        dispatcher.data_received(data)


@pytest.mark.parametrize(
    "box, message",
    [
        ({b"numerator": b"x", b"denominator": b"1"}, "malformed Integer for 'numerator'"),
        ({}, "left out the argument 'numerator'"),
    ],
)
def test_arguments_that_do_not_decode_are_answered_unknown_and_the_dispatcher_closes(
        dispatcher, box, message):
    # What Twisted does with a call whose arguments it cannot parse: an
    # error answer (not a silent hang-up), then the end of the connection.
    caller = Connection()
    tag, _ = caller.send_command(Divide, {"numerator": 1, "denominator": 1})
    call = encode_box({b"_command": b"Divide", b"_ask": tag, **box})
    (event,) = caller.receive_data(dispatcher.data_received(call))
    assert isinstance(event, ErrorReceived)
    assert event.error.code == "UNKNOWN" and message in event.error.description
    assert dispatcher.closing


def test_a_call_without_answer_whose_arguments_do_not_decode_closes_the_dispatcher():
    dispatcher = amp.Dispatcher()
    lines = []
    dispatcher.register(Log, lambda line: lines.append(line))
    assert dispatcher.data_received(encode_box({b"_command": b"Log", b"line": b"\xff"})) == b""
    assert dispatcher.closing and lines == []


def test_after_a_protocol_error_the_dispatcher_refuses_everything_saying_why(dispatcher):
    with pytest.raises(amp.ProtocolError, match="never asked"):
        dispatcher.data_received(encode_box({b"_answer": b"9"}))
    well_formed = Connection().send_command(Divide, {"numerator": 1, "denominator": 2})[1]
    with pytest.raises(amp.ProtocolError, match="unusable since the peer broke the protocol "
                                                r"\(the peer answered a question never asked"):
        dispatcher.data_received(well_formed)


class Mixed(amp.Command):
    arguments = [
        ("text", amp.String()),
        ("blob", amp.BigString()),
        ("words", amp.BigUnicode()),
        ("numbers", amp.ListOf(amp.Integer())),
    ]
    response = [("ok", amp.Boolean())]


def test_arguments_from_large_values_of_bytes_chunks_are_bytes_and_exact():
    # The parser hands large values over as views of the chunks; each type
    # must still get what it expects (bytes for String, and so on).
    received = {}

    def mixed(**arguments):
        received.update(arguments)
        return {"ok": True}

    dispatcher = amp.Dispatcher()
    dispatcher.register(Mixed, mixed)
    arguments = {
        "text": bytes(range(256)) * 200,
        "blob": b"\x01\x02" * 100_000,
        "words": "é" * 50_000,
        "numbers": list(range(5_000)),
    }
    wire = Connection().send_command(Mixed, arguments)[1]
    replies = b"".join(
        dispatcher.data_received(wire[start : start + 70_000])
        for start in range(0, len(wire), 70_000)
    )
    assert parse_boxes(replies)[0][b"ok"] == b"True"
    assert received == arguments
    assert type(received["text"]) is bytes and type(received["blob"]) is bytes


class Probe(amp.Command):
    arguments = []
    response = []


def test_probes_are_answered_even_while_a_responder_runs_and_nothing_else_is():
    dispatcher = amp.Dispatcher()
    caller = Connection()
    _, slow_call = caller.send_command(Divide, {"numerator": 1, "denominator": 1})
    probes = [caller.send_command(Probe, {}) for _ in range(2)]

    def divide(numerator, denominator):
        # What the GUI process does while a modal dialog waits: answer the
        # probes that arrive, in any order with the call that waits.
        answers = dispatcher.answer_probes(probes[0][1] + probes[1][1], Probe)
        events = caller.receive_data(answers)
        assert [event.tag for event in events] == [probes[0][0], probes[1][0]]
        # Anything else (or half a probe) is left for data_received.
        assert dispatcher.answer_probes(probes[0][1][:-1], Probe) is None
        assert dispatcher.answer_probes(slow_call, Probe) is None
        assert dispatcher.answer_probes(probes[0][1] + slow_call, Probe) is None
        return {"result": 1.0}

    dispatcher.register(Divide, divide)
    (event,) = caller.receive_data(dispatcher.data_received(slow_call))
    assert event.response == {"result": 1.0}
