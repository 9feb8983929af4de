"""Sounds small enough to keep in a notebook, with the standard library and Pillow only.

A notebook stores every sound it plays inside its file, as base64 text (4
bytes for every 3). Three minutes of CD-quality stereo is a 31.7 MB WAV
file, which made a 42 MB notebook: too big to save, hand in or open
quickly. So before a sound goes into a notebook, :func:`compact_wav` makes
it smaller, as little as needed:

1. a sound whose WAV file fits in :data:`EMBED_LIMIT_BYTES` (and that has
   16 bits or fewer) goes in unchanged;
2. otherwise it is tried, in turn, as mono at 22,050, 16,000 and 11,025
   samples per second with 16 bits, then at 11,025 and 8,000 with 8 bits,
   and the first that fits is used (three minutes fit as 8-bit mono at
   11,025: about 2.6 MB in the notebook);
3. a sound too long even for the last of those is cut: only its beginning
   goes into the notebook.

The caption of the player says what was done, so nobody mistakes the
notebook's copy for the sound itself, which is never changed.

Resampling and mixing the channels down use Pillow's resize on a one-row
"image" of samples (a triangle filter, which also keeps frequencies above
the new rate from folding back as noise): C speed, no NumPy.
"""

from __future__ import annotations

import array
import base64
import html
from typing import NamedTuple

__all__ = ["EMBED_LIMIT_BYTES", "CompactSound", "audio_bundle", "compact_wav"]

#: The most bytes of WAV one sound puts into a notebook (about 1.33 times
#: that as base64 text).
EMBED_LIMIT_BYTES = 2_000_000

#: The smaller forms tried, in order: (channels, samples per second, bits).
SMALLER_FORMS = ((1, 22050, 16), (1, 16000, 16), (1, 11025, 16), (1, 11025, 8), (1, 8000, 8))

_HEADER_BYTES = 44

# Pillow's names for signed samples of 1, 2 and 4 bytes in this machine's
# byte order (24-bit samples are kept in 4 bytes).
_RAW_MODES = {1: "I;8S", 2: "I;16NS", 4: "I;32NS"}


class CompactSound(NamedTuple):
    """A sound's WAV file as it goes into a notebook, and what was done to it."""

    #: The WAV file's bytes.
    wav: bytes
    #: How long the whole sound plays, in seconds.
    seconds: float
    #: How long the notebook's copy plays (less than ``seconds`` if it was cut).
    seconds_kept: float
    #: What was done to it, in words ("" if nothing was).
    note: str
    #: The whole sound, in words: "3 min 0 s, stereo, 44,100 samples per second, 16-bit".
    description: str


def compact_wav(wav, limit=EMBED_LIMIT_BYTES):
    """Return a :class:`CompactSound` of the WAV file ``wav`` (bytes) that fits in ``limit`` bytes."""
    from pygraphics_core.sample_arrays import bits_of
    from pygraphics_core.wav_files import parse_wav

    contents = parse_wav(wav, name="the sound")
    channels, rate = contents.channels, contents.sampling_rate
    bits = bits_of(contents.values)
    frames = len(contents.values) // channels
    seconds = frames / rate
    description = f"{_duration(seconds)}, {_describe(channels, rate, bits)}"
    if len(wav) <= limit and bits <= 16:
        return CompactSound(bytes(wav), seconds, seconds, "", description)
    for form in SMALLER_FORMS:
        new_channels, new_rate, new_bits = _no_bigger(form, channels, rate, bits)
        new_frames = _frames_after(frames, rate, new_rate)
        if _HEADER_BYTES + new_frames * new_channels * new_bits // 8 <= limit:
            return CompactSound(
                _converted(contents, frames, new_channels, new_rate, new_bits, frames),
                seconds, seconds,
                f"Played here as {_describe(new_channels, new_rate, new_bits)} to keep "
                f"the notebook small; the sound itself is unchanged.", description)
    new_channels, new_rate, new_bits = _no_bigger(SMALLER_FORMS[-1], channels, rate, bits)
    kept_new_frames = (limit - _HEADER_BYTES) // (new_channels * new_bits // 8)
    kept_frames = min(frames, int(kept_new_frames * rate / new_rate))
    kept = kept_frames / rate
    return CompactSound(
        _converted(contents, frames, new_channels, new_rate, new_bits, kept_frames),
        seconds, kept,
        f"Only the first {_duration(kept)} of this {_duration(seconds)} sound is in the "
        f"notebook (a notebook keeps every sound it plays, so long ones are cut), played "
        f"as {_describe(new_channels, new_rate, new_bits)}; the sound itself is unchanged.",
        description)


def _no_bigger(form, channels, rate, bits):
    new_channels, new_rate, new_bits = form
    return min(new_channels, channels), min(new_rate, rate), min(new_bits, max(bits, 8))


def _frames_after(frames, rate, new_rate):
    return max(1, round(frames * new_rate / rate)) if frames else 0


def _converted(contents, frames, new_channels, new_rate, new_bits, kept_frames):
    """The first ``kept_frames`` of the sound, mixed down to mono, resampled and
    re-quantised, as WAV (every smaller form is mono)."""
    from PIL import Image

    from pygraphics_core.sample_arrays import bits_of, new_sample_array
    from pygraphics_core.wav_files import wav_file_bytes

    channels, rate = contents.channels, contents.sampling_rate
    source_bits = bits_of(contents.values)
    new_frames = _frames_after(kept_frames, rate, new_rate)
    if kept_frames == 0:
        return wav_file_bytes(new_sample_array(new_bits), 1, new_rate)
    samples = contents.values[:kept_frames * channels]
    # Frame by frame, one column per channel; turned over, one row per
    # channel: the resize then mixes the rows down (when going to mono)
    # and resamples along them, in C.
    image = Image.frombytes("I", (channels, kept_frames), samples.tobytes(), "raw",
                            _RAW_MODES[samples.itemsize])
    image = image.transpose(Image.Transpose.TRANSPOSE)
    image = image.resize((new_frames, 1), Image.Resampling.BILINEAR)
    shift = source_bits - new_bits
    if shift:
        image = image.point(lambda value: value * 2.0 ** -shift)
    typecode = "h" if new_bits == 16 else "b"
    limit = 2 ** (new_bits - 1)
    values = array.array("i", image.tobytes())
    try:
        narrowed = array.array(typecode, values)
    except OverflowError:  # rounding at the very top of the scale
        narrowed = array.array(typecode, (min(limit - 1, max(-limit, value)) for value in values))
    return wav_file_bytes(new_sample_array(new_bits, narrowed), 1, new_rate)


def _describe(channels, rate, bits):
    kind = "mono" if channels == 1 else "stereo"
    return f"{kind}, {rate:,} samples per second, {bits}-bit"


def _duration(seconds):
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{seconds:.1f} s"


def audio_bundle(compact, caption, autoplay=False):
    """The MIME bundle of an audio player for ``compact`` (a :class:`CompactSound`).

    ``caption`` says what the sound is; what :func:`compact_wav` did to it
    is added.
    """
    data = base64.b64encode(compact.wav).decode("ascii")
    words = caption + (f" — {compact.note}" if compact.note else "")
    return {
        "text/html": (
            f'<div class="pygraphics-sound"><audio controls preload="metadata"'
            f'{" autoplay" if autoplay else ""} src="data:audio/wav;base64,{data}"></audio>'
            f'<div style="font-size:small;color:#555">{html.escape(words)}</div></div>'),
        "text/plain": f"<{words}>",
    }
