"""The fast paths (box templates) agree with the general codec, byte for byte.

Commands encode and decode most messages through a prebuilt template
(pygraphics_core.amp.templates) and fall back to the general codec for the
rest. These tests hold the two side by side: the same bytes out, the same
values in, the same errors, and a fall-back wherever the template must not
decide.
"""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pygraphics_core import amp
from pygraphics_core.amp.boxes import encode_box, parse_boxes
from pygraphics_core.amp.connection import AnswerReceived, CommandReceived, Connection
from pygraphics_core.amp.templates import BoxTemplate

QUICKLY = datetime.timedelta(seconds=2)


class Paint(amp.Command):
    """Keys that sort on both sides of the special keys (``A`` < ``_`` < ``a``)."""

    arguments = [
        ("x", amp.Integer()),
        ("Y", amp.Integer()),
        ("colour", amp.Unicode()),
        ("alpha", amp.Float(optional=True)),
        ("raw", amp.String(optional=True)),
        ("fill", amp.Boolean()),
    ]
    response = [("painted", amp.Integer()), ("note", amp.Unicode(optional=True))]


class Shout(amp.Command):
    arguments = [("text", amp.BigUnicode())]
    response = []


class Tell(amp.Command):
    arguments = [("text", amp.Unicode())]
    requiresAnswer = False


def general_call_bytes(command, arguments, tag):
    """The bytes of a call as the general codec builds them."""
    box = command.encode_arguments(arguments)
    box[b"_command"] = command._wire_name
    if command.requiresAnswer:
        box[b"_ask"] = tag
    return encode_box(box)


values_of_paint = st.fixed_dictionaries(
    {
        "x": st.integers(),
        "Y": st.integers(min_value=-(10**5000), max_value=10**5000),
        "colour": st.text(st.characters(blacklist_categories=["Cs"])),
        "fill": st.booleans(),
    },
    optional={
        "alpha": st.floats(allow_nan=False) | st.none(),
        "raw": st.binary(max_size=300) | st.none(),
    },
)


@settings(deadline=QUICKLY)
@given(values_of_paint, st.integers(min_value=1, max_value=2**64))
def test_a_call_encoded_by_its_template_is_the_general_codecs_bytes(values, number):
    tag = b"%x" % number
    fast = Paint._call_template.encode(values, tag)
    assert fast is not None
    assert fast == general_call_bytes(Paint, values, tag)


@settings(deadline=QUICKLY)
@given(values_of_paint)
def test_a_call_decoded_by_its_template_gives_what_the_general_codec_gives(values):
    data = general_call_bytes(Paint, values, b"2a")
    (box,) = parse_boxes(data)
    decoded = Paint._call_template.decode(data)
    if decoded is None:
        # Only an optional argument left out sends a call the general way.
        assert any(values.get(name) is None for name in ("alpha", "raw"))
        return
    tag, fast_box, arguments = decoded
    assert tag == b"2a"
    assert fast_box == box
    assert arguments == Paint.decode_arguments(box)


@pytest.mark.parametrize(
    "values",
    [
        {"x": 1, "Y": 2, "colour": "red"},  # fill missing
        {"x": 1, "Y": 2, "colour": "red", "fill": True, "size": 3},  # unknown name
        {"x": "1", "Y": 2, "colour": "red", "fill": True},  # a str for an Integer
        {"x": 1, "Y": 2, "colour": "é" * 40_000, "fill": True},  # too long
        {"x": 1, "Y": 2, "colour": "red", "fill": None},  # None for a required one
    ],
)
def test_a_call_the_template_cannot_encode_goes_the_general_way_and_fails_there(values):
    assert Paint._call_template.encode(values, b"1") is None
    with pytest.raises((TypeError, ValueError)) as raised:
        Connection().send_command(Paint, values)
    assert "Paint" in str(raised.value)


def test_big_arguments_always_go_the_general_way():
    assert Shout._call_template.encode({"text": "hi"}, b"1") is None
    tag, data = Connection().send_command(Shout, {"text": "hi" * 40_000})
    (box,) = parse_boxes(data)
    assert Shout.decode_arguments(box) == {"text": "hi" * 40_000}


def test_a_command_without_answer_has_no_ask_key():
    data = Tell._call_template.encode({"text": "hello"}, b"7")
    assert data == encode_box({b"_command": b"Tell", b"text": b"hello"})


@pytest.mark.parametrize(
    "mutate",
    [
        lambda data: data[:-1],  # cut short
        lambda data: data + b"\x00",  # one byte of the next box
        lambda data: data + data,  # two boxes
        lambda data: data[:-2] + b"\x00\x01z\x00\x00\x00\x00",  # an extra key
        lambda data: data.replace(b"Paint", b"Paint"[::-1]),  # another command
        lambda data: data.replace(b"\x00\x0512345", b"\x00\x0512a45"),  # a bad Integer
        lambda data: data.replace(b"\x00\x0512345", b"\xff\xff12345"),  # past the end
    ],
)
def test_received_bytes_that_differ_from_the_layout_are_left_to_the_general_parser(mutate):
    values = {"x": 12345, "Y": 2, "colour": "red", "alpha": 0.5, "raw": b"", "fill": True}
    data = general_call_bytes(Paint, values, b"1")
    assert Paint._call_template.decode(data) is not None
    assert Paint._call_template.decode(mutate(data)) is None


def test_a_proxy_side_connection_decodes_the_answer_it_waits_for():
    connection = Connection()
    tag, _ = connection.send_command(Paint, {"x": 1, "Y": 2, "colour": "red", "fill": False})
    answer = encode_box({b"_answer": tag, b"painted": b"3", b"note": b"ok"})
    assert connection.receive_data(memoryview(bytearray(answer))) == [
        AnswerReceived(tag, Paint, {"painted": 3, "note": "ok"})
    ]
    # The question is answered: the same answer again is a protocol error.
    with pytest.raises(amp.ProtocolError):
        connection.receive_data(answer)


def test_an_answer_with_another_tag_is_refused_as_before():
    connection = Connection()
    connection.send_command(Paint, {"x": 1, "Y": 2, "colour": "red", "fill": False})
    with pytest.raises(amp.ProtocolError, match="never asked"):
        connection.receive_data(encode_box({b"_answer": b"99", b"painted": b"3"}))


def test_the_fast_path_respects_a_small_max_box_size():
    connection = Connection(max_box_size=20)
    tag, _ = connection.send_command(Paint, {"x": 1, "Y": 2, "colour": "red", "fill": False})
    with pytest.raises(amp.ProtocolError, match="more than"):
        connection.receive_data(encode_box({b"_answer": tag, b"painted": b"3", b"note": b"x" * 30}))


def test_a_dispatcher_serves_alternating_commands_whatever_it_expects():
    dispatcher = amp.Dispatcher()
    dispatcher.register(Paint, lambda **arguments: {"painted": arguments["x"]})
    dispatcher.register(Tell, lambda text: None)
    client = Connection()
    for number in range(5):
        tag, data = client.send_command(Paint, {"x": number, "Y": 0, "colour": "", "fill": True})
        (event,) = client.receive_data(dispatcher.data_received(data))
        assert event.response == {"painted": number, "note": None}
        assert dispatcher.data_received(client.send_command(Tell, {"text": "hi"})[1]) == b""


def test_a_call_decoded_the_fast_way_carries_its_box_and_arguments():
    served = Connection()
    served.expect_call(Paint)
    values = {"x": 1, "Y": 2, "colour": "red", "alpha": 0.5, "raw": b"\x00", "fill": True}
    data = Connection().send_command(Paint, values)[1]
    (event,) = served.receive_data(data)
    assert isinstance(event, CommandReceived)
    assert event.command_name == "Paint" and event.tag == b"1"
    assert event.box == parse_boxes(data)[0]
    assert event.arguments == values


def test_a_call_without_its_optional_arguments_is_decoded_the_general_way():
    served = Connection()
    served.expect_call(Paint)
    data = Connection().send_command(Paint, {"x": 1, "Y": 2, "colour": "red", "fill": True})[1]
    (event,) = served.receive_data(data)
    assert event.arguments is None
    assert Paint.decode_arguments(event.box) == {
        "x": 1, "Y": 2, "colour": "red", "alpha": None, "raw": None, "fill": True
    }


# The unrolled functions a template compiles for its layout against the
# loops of BoxTemplate.encode/decode, which are their specification.

templates = [
    Paint._call_template,
    Paint._answer_template,
    Tell._call_template,
    Shout._answer_template,
]


@settings(deadline=QUICKLY)
@given(values_of_paint, st.binary(min_size=1, max_size=20))
def test_the_unrolled_encoders_do_what_the_loops_do(values, tag):
    for template in templates:
        for candidate in (values, {"painted": values["x"]}, {"text": values["colour"]},
                          {"painted": 1, "note": None}, {"painted": "1"}, {}):
            assert template.encode(candidate, tag) == amp_loop_encode(template, candidate, tag)


@settings(deadline=QUICKLY)
@given(st.binary(max_size=120), values_of_paint)
def test_the_unrolled_decoders_do_what_the_loops_do(noise, values):
    call = general_call_bytes(Paint, values, b"5")
    answer = encode_box({b"_answer": b"5", b"painted": amp.Integer().to_bytes(values["x"])})
    for data in (noise, call, answer, call[: len(noise) % (len(call) + 1)], answer + noise):
        for template in templates:
            assert template.decode(data) == amp_loop_decode(template, data)


def amp_loop_encode(template, values, tag):
    from pygraphics_core.amp.templates import BoxTemplate

    return BoxTemplate.encode(template, values, tag)


def amp_loop_decode(template, data):
    from pygraphics_core.amp.templates import BoxTemplate

    return BoxTemplate.decode(template, data)


def test_templates_compile_unrolled_functions_only_when_usable():
    assert "encode" in vars(Paint._call_template)
    assert "encode" not in vars(Shout._call_template)


def test_a_box_split_over_two_chunks_is_put_together_by_the_general_parser():
    connection = Connection()
    tag, _ = connection.send_command(Paint, {"x": 1, "Y": 2, "colour": "red", "fill": False})
    answer = encode_box({b"_answer": tag, b"painted": b"3", b"note": b"ok"})
    for cut in range(1, len(answer)):
        connection = Connection()
        connection.send_command(Paint, {"x": 1, "Y": 2, "colour": "red", "fill": False})
        assert connection.receive_data(answer[:cut]) == []
        assert connection.receive_data(answer[cut:]) == [
            AnswerReceived(tag, Paint, {"painted": 3, "note": "ok"})
        ]


def test_a_command_builds_its_templates_when_first_used_and_keeps_them():
    class Lazy(amp.Command):
        arguments = [("number", amp.Integer())]
        response = [("double", amp.Integer())]

    assert not isinstance(Lazy.__dict__["_call_template"], BoxTemplate)
    connection = Connection()
    connection.send_command_parts(Lazy, {"number": 2})
    built = Lazy.__dict__["_call_template"]
    assert isinstance(built, BoxTemplate)
    connection.send_command_parts(Lazy, {"number": 3})
    assert Lazy.__dict__["_call_template"] is built
