"""The sans-I/O Connection: one codec for both sides, and its ERROR state.

A Connection that received something malformed stays broken, as h11's
connections do: it refuses all later input and output with an error that
says what went wrong first, instead of parsing on.
"""

import pytest

from pygraphics_core import amp
from pygraphics_core.amp.boxes import encode_box, parse_boxes
from pygraphics_core.amp.connection import AnswerReceived, CommandReceived, Connection


class Paint(amp.Command):
    """Keys that sort on both sides of the special keys (``A`` < ``_`` < ``a``)."""

    arguments = [
        ("x", amp.Integer()),
        ("Y", amp.Integer()),
        ("colour", amp.Unicode()),
        ("alpha", amp.Float(optional=True)),
        ("fill", amp.Boolean()),
    ]
    response = [("painted", amp.Integer()), ("note", amp.Unicode(optional=True))]


class Shout(amp.Command):
    arguments = [("text", amp.BigUnicode())]
    response = []


class Tell(amp.Command):
    arguments = [("text", amp.Unicode())]
    requiresAnswer = False


PAINT = {"x": 1, "Y": 2, "colour": "red", "fill": False}

BROKEN_INPUT = [
    pytest.param(b"\x01\x00" + b"k" * 300, "key of 256 bytes", id="a key too long"),
    pytest.param(encode_box({b"_answer": b"99", b"painted": b"3"}), "never asked",
                 id="an answer never asked for"),
    pytest.param(encode_box({b"_answer": b"1", b"painted": b"three"}), "malformed Integer",
                 id="an answer that does not decode"),
    pytest.param(encode_box({b"nothing": b"here"}), "neither a command nor an answer",
                 id="a box that is neither"),
]


def test_a_call_is_one_sorted_box_and_its_answer_is_decoded():
    connection = Connection()
    tag, data = connection.send_command(Paint, PAINT)
    assert parse_boxes(data) == [{b"_ask": tag, b"_command": b"Paint", b"x": b"1", b"Y": b"2",
                                  b"colour": b"red", b"fill": b"False"}]
    assert data == encode_box(parse_boxes(data)[0])
    answer = encode_box({b"_answer": tag, b"painted": b"3", b"note": b"ok"})
    assert connection.receive_data(memoryview(bytearray(answer))) == [
        AnswerReceived(tag, Paint, {"painted": 3, "note": "ok"})
    ]


def test_a_box_split_anywhere_gives_the_same_answer():
    answer = encode_box({b"_answer": b"1", b"painted": b"3", b"note": b"ok"})
    for cut in range(1, len(answer)):
        connection = Connection()
        tag, _ = connection.send_command(Paint, PAINT)
        assert connection.receive_data(answer[:cut]) == []
        assert connection.receive_data(answer[cut:]) == [
            AnswerReceived(tag, Paint, {"painted": 3, "note": "ok"})
        ]


def test_a_small_max_box_size_is_enforced_on_small_answers_too():
    connection = Connection(max_box_size=20)
    tag, _ = connection.send_command(Paint, PAINT)
    with pytest.raises(amp.ProtocolError, match="more than"):
        connection.receive_data(encode_box({b"_answer": tag, b"painted": b"3", b"note": b"x" * 30}))


def test_big_arguments_and_commands_without_answer_encode_as_their_boxes():
    _, data = Connection().send_command(Shout, {"text": "hi" * 40_000})
    assert Shout.decode_arguments(parse_boxes(data)[0]) == {"text": "hi" * 40_000}
    tag, data = Connection().send_command(Tell, {"text": "hello"})
    assert tag is None and data == encode_box({b"_command": b"Tell", b"text": b"hello"})


def test_a_received_call_carries_its_box_for_the_responder_to_decode():
    data = Connection().send_command(Paint, {**PAINT, "alpha": 0.5})[1]
    (event,) = Connection().receive_data(data)
    assert event == CommandReceived("Paint", b"1", parse_boxes(data)[0])
    assert Paint.decode_arguments(event.box) == {**PAINT, "alpha": 0.5}


def test_a_dispatcher_serves_alternating_commands():
    dispatcher = amp.Dispatcher()
    dispatcher.register(Paint, lambda **arguments: {"painted": arguments["x"]})
    dispatcher.register(Tell, lambda text: None)
    client = Connection()
    for number in range(5):
        _, data = client.send_command(Paint, {**PAINT, "x": number})
        (event,) = client.receive_data(dispatcher.data_received(data))
        assert event.response == {"painted": number, "note": None}
        assert dispatcher.data_received(client.send_command(Tell, {"text": "hi"})[1]) == b""


@pytest.mark.parametrize("data, message", BROKEN_INPUT)
def test_after_a_protocol_error_the_connection_refuses_all_input(data, message):
    connection = Connection()
    tag, _ = connection.send_command(Paint, PAINT)
    with pytest.raises(amp.ProtocolError, match=message):
        connection.receive_data(data)
    assert connection.broken
    # Even the answer it was waiting for is refused now, naming the first fault.
    good_answer = encode_box({b"_answer": tag, b"painted": b"3"})
    for _ in range(2):
        with pytest.raises(amp.ProtocolError, match="unusable since the peer broke the protocol") \
                as raised:
            connection.receive_data(good_answer)
        assert message in str(raised.value)


@pytest.mark.parametrize("data, message", BROKEN_INPUT)
def test_after_a_protocol_error_the_connection_refuses_all_output(data, message):
    connection = Connection()
    connection.send_command(Paint, PAINT)
    with pytest.raises(amp.ProtocolError):
        connection.receive_data(data)
    for send in (lambda: connection.send_command(Paint, PAINT),
                 lambda: connection.send_command_parts(Tell, {"text": "hi"}),
                 lambda: connection.answer(b"1", Paint, {"painted": 1}),
                 lambda: connection.error(b"1", "UNKNOWN", "nothing")):
        with pytest.raises(amp.ProtocolError, match="unusable") as raised:
            send()
        assert message in str(raised.value)


def test_a_protocol_error_in_the_middle_of_a_chunk_breaks_the_connection_for_good():
    connection = Connection()
    tag, _ = connection.send_command(Paint, PAINT)
    good = encode_box({b"_answer": tag, b"painted": b"3"})
    with pytest.raises(amp.ProtocolError, match="never asked"):
        # The good answer first, then one nobody asked for: no event is
        # handed out from a chunk that breaks the protocol.
        connection.receive_data(good + encode_box({b"_answer": b"77", b"painted": b"3"}))
    with pytest.raises(amp.ProtocolError, match="unusable"):
        connection.receive_data(b"")
