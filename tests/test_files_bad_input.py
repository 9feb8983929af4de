"""Names that lead to no ordinary file, and WAV headers that lie: a clear error, at once.

A student (or a careless script) may hand load_picture or load_sound a
named pipe, a socket, a loop of symbolic links, or a WAV file whose header
says something absurd. Each gets an error that says what the name is and
what to do, as the type a Python programmer expects, with one traceback;
nothing hangs (every test is bounded by an alarm).
"""

import contextlib
import os
import signal
import socket
import struct
import wave

import pytest

import media

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


@contextlib.contextmanager
def within(seconds):
    """Fail instead of hanging: an alarm interrupts whatever waits longer than ``seconds``."""
    def hung(signum, frame):
        raise TimeoutError(f"still waiting after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


LOADERS = [
    pytest.param(media.load_picture, ".png", "picture", id="load_picture"),
    pytest.param(media.load_sound, ".wav", "sound", id="load_sound"),
]


def one_traceback(error):
    """The error was raised ``from None``: the student reads one traceback."""
    return error.__suppress_context__ and error.__cause__ is None


@pytest.mark.parametrize("load, extension, what", LOADERS)
def test_a_named_pipe_is_refused_at_once(tmp_path, load, extension, what):
    pipe = tmp_path / f"pipe{extension}"
    os.mkfifo(pipe)
    # Opening a pipe to read waits for someone to write: before, for ever.
    with within(5), pytest.raises(ValueError) as raised:
        load(str(pipe))
    message = str(raised.value)
    assert f"{str(pipe)!r} is a named pipe (FIFO), not a {what} file" in message
    assert one_traceback(raised.value)


@pytest.mark.parametrize("load, extension, what", LOADERS)
def test_a_socket_is_refused_by_name(tmp_path, load, extension, what):
    path = tmp_path / f"s{extension}"
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))
        with within(5), pytest.raises(ValueError, match=f"is a socket, not a {what} file"):
            load(str(path))


@pytest.mark.parametrize("load, extension, what", LOADERS)
def test_a_loop_of_symbolic_links_says_so(tmp_path, load, extension, what):
    first, second = tmp_path / f"first{extension}", tmp_path / f"second{extension}"
    first.symlink_to(second)
    second.symlink_to(first)
    with within(5), pytest.raises(OSError) as raised:
        load(str(first))
    # Before: for sounds, Python's "[Errno 40] Too many levels of symbolic
    # links"; for pictures, a ValueError calling the file damaged.
    assert type(raised.value) is OSError
    message = str(raised.value)
    assert repr(str(first)) in message and "symbolic link that leads round in a circle" in message
    assert one_traceback(raised.value)


def wav_file(path, rate=44100, channels=1, width=2):
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(channels)
        writer.setsampwidth(width)
        writer.setframerate(rate)
        writer.writeframes(bytes(channels * width * 10))
    return path


def with_header_field(path, offset, layout, value):
    data = bytearray(path.read_bytes())
    struct.pack_into(layout, data, offset, value)
    path.write_bytes(data)
    return path


# Offsets in a plain PCM header: channels at 22 (<H), sampling rate at 24 (<I),
# block size at 32 (<H), bits per sample at 34 (<H).
@pytest.mark.parametrize("offset, layout, value, words", [
    (24, "<I", 0xFFFFFFFF, "4,294,967,295 samples per second"),
    (24, "<I", 10_000_000, "10,000,000 samples per second"),
    (24, "<I", 0, "0 samples per second"),
    (22, "<H", 0, "0 channels"),
    (22, "<H", 65535, "65535 channels"),
    (34, "<H", 0, "0-bit samples"),
    (32, "<H", 65535, "block size 65535"),
], ids=["rate 2**32-1", "rate 10 MHz", "rate 0", "no channels", "65535 channels",
        "0-bit samples", "block size 65535"])
def test_a_wav_header_with_absurd_values_is_refused_on_loading(tmp_path, offset, layout, value,
                                                               words):
    path = with_header_field(wav_file(tmp_path / "odd.wav"), offset, layout, value)
    # Before, a sampling rate of 2**32 - 1 loaded, and save_as, play and
    # inspect_sound then failed with a bare struct.error.
    with pytest.raises(ValueError) as raised:
        media.load_sound(str(path))
    assert words in str(raised.value)
    assert "struct" not in str(raised.value)


def test_the_fastest_sampling_rate_a_wav_file_may_have_loads_and_saves(tmp_path):
    from pygraphics_core.wav_files import MAX_SAMPLING_RATE

    path = wav_file(tmp_path / "fast.wav", rate=MAX_SAMPLING_RATE, channels=2, width=4)
    sound = media.load_sound(str(path))
    assert media.get_sampling_rate(sound) == MAX_SAMPLING_RATE
    media.save_as(sound, str(tmp_path / "copy.wav"))
    assert media.get_sampling_rate(media.load_sound(str(tmp_path / "copy.wav"))) == MAX_SAMPLING_RATE
