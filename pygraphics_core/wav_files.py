"""Read and write WAV files of integer samples, with the standard library only.

WAV files hold 8-, 16-, 24- or 32-bit integer samples (little-endian, 8-bit
unsigned), mono or stereo, at any sampling rate. Reading parses the RIFF
chunks itself rather than using :mod:`wave`, for two reasons: ``wave`` on
Python 3.10 and 3.11 refuses WAVE_FORMAT_EXTENSIBLE headers, which ffmpeg
and many editors write for 24- and 32-bit sound, and a student who picks an
MP3 or a compressed WAV deserves an error that says so in plain words.
Writing uses :mod:`wave` (plain PCM headers, readable everywhere), into a
temporary file beside the target that then replaces it, so an error half
way never destroys the student's old file.

Samples are converted between file bytes and sample arrays
(:mod:`pygraphics_core.sample_arrays`) with bytes/array operations that run
at C speed: no Python loop per sample.
"""

import array
import errno
import os
import struct
import sys
from pathlib import Path
from typing import NamedTuple

from pygraphics_core.regular_files import NotARegularFileError, open_regular_file
from pygraphics_core.sample_arrays import (
    MAX_SAMPLING_RATE, SUPPORTED_BITS, bits_of, new_sample_array)

_PCM = 0x0001
_EXTENSIBLE = 0xFFFE

# Format codes a student may meet, so that the error can name the format.
_FORMAT_NAMES = {
    0x0002: "Microsoft ADPCM",
    0x0003: "floating-point",
    0x0006: "A-law",
    0x0007: "mu-law",
    0x0011: "IMA ADPCM",
    0x0031: "GSM 6.10",
    0x0050: "MPEG",
    0x0055: "MP3",
}

# The first bytes of files that students mistake for WAV files.
_OTHER_FORMATS = [
    (b"ID3", "an MP3 file"),
    (b"\xff\xfb", "an MP3 file"),
    (b"\xff\xf3", "an MP3 file"),
    (b"\xff\xf2", "an MP3 file"),
    (b"OggS", "an Ogg file"),
    (b"fLaC", "a FLAC file"),
    (b"FORM", "an AIFF file"),
    (b"RF64", "an RF64 (very large WAV) file"),
    (b"RIFX", "a big-endian WAV file"),
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF8", "a GIF picture"),
]

# 8-bit WAV samples are unsigned (128 is silence); sounds store them signed.
_UNSIGNED_TO_SIGNED = bytes((byte - 128) & 0xFF for byte in range(256))
_SIGNED_TO_UNSIGNED = bytes((byte + 128) & 0xFF for byte in range(256))
# The byte that sign-extends a 24-bit value from its most significant byte.
_SIGN_EXTENSION = bytes(0xFF if byte >= 0x80 else 0x00 for byte in range(256))

_HOW_TO_CONVERT = ("Open it in a sound editor such as Audacity and export it as "
                   "WAV, signed 16-bit PCM.")


class WavContents(NamedTuple):
    """What a WAV file holds: its samples and how to play them."""

    values: array.array  # interleaved channels, signed: see sample_arrays
    channels: int
    sampling_rate: int
    bits: int


def read_wav(filename):
    """Read the WAV file ``filename`` and return its :class:`WavContents`.

    Raises FileNotFoundError, IsADirectoryError or PermissionError when the
    file cannot be opened, OSError for a loop of symbolic links (or a disk
    error), and ValueError when it is not an uncompressed WAV file of 8-,
    16-, 24- or 32-bit samples in one or two channels at a sampling rate a
    sound card plays, or when the name leads to a pipe or a device rather
    than a file.
    """
    path = Path(filename)
    try:
        with open_regular_file(path) as file:
            data = file.read()
    except FileNotFoundError:
        raise FileNotFoundError(
            f"There is no file {str(filename)!r}"
            f"{_folder_hint(path)}: check the spelling of its name and its folder."
        ) from None
    except IsADirectoryError:
        raise IsADirectoryError(
            f"{str(filename)!r} is a folder, not a sound file: give the name of a "
            f".wav file inside it."
        ) from None
    except PermissionError:
        raise PermissionError(
            f"You do not have permission to read the file {str(filename)!r}."
        ) from None
    except NotARegularFileError as error:
        # Opening a pipe for reading would wait for ever for a writer.
        raise ValueError(
            f"{str(filename)!r} is {error.kind}, not a sound file: give the name of "
            f"a .wav file."
        ) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OSError(
                f"{str(filename)!r} is a symbolic link that leads round in a circle "
                f"(through other links back to itself), so there is no file to read: "
                f"fix the link, or give the name of the .wav file itself."
            ) from None
        raise OSError(f"The file {str(filename)!r} cannot be read: "
                      f"{error.strerror or error}.") from None
    return parse_wav(data, name=str(filename))


def parse_wav(data, name="this data"):
    """Return the :class:`WavContents` of the bytes of a whole WAV file.

    ``name`` names the file in error messages.
    """
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError(f"{name!r} is not a WAV sound file{_what_it_looks_like(data)}. "
                         f"PyGraphics reads only WAV files. {_HOW_TO_CONVERT}")
    format_chunk = None
    sample_bytes = None
    position = 12
    while position + 8 <= len(data):
        chunk_id = data[position:position + 4]
        (chunk_size,) = struct.unpack_from("<I", data, position + 4)
        body = data[position + 8:position + 8 + chunk_size]
        if chunk_id == b"fmt " and format_chunk is None:
            format_chunk = body
        elif chunk_id == b"data" and sample_bytes is None:
            # Files written while recording may claim a longer data chunk
            # than they have; keep what is there, as other players do.
            sample_bytes = body
        position += 8 + chunk_size + (chunk_size & 1)  # chunks are padded to even sizes
    if format_chunk is None or len(format_chunk) < 16:
        raise ValueError(f"{name!r} is a damaged WAV file: it has no complete format "
                         f"description ('fmt ' chunk). {_HOW_TO_CONVERT}")
    format_code, channels, sampling_rate, _, block_align, container_bits = (
        struct.unpack_from("<HHIIHH", format_chunk))
    if format_code == _EXTENSIBLE and len(format_chunk) >= 26:
        # The real format code is the first two bytes of the SubFormat GUID.
        (format_code,) = struct.unpack_from("<H", format_chunk, 24)
    if format_code != _PCM:
        described = _FORMAT_NAMES.get(format_code, f"format number {format_code}")
        raise ValueError(f"{name!r} holds {described} sound, which PyGraphics cannot read: "
                         f"it reads only uncompressed WAV files with integer samples. "
                         f"{_HOW_TO_CONVERT}")
    if container_bits not in SUPPORTED_BITS:
        raise ValueError(f"{name!r} has {container_bits}-bit samples, which PyGraphics "
                         f"cannot read: it reads 8-, 16-, 24- and 32-bit samples. "
                         f"{_HOW_TO_CONVERT}")
    if channels not in (1, 2):
        raise ValueError(f"{name!r} has {channels} channels: PyGraphics handles mono "
                         f"(1 channel) and stereo (2 channels) sounds. Mix it down to "
                         f"stereo in a sound editor such as Audacity.")
    if not 1 <= sampling_rate <= MAX_SAMPLING_RATE:
        raise ValueError(f"{name!r} is a damaged WAV file: its sampling rate is "
                         f"{sampling_rate:,} samples per second, which no sound card plays "
                         f"(PyGraphics takes 1 to {MAX_SAMPLING_RATE:,}; 44,100 is usual). "
                         f"{_HOW_TO_CONVERT}")
    frame_size = channels * container_bits // 8
    if block_align != frame_size:
        raise ValueError(f"{name!r} is a damaged WAV file: its block size {block_align} "
                         f"does not match {channels} channel(s) of {container_bits} bits.")
    if sample_bytes is None:
        raise ValueError(f"{name!r} is a damaged WAV file: it has no sound data "
                         f"('data' chunk).")
    whole_frames = len(sample_bytes) // frame_size * frame_size
    values = values_from_wav_bytes(sample_bytes[:whole_frames], container_bits)
    return WavContents(values, channels, sampling_rate, container_bits)


def write_wav(filename, values, channels, sampling_rate):
    """Write the samples ``values`` to the WAV file ``filename``.

    The sample size comes from the array (see :func:`sample_arrays.bits_of`).
    The file is written to a temporary file in the same folder first and
    then put in place, so the old file stays whole if anything fails.
    """
    import tempfile
    import wave

    path = Path(filename)
    folder = path.parent
    if not folder.is_dir():
        raise FileNotFoundError(
            f"Cannot save {str(filename)!r}: there is no folder {str(folder)!r}. "
            f"Create the folder first, or save in a folder that exists.")
    if path.is_dir():
        raise IsADirectoryError(f"Cannot save to {str(filename)!r}: it is a folder. "
                                f"Give a file name ending in .wav.")
    try:
        handle, temporary_name = tempfile.mkstemp(
            dir=folder, prefix=f".{path.name}.", suffix=".part")
    except PermissionError:
        raise PermissionError(f"Cannot save {str(filename)!r}: you do not have "
                              f"permission to write in the folder {str(folder)!r}.") from None
    try:
        with os.fdopen(handle, "wb") as file, wave.open(file, "wb") as writer:
            writer.setnchannels(channels)
            writer.setsampwidth(bits_of(values) // 8)
            writer.setframerate(sampling_rate)
            writer.writeframes(wav_bytes_from_values(values))
        _give_normal_permissions(temporary_name, path)
        os.replace(temporary_name, path)
    except BaseException:
        try:
            os.unlink(temporary_name)
        except OSError:
            pass
        raise


def wav_file_bytes(values, channels, sampling_rate):
    """Return the bytes of a whole WAV file holding ``values``.

    Used to hand a sound to players (the GUI process, Jupyter's <audio>).
    """
    import io
    import wave

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(channels)
        writer.setsampwidth(bits_of(values) // 8)
        writer.setframerate(sampling_rate)
        writer.writeframes(wav_bytes_from_values(values))
    return buffer.getvalue()


def values_from_wav_bytes(data, bits, byteorder=sys.byteorder):
    """Return a sample array from the little-endian sample bytes of a WAV file.

    ``byteorder`` is the byte order of this machine's arrays (a parameter so
    that the big-endian path can be tested on little-endian machines).
    """
    if bits == 8:
        values = new_sample_array(8)
        values.frombytes(bytes(data).translate(_UNSIGNED_TO_SIGNED))
        return values
    if bits == 24:
        # Widen each 3-byte value to 4 bytes, copying its top byte's sign.
        count = len(data) // 3
        widened = bytearray(4 * count)
        widened[0::4] = data[0::3]
        widened[1::4] = data[1::3]
        widened[2::4] = data[2::3]
        widened[3::4] = bytes(data[2::3]).translate(_SIGN_EXTENSION)
        data = widened
    values = new_sample_array(bits)
    values.frombytes(bytes(data))
    if byteorder == "big":
        values.byteswap()
    return values


def wav_bytes_from_values(values, byteorder=sys.byteorder):
    """Return the little-endian WAV sample bytes of a sample array."""
    bits = bits_of(values)
    if byteorder == "big":
        values = new_sample_array(bits, values)
        values.byteswap()
    data = values.tobytes()
    if bits == 8:
        return data.translate(_SIGNED_TO_UNSIGNED)
    if bits == 24:
        narrowed = bytearray(3 * len(values))
        narrowed[0::3] = data[0::4]
        narrowed[1::3] = data[1::4]
        narrowed[2::3] = data[2::4]
        return bytes(narrowed)
    return data


def _what_it_looks_like(data):
    """Return ' (it looks like an MP3 file)' or '' for the start of a file."""
    if not data:
        return " (it is empty)"
    for signature, description in _OTHER_FORMATS:
        if data.startswith(signature):
            return f" (it looks like {description})"
    if data[:4] == b"RIFF" and data[8:12] == b"AVI ":
        return " (it looks like an AVI video)"
    return ""


def _folder_hint(path):
    """Return ' in the folder X' for a relative path: students forget where they are."""
    if path.is_absolute():
        return ""
    return f" in the folder {str(Path.cwd() / path.parent)!r}"


def _give_normal_permissions(temporary_name, target):
    """Give the new file the permissions a normally created file would have.

    mkstemp makes private (0600) files; keep the old file's mode when
    replacing one, else use the process's umask like open() does.
    """
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        current_umask = os.umask(0)
        os.umask(current_umask)
        mode = 0o666 & ~current_umask
    try:
        os.chmod(temporary_name, mode)
    except OSError:
        pass  # e.g. file systems without permissions: the file is still written
