"""What notebook mode puts in a cell's output: pictures, messages and text, as MIME bundles.

A MIME bundle is the dict a Jupyter front end shows: ``{"text/html": ...,
"text/plain": ...}``; the front end picks the richest form it can show,
and a notebook file stores the bundle. Everything here is plain Pillow and
string work, with no IPython, so it is tested without a kernel.

A picture is sent as a PNG inside an HTML ``<img>`` with a caption that
states its real size. A picture wider or taller than :data:`MAX_SHOWN_WIDTH`
x :data:`MAX_SHOWN_HEIGHT` is scaled down before it is encoded (a notebook
keeps every output it shows, and a 4000-pixel photo would make every
animation frame megabytes), and the browser scales it further to the
notebook's width (``max-width: 100%``); the caption then says that it was
scaled.
"""

from __future__ import annotations

import base64
import html
import io

__all__ = [
    "MAX_SHOWN_HEIGHT",
    "MAX_SHOWN_WIDTH",
    "closed_picture_bundle",
    "html_bundle",
    "message_bundle",
    "picture_bundle",
    "png_bytes",
    "scaled_for_notebook",
    "text_bundle",
]

#: Pictures wider than this are scaled down before they go into the notebook.
MAX_SHOWN_WIDTH = 960
#: Pictures taller than this are scaled down before they go into the notebook.
MAX_SHOWN_HEIGHT = 960
#: The longest side of the small faded copy left where a picture was closed.
CLOSED_SIDE = 160

# zlib level 3: nearly the size of the default level 6 at about half the
# time, which an animation's every frame pays.
_PNG_COMPRESS_LEVEL = 3

_KINDS = {
    # kind: (border colour, background, label for text/plain)
    "say": ("#4a7ab5", "#eef4fb", ""),
    "information": ("#4a7ab5", "#eef4fb", "Information: "),
    "warning": ("#c9a227", "#fdf8e4", "Warning: "),
    "error": ("#c0392b", "#fbeeee", "Error: "),
    "note": ("#999999", "#f4f4f4", "Note: "),
}


def as_image(picture):
    """Return ``picture`` (a Pillow image or a media Picture) as an RGB Pillow image."""
    if not hasattr(picture, "getpixel") and hasattr(picture, "get_image"):
        picture = picture.get_image()
    if picture.mode != "RGB":
        picture = picture.convert("RGB")
    return picture


def scaled_for_notebook(image, max_width=MAX_SHOWN_WIDTH, max_height=MAX_SHOWN_HEIGHT):
    """Return ``image`` scaled down to fit ``max_width`` x ``max_height`` (or itself)."""
    from PIL import Image

    width, height = image.size
    scale = min(1.0, max_width / width, max_height / height)
    if scale >= 1.0:
        return image
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    # reducing_gap: Pillow first shrinks by whole factors (fast, exact
    # averages), then resamples the rest.
    return image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)


def png_bytes(image):
    """Return ``image`` encoded as PNG."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=_PNG_COMPRESS_LEVEL)
    return buffer.getvalue()


def _data_url(png):
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def describe_size(width, height):
    """'640 × 480 pixels'."""
    return f"{width} × {height} pixels"


def picture_bundle(picture, title="", note=""):
    """The bundle that shows a picture with a caption: its title and real size.

    ``note`` is added to the caption (for example "inspector").
    """
    image = as_image(picture)
    width, height = image.size
    shown = scaled_for_notebook(image)
    caption = f"{title} — {describe_size(width, height)}" if title else describe_size(
        width, height)
    if shown is not image:
        caption += f", scaled down to fit (shown {shown.width} × {shown.height})"
    if note:
        caption += f" — {note}"
    return {
        "text/html": (
            f'<figure class="pygraphics-picture" style="margin:0.2em 0">'
            f'<img src="{_data_url(png_bytes(shown))}" alt="{html.escape(title)}" '
            f'width="{shown.width}" height="{shown.height}" '
            f'style="max-width:100%;height:auto;display:block">'
            f'<figcaption style="font-size:small;color:#555">{html.escape(caption)}'
            f"</figcaption></figure>"),
        "text/plain": f"<Picture {caption}>",
    }


def closed_picture_bundle(picture, title="", how="media.close"):
    """What is left in the output where a picture was closed: a small faded copy."""
    from PIL import Image

    image = as_image(picture)
    width, height = image.size
    small = scaled_for_notebook(image, CLOSED_SIDE, CLOSED_SIDE)
    faded = Image.blend(small.convert("L").convert("RGB"),
                        Image.new("RGB", small.size, (255, 255, 255)), 0.65)
    caption = f"Closed ({how}): {title + ' — ' if title else ''}{describe_size(width, height)}"
    return {
        "text/html": (
            f'<figure class="pygraphics-picture pygraphics-closed" style="margin:0.2em 0">'
            f'<img src="{_data_url(png_bytes(faded))}" alt="closed" '
            f'width="{faded.width}" height="{faded.height}" style="display:block">'
            f'<figcaption style="font-size:small;color:#888">{html.escape(caption)}'
            f"</figcaption></figure>"),
        "text/plain": f"<{caption}>",
    }


def message_bundle(text, kind="say", title=""):
    """A message in a coloured box: ``kind`` is say, information, warning, error or note."""
    border, background, label = _KINDS.get(kind, _KINDS["say"])
    heading = f"<strong>{html.escape(title)}</strong><br>" if title else ""
    return {
        "text/html": (
            f'<div class="pygraphics-message pygraphics-{html.escape(kind)}" '
            f'style="border-left:4px solid {border};background:{background};'
            f'color:#222;padding:0.4em 0.8em;margin:0.2em 0;white-space:pre-wrap;'
            f'font-family:sans-serif">{heading}{html.escape(text)}</div>'),
        "text/plain": f"{label}{title + ': ' if title else ''}{text}",
    }


def text_bundle(text):
    """Plain text, shown as it is (line breaks kept)."""
    return {"text/html": f'<pre style="margin:0">{html.escape(text)}</pre>',
            "text/plain": text}


def html_bundle(markup, plain=""):
    """``markup`` as HTML, with ``plain`` for front ends that show only text."""
    return {"text/html": markup, "text/plain": plain or "(HTML output)"}
