"""PILImage: Pillow images as AMP arguments, of any mode and size, exactly.

A picture travels as its raw pixel bytes (what ``image.tobytes()`` gives)
spread over the keys ``name``, ``name.2``, ``name.3``, ... like a
BigString, with keys that describe them:

``name.mode``, ``name.width``, ``name.height``
    Pillow's mode (``"RGB"``, ``"L"``, ``"I;16"``, ...) and the size, the
    Integer encoding;
``name.palettemode``, ``name.palette``
    for a palette image (mode P or PA) only: ``"RGB"`` or ``"RGBA"``, and
    the palette's raw bytes;
``name.transparency``
    only if ``image.info`` has a ``"transparency"`` entry: ``i`` and an
    integer (a transparent index or grey level), ``t`` and comma-separated
    integers (a transparent colour), or ``b`` and bytes (an alpha value per
    palette entry).

Speed: a picture is the largest thing PyGraphics sends, so the pixels are
packed and unpacked in chunks that go straight onto, and come straight off,
the wire, without assembling the whole picture as one bytes object on
either side. That saves two copies and, above all, the page faults of two
fresh multi-megabyte buffers. It uses Pillow's raw codec objects
(``Image._getencoder``/``_getdecoder``, which Pillow's own file plugins
use); if a future Pillow lacks them, ``tobytes``/``frombytes`` take over.
"""

from __future__ import annotations

from .arguments import Argument, Integer, _describe, _join, get_chunks, put_chunks
from .boxes import MAX_VALUE_LENGTH, Box

# Only type checkers need typing (it is slow to import, and annotations
# are never evaluated here).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Iterator, Mapping

__all__ = ["PILImage", "pixel_chunks", "picture_from_chunks", "unpack_chunks"]


def pixel_chunks(image: Any) -> Iterator[bytes]:
    """Yield the raw pixel bytes of *image* (its ``tobytes()``) in chunks."""
    image.load()
    if not (image.width and image.height):
        return
    encoder = _raw_codec(image, "_getencoder")
    if encoder is None:
        yield image.tobytes()
        return
    # The raw encoder writes whole rows, so a chunk must hold at least one
    # (4 bytes a pixel is the widest mode); otherwise fill AMP values.
    chunk_size = max(MAX_VALUE_LENGTH, image.width * 4)
    while True:
        _, status, data = encoder.encode(chunk_size)
        if data:
            yield data
        if status:
            break
    if status < 0:
        raise RuntimeError(f"Pillow could not pack the pixels of a {image.mode} picture (error {status})")


def _raw_codec(image: Any, factory_name: str, rows: tuple[int, int] | None = None) -> Any:
    """Pillow's raw encoder or decoder set up on *image* (on its *rows*, top
    included and bottom not, if given), or None if this Pillow does not
    offer it (``tobytes``/``frombytes`` take over then)."""
    from PIL import Image

    factory = getattr(Image, factory_name, None)
    if factory is None:
        return None
    try:
        codec = factory(image.mode, "raw", image.mode)
        top, bottom = rows or (0, image.height)
        codec.setimage(image.im, (0, top, image.width, bottom))
    except (AttributeError, TypeError):
        return None
    return codec


def _row_size(mode: str, width: int) -> int:
    from PIL import Image

    return len(Image.new(mode, (width, 1)).tobytes())


def picture_from_chunks(mode: str, size: tuple[int, int], chunks: list[bytes]) -> Any:
    """Build a picture of *mode* and *size* from its raw pixel bytes in *chunks*.

    Raises ValueError if the mode is unknown or the bytes do not make
    exactly that picture.
    """
    from PIL import Image

    width, height = size
    total = sum(len(chunk) for chunk in chunks)
    if width < 0 or height < 0:
        raise ValueError(f"the picture's size {width}x{height} is negative")
    if not (width and height):
        if total:
            raise ValueError(f"an empty {width}x{height} picture came with pixels")
        return Image.new(mode, size)
    # Every mode takes at least one bit per pixel: a size beyond that cannot
    # match the data, and checking first keeps a lying peer from making us
    # build a huge probe image.
    if width > 8 * total or height > 8 * total:
        raise ValueError(f"{total:,} bytes of pixels cannot make a {width}x{height} picture")
    row_size = _row_size(mode, width)
    if row_size * height != total:
        raise ValueError(
            f"a {width}x{height} picture of mode {mode} takes {row_size * height:,} bytes, "
            f"not {total:,}"
        )
    # Not filled (color None): the decoder writes every pixel.
    return unpack_chunks(Image.new(mode, size, None), chunks)


def unpack_chunks(image: Any, chunks: list[bytes], top: int = 0) -> Any:
    """Overwrite rows of *image* with the raw pixel bytes in *chunks*; return it.

    The rows from *top* on, as many as the bytes make. A window that shows
    a picture again and again (an animation) keeps one image and unpacks
    each new frame into it, in bands of rows as they arrive, instead of
    making a new one each time. Raises ValueError, before changing a pixel,
    if the bytes are not whole rows of the image's mode and width, or reach
    past its bottom.
    """
    mode, (width, height) = image.mode, image.size
    total = sum(len(chunk) for chunk in chunks)
    row_size = _row_size(mode, width)
    rows, rest = divmod(total, row_size)
    if rest or not 0 <= top <= top + rows <= height:
        raise ValueError(
            f"{total:,} bytes are not whole rows of a {width}x{height} picture of mode {mode} "
            f"from row {top} on (a row takes {row_size:,} bytes)"
        )
    if not rows:
        return image
    decoder = _raw_codec(image, "_getdecoder", (top, top + rows))
    if decoder is None:
        from PIL import Image

        image.paste(Image.frombytes(mode, (width, rows), _join(chunks)), (0, top))
        return image
    # The decoder takes whole rows and says how many bytes it used; a row
    # split between two chunks is put together from its two parts. The
    # lengths were checked above, so the decoder is never fed past the end
    # of the picture (which Pillow does not guard against).
    remainder = b""
    for chunk in chunks:
        view = memoryview(chunk)
        if remainder:
            needed = min(row_size - len(remainder), len(view))
            remainder += view[:needed]
            view = view[needed:]
            if len(remainder) < row_size:
                continue
            used, status = decoder.decode(remainder)
            if status:
                raise ValueError(f"Pillow could not unpack a {mode} picture (error {status})")
            remainder = b""
        if len(view) >= row_size:
            whole_rows = len(view) - len(view) % row_size
            used, status = decoder.decode(view[:whole_rows])
            if status:
                raise ValueError(f"Pillow could not unpack a {mode} picture (error {status})")
            view = view[whole_rows:]
        remainder = bytes(view)
    return image


class PILImage(Argument):
    """A Pillow image of any mode and size, received exactly as it was sent.

    Mode, size, pixels, the palette of a P or PA image, and
    ``info["transparency"]`` travel (see the module docstring for the keys).
    """

    single_value = False
    # The pixels are decoded from the received chunks where they lie.
    accepts_buffers = True

    def to_box(self, key: bytes, value: Any, box: Box) -> None:
        from PIL import Image

        if not isinstance(value, Image.Image):
            raise TypeError(f"expected a PIL.Image.Image, got {_describe(value)}")
        transparency = value.info.get("transparency")
        if transparency is not None:
            box[key + b".transparency"] = _encode_transparency(transparency)
        put_chunks(key, pixel_chunks(value), box)
        box[key + b".mode"] = value.mode.encode("ascii")
        box[key + b".width"] = b"%d" % value.width
        box[key + b".height"] = b"%d" % value.height
        if value.mode in ("P", "PA") and value.palette is not None:
            palette_mode = value.palette.mode
            box[key + b".palettemode"] = palette_mode.encode("ascii")
            box[key + b".palette"] = bytes(value.getpalette(palette_mode) or b"")

    def from_box(self, key: bytes, box: Mapping[bytes, bytes]) -> Any:
        # The pixels may be memoryviews (accepts_buffers); the other values
        # are read as bytes.
        def value(suffix: bytes, default: Any = None) -> Any:
            found = box.get(key + suffix, default)
            return bytes(found) if type(found) is memoryview else found

        for suffix in (b".mode", b".width", b".height"):
            if key + suffix not in box:
                raise ValueError(f"the picture lacks the key {key + suffix!r}")
        mode = value(b".mode").decode("ascii")
        width = Integer().from_bytes(value(b".width"))
        height = Integer().from_bytes(value(b".height"))
        image = picture_from_chunks(mode, (width, height), get_chunks(key, box))
        palette_mode = value(b".palettemode")
        if palette_mode is not None:
            palette = value(b".palette", b"")
            if palette:
                image.putpalette(palette, palette_mode.decode("ascii"))
        transparency = value(b".transparency")
        if transparency is not None:
            image.info["transparency"] = _decode_transparency(transparency)
        return image


def _encode_transparency(transparency: Any) -> bytes:
    # Pillow keeps an int (one transparent palette index or grey level), a
    # tuple (one transparent colour) or bytes (an alpha per palette entry);
    # a one-letter tag keeps them apart on the wire.
    if isinstance(transparency, int) and not isinstance(transparency, bool):
        return b"i%d" % transparency
    if isinstance(transparency, tuple) and all(isinstance(part, int) for part in transparency):
        return b"t" + b",".join(b"%d" % channel for channel in transparency)
    if isinstance(transparency, (bytes, bytearray)):
        return b"b" + bytes(transparency)
    raise TypeError(
        f"the picture's info['transparency'] is {_describe(transparency)}; "
        "expected an int, a tuple of ints or bytes"
    )


def _decode_transparency(data: bytes) -> Any:
    tag, rest = data[:1], data[1:]
    if tag == b"i":
        return Integer().from_bytes(rest)
    if tag == b"t":
        return tuple(Integer().from_bytes(part) for part in rest.split(b","))
    if tag == b"b":
        return rest
    raise ValueError(f"unknown transparency tag {tag!r}")
