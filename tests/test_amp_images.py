"""PILImage: pictures of every mode and size travel exactly, and fast.

The pixels go through Pillow's raw codec in chunks; these tests check that
any chunking gives the picture back, that the fallback for a Pillow
without the codec objects gives the same bytes, and that malformed
pictures from the peer are refused.
"""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from pygraphics_core import amp
from pygraphics_core.amp import images
from pygraphics_core.amp.boxes import MAX_VALUE_LENGTH, encode_box, parse_boxes


def send_and_receive(argument, value):
    """Put *value* in a box as argument 'x', through the wire format, and back."""
    box = {}
    argument.to_box(b"x", value, box)
    (received,) = parse_boxes(encode_box(box))
    return argument.from_box(b"x", received)


MODES = ["1", "L", "LA", "La", "P", "PA", "RGB", "RGBA", "RGBa", "RGBX", "CMYK", "YCbCr",
         "LAB", "HSV", "I", "F", "I;16", "I;16B"]


def noisy_image(mode, size):
    """An image of *mode* with random bytes, so that any mix-up shows."""
    probe = Image.new(mode, size)
    data = random.Random(len(mode)).randbytes(len(probe.tobytes()))
    return Image.frombytes(mode, size, data)


def assert_same_image(received, sent):
    assert received.mode == sent.mode
    assert received.size == sent.size
    assert received.tobytes() == sent.tobytes()
    if sent.mode in ("P", "PA"):
        assert received.palette.mode == sent.palette.mode
        assert received.getpalette(sent.palette.mode) == sent.getpalette(sent.palette.mode)
    assert received.info.get("transparency") == sent.info.get("transparency")


@pytest.mark.parametrize("mode", MODES)
def test_pictures_of_every_mode_come_back_exactly(mode):
    picture = noisy_image(mode, (37, 11))
    assert_same_image(send_and_receive(amp.PILImage(), picture), picture)


@pytest.mark.parametrize("size", [(1, 1), (0, 0), (5, 0), (1, 70_000)])
def test_pictures_of_edge_sizes_come_back_exactly(size):
    picture = noisy_image("RGB", size)
    assert_same_image(send_and_receive(amp.PILImage(), picture), picture)


def test_a_palette_picture_keeps_its_palette_and_transparency():
    picture = noisy_image("P", (20, 20))
    picture.putpalette(bytes(range(256)) * 3, "RGB")
    picture.info["transparency"] = 5
    assert_same_image(send_and_receive(amp.PILImage(), picture), picture)
    rgba = noisy_image("P", (4, 4))
    rgba.putpalette(bytes(range(64)), "RGBA")
    rgba.info["transparency"] = bytes([0, 128, 255])
    assert_same_image(send_and_receive(amp.PILImage(), rgba), rgba)


def test_a_colour_transparency_comes_back():
    picture = noisy_image("RGB", (3, 3))
    picture.info["transparency"] = (1, 2, 3)
    assert send_and_receive(amp.PILImage(), picture).info["transparency"] == (1, 2, 3)


def test_a_large_picture_comes_back_exactly():
    picture = noisy_image("RGB", (4000, 3000))
    assert_same_image(send_and_receive(amp.PILImage(), picture), picture)


def test_a_picture_argument_refuses_other_values():
    with pytest.raises(TypeError, match="expected a PIL.Image.Image"):
        amp.PILImage().to_box(b"x", b"not a picture", {})


def picture_box(changes={}):
    box = {}
    amp.PILImage().to_box(b"x", noisy_image("RGB", (4, 3)), box)
    box.update(changes)
    return box


@pytest.mark.parametrize(
    "changes, message",
    [
        ({b"x.width": b"5"}, "a 5x3 picture of mode RGB takes 45 bytes, not 36"),
        ({b"x.height": b"-3"}, "size 4x-3 is negative"),
        ({b"x.width": b"100000000000"}, "cannot make a"),
        ({b"x.mode": b"NOPE"}, "mode"),
        ({b"x": b""}, "0 bytes of pixels cannot make a 4x3 picture"),
    ],
)
def test_a_malformed_picture_is_refused_on_receive(changes, message):
    with pytest.raises(Exception, match=message) as raised:
        amp.PILImage().from_box(b"x", picture_box(changes))
    assert isinstance(raised.value, (ValueError, KeyError))


def test_a_picture_without_its_size_is_refused_on_receive():
    box = picture_box()
    del box[b"x.height"]
    with pytest.raises(ValueError, match="lacks the key b'x.height'"):
        amp.PILImage().from_box(b"x", box)


def test_a_picture_wider_than_one_amp_value_per_row_comes_back():
    wide = noisy_image("RGBA", (20_000, 3))  # a row is 80,000 bytes
    box = {}
    amp.PILImage().to_box(b"x", wide, box)
    assert all(len(value) <= MAX_VALUE_LENGTH for value in box.values())
    assert_same_image(send_and_receive(amp.PILImage(), wide), wide)


def test_the_chunks_of_a_picture_join_to_its_tobytes():
    picture = noisy_image("RGB", (1000, 70))
    chunks = list(images.pixel_chunks(picture))
    assert len(chunks) > 1
    assert b"".join(chunks) == picture.tobytes()


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["1", "L", "RGB", "RGBA", "I;16", "F"]), st.integers(1, 30),
       st.integers(1, 30), st.lists(st.integers(1, 500), min_size=1, max_size=20))
def test_any_chunking_of_the_pixels_gives_the_picture_back(mode, width, height, cuts):
    picture = noisy_image(mode, (width, height))
    data = picture.tobytes()
    chunks, start, turn = [], 0, 0
    while start < len(data):
        size = cuts[turn % len(cuts)]
        chunks.append(data[start : start + size])
        start, turn = start + size, turn + 1
    received = images.picture_from_chunks(mode, (width, height), chunks)
    assert received.tobytes() == data


def test_without_pillows_codec_objects_tobytes_and_frombytes_take_over(monkeypatch):
    picture = noisy_image("RGB", (300, 200))
    box = {}
    amp.PILImage().to_box(b"x", picture, box)
    # Pillow has no public promise for its codec objects: run as if a
    # future Pillow had dropped them.
    monkeypatch.setattr(images, "_raw_codec", lambda *arguments: None)
    assert b"".join(images.pixel_chunks(picture)) == picture.tobytes()
    assert_same_image(amp.PILImage().from_box(b"x", box), picture)
    assert_same_image(send_and_receive(amp.PILImage(), picture), picture)


@pytest.mark.parametrize("codec_objects", [True, False])
def test_bands_of_rows_unpack_into_an_image_that_is_kept(monkeypatch, codec_objects):
    # A window keeps one image and unpacks each new frame into it, a band
    # of rows at a time, as the bands arrive.
    if not codec_objects:
        monkeypatch.setattr(images, "_raw_codec", lambda *arguments: None)
    kept = noisy_image("RGB", (50, 40))
    frame = noisy_image("RGBA", (50, 40)).convert("RGB")
    data = frame.tobytes()
    row = 50 * 3
    for top, bottom in [(0, 7), (7, 8), (8, 33), (33, 40)]:
        band = data[top * row : bottom * row]
        pieces = [band[start : start + 100] for start in range(0, len(band), 100)]
        assert images.unpack_chunks(kept, pieces, top) is kept
    assert kept.tobytes() == data


@pytest.mark.parametrize("size, top", [(149, 0), (151, 0), (300, 39), (150, 40), (150, -1)])
def test_bytes_that_are_not_whole_rows_inside_the_image_change_nothing(size, top):
    kept = noisy_image("RGB", (50, 40))
    before = kept.tobytes()
    with pytest.raises(ValueError, match="not whole rows of a 50x40 picture"):
        images.unpack_chunks(kept, [bytes(size)], top)
    assert kept.tobytes() == before
