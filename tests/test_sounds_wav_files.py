"""WAV files: every sample size and channel count round-trips exactly, files
from other tools load, and everything else gets an error a student can act on."""

import array
import os
import struct
import wave

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import media
from pygraphics_core import sounds, wav_files
from pygraphics_core.sample_arrays import highest_value, lowest_value, new_sample_array

ALL_FORMATS = [(bits, channels) for bits in (8, 16, 24, 32) for channels in (1, 2)]


def expected_file_bytes(values, bits):
    """Encode sample values as WAV data bytes, independently of wav_files."""
    if bits == 8:
        return bytes(value + 128 for value in values)
    if bits == 24:
        return b"".join(struct.pack("<i", value)[:3] for value in values)
    return struct.pack(f"<{len(values)}{'h' if bits == 16 else 'i'}", *values)


def write_with_wave(path, values, bits, channels, rate):
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(channels)
        writer.setsampwidth(bits // 8)
        writer.setframerate(rate)
        writer.writeframes(expected_file_bytes(values, bits))


def riff(*chunks):
    """Return the bytes of a RIFF WAVE file made of (id, body) chunks."""
    body = b"WAVE"
    for chunk_id, chunk_body in chunks:
        body += chunk_id + struct.pack("<I", len(chunk_body)) + chunk_body
        if len(chunk_body) % 2:
            body += b"\0"
    return b"RIFF" + struct.pack("<I", len(body)) + body


def format_chunk(code, channels, rate, bits, extra=b""):
    frame = channels * bits // 8
    return struct.pack("<HHIIHH", code, channels, rate, rate * frame, frame, bits) + extra


def extensible_format_chunk(channels, rate, bits, sub_format=1):
    guid_tail = b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"
    extra = struct.pack("<HHI", 22, bits, 3 if channels == 2 else 4)
    extra += struct.pack("<H", sub_format) + guid_tail
    return format_chunk(0xFFFE, channels, rate, bits, extra)


def edge_values(bits, count):
    low, high = lowest_value(bits), highest_value(bits)
    pattern = [0, 1, -1, low, high, low + 1, high - 1, 12345 % high, -(6789 % high)]
    return (pattern * (count // len(pattern) + 1))[:count]


@pytest.mark.parametrize("bits,channels", ALL_FORMATS)
@pytest.mark.parametrize("rate", [8000, 22050, 44100, 48000, 96000])
def test_a_file_from_the_wave_module_loads_and_saves_back_byte_for_byte(
        tmp_path, bits, channels, rate):
    values = edge_values(bits, 2 * 90)
    original = tmp_path / "original.wav"
    write_with_wave(original, values, bits, channels, rate)

    snd = media.load_sound(original)
    assert (snd.get_bits_per_sample(), snd.get_channels(), snd.get_sampling_rate()) == (
        bits, channels, rate)
    assert len(snd) == len(values) // channels
    assert list(snd._values) == values

    copy = tmp_path / "copy.wav"
    snd.save_as(copy)
    with wave.open(str(copy), "rb") as reader:
        assert reader.getparams()[:3] == (channels, bits // 8, rate)
        assert reader.readframes(reader.getnframes()) == expected_file_bytes(values, bits)
    assert copy.read_bytes() == original.read_bytes()


@settings(max_examples=60, deadline=None)
@given(data=st.data(), bits=st.sampled_from([8, 16, 24, 32]), channels=st.sampled_from([1, 2]),
       rate=st.integers(1, 192000))
def test_any_samples_survive_a_save_and_a_load(tmp_path_factory, data, bits, channels, rate):
    frames = data.draw(st.integers(0, 50))
    values = data.draw(st.lists(st.integers(lowest_value(bits), highest_value(bits)),
                                min_size=frames * channels, max_size=frames * channels))
    snd = sounds.Sound.from_values(new_sample_array(bits, values), channels, rate)
    path = tmp_path_factory.mktemp("round") / "sound.wav"
    snd.save_as(path)
    again = media.load_sound(path)
    assert again == snd
    assert list(again._values) == values


@pytest.mark.parametrize("bits,channels", ALL_FORMATS)
def test_extensible_headers_as_written_by_ffmpeg_load(tmp_path, bits, channels):
    values = edge_values(bits, 2 * 10)
    path = tmp_path / "extensible.wav"
    path.write_bytes(riff((b"fmt ", extensible_format_chunk(channels, 48000, bits)),
                          (b"data", expected_file_bytes(values, bits))))
    snd = media.load_sound(path)
    assert list(snd._values) == values
    assert snd.get_sampling_rate() == 48000


def test_unknown_chunks_odd_sizes_and_a_short_data_chunk_are_handled(tmp_path):
    values = [1, -2, 3, -4, 5]
    data = expected_file_bytes(values, 16)
    path = tmp_path / "odd.wav"
    content = riff((b"LIST", b"odd"), (b"fmt ", format_chunk(1, 1, 8000, 16)),
                   (b"data", data))
    # A recorder that crashed: the data chunk claims more than there is,
    # and half a sample is left at the end.
    content = content.replace(struct.pack("<I", len(data)), struct.pack("<I", 10_000))
    path.write_bytes(content + b"\x07")
    assert list(media.load_sound(path)._values) == values


def test_byte_order_conversion_works_on_big_endian_machines():
    for bits in (16, 24, 32):
        data = expected_file_bytes(edge_values(bits, 18), bits)
        little = wav_files.values_from_wav_bytes(data, bits, byteorder="little")
        big = wav_files.values_from_wav_bytes(data, bits, byteorder="big")
        # A big-endian machine keeps each value's bytes the other way round.
        big.byteswap()
        assert big == little
        big.byteswap()
        assert wav_files.wav_bytes_from_values(big, byteorder="big") == data
        assert wav_files.wav_bytes_from_values(little, byteorder="little") == data


def test_a_missing_file_says_which_file_and_where(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError) as caught:
        media.load_sound("no such song.wav")
    assert "'no such song.wav'" in str(caught.value)
    assert str(tmp_path) in str(caught.value)


def test_a_folder_is_not_a_sound(tmp_path):
    with pytest.raises(IsADirectoryError, match="is a folder"):
        media.load_sound(tmp_path)


@pytest.mark.parametrize("content,looks_like", [
    (b"ID3\x03\x00" + bytes(100), "MP3"),
    (b"\xff\xfb\x90\x00" + bytes(100), "MP3"),
    (b"OggS" + bytes(100), "Ogg"),
    (b"fLaC" + bytes(100), "FLAC"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
    (b"", "empty"),
    (b"hello, this is a text file", ""),
])
def test_files_that_are_not_wav_files_are_named_for_what_they_are(tmp_path, content, looks_like):
    path = tmp_path / "song.wav"
    path.write_bytes(content)
    with pytest.raises(ValueError) as caught:
        media.load_sound(path)
    message = str(caught.value)
    assert "is not a WAV sound file" in message and looks_like in message
    assert "Audacity" in message


@pytest.mark.parametrize("code,name", [(2, "Microsoft ADPCM"), (0x11, "IMA ADPCM"),
                                       (7, "mu-law"), (3, "floating-point"), (0x55, "MP3")])
def test_compressed_and_float_wav_files_are_refused_by_name(tmp_path, code, name):
    path = tmp_path / "compressed.wav"
    path.write_bytes(riff((b"fmt ", format_chunk(code, 1, 8000, 16)), (b"data", bytes(8))))
    with pytest.raises(ValueError, match=f"holds {name}.*uncompressed"):
        media.load_sound(path)


def test_extensible_float_files_are_refused(tmp_path):
    path = tmp_path / "float.wav"
    path.write_bytes(riff((b"fmt ", extensible_format_chunk(2, 48000, 32, sub_format=3)),
                          (b"data", bytes(16))))
    with pytest.raises(ValueError, match="floating-point"):
        media.load_sound(path)


@pytest.mark.parametrize("chunks,message", [
    ([(b"data", bytes(4))], "no complete format"),
    ([(b"fmt ", format_chunk(1, 1, 8000, 16))], "no sound data"),
    ([(b"fmt ", format_chunk(1, 3, 8000, 16)), (b"data", bytes(6))], "3 channels"),
    ([(b"fmt ", format_chunk(1, 1, 8000, 12)), (b"data", bytes(6))], "12-bit"),
    ([(b"fmt ", format_chunk(1, 1, 0, 16)), (b"data", bytes(6))], "sampling rate is 0"),
])
def test_damaged_and_unusual_files_are_explained(tmp_path, chunks, message):
    path = tmp_path / "strange.wav"
    path.write_bytes(riff(*chunks))
    with pytest.raises(ValueError, match=message):
        media.load_sound(path)


def test_saving_needs_a_wav_name_and_an_existing_folder(tmp_path):
    snd = media.create_sound(10)
    with pytest.raises(ValueError, match="ends in .wav"):
        snd.save_as(tmp_path / "song.mp3")
    with pytest.raises(FileNotFoundError, match="there is no folder"):
        snd.save_as(tmp_path / "missing" / "song.wav")
    assert snd.get_filename() == ""


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0,
                    reason="folder permissions do not stop this user")
def test_saving_in_a_read_only_folder_says_so(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(PermissionError, match="permission to write"):
            media.create_sound(10).save_as(folder / "song.wav")
    finally:
        folder.chmod(0o700)


def test_a_failed_save_leaves_the_old_file_whole_and_no_temporary_file(tmp_path):
    path = tmp_path / "song.wav"
    media.create_note("A", 100).save_as(path)
    before = path.read_bytes()
    # wave refuses 0 channels after the temporary file exists: a real failure
    # part way through writing.
    with pytest.raises(wave.Error):
        wav_files.write_wav(path, array.array("h", [1, 2]), 0, 8000)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["song.wav"]


def test_saved_files_get_ordinary_permissions(tmp_path):
    if os.name == "nt":
        pytest.skip("Windows has no permission bits")
    path = tmp_path / "song.wav"
    media.create_sound(10).save_as(path)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    path.chmod(0o640)
    media.load_sound(path).save()
    assert path.stat().st_mode & 0o777 == 0o640


def test_save_writes_to_the_file_the_sound_came_from(tmp_path):
    path = tmp_path / "song.wav"
    media.create_sound(4, channels=1).save_as(path)
    snd = media.load_sound(path)
    media.set_value(media.get_sample(snd, 2), 777)
    snd.save()
    assert [media.get_value(sample) for sample in media.load_sound(path)] == [0, 0, 777, 0]


def test_a_new_sound_cannot_be_saved_without_a_name():
    with pytest.raises(ValueError, match="save_as"):
        media.create_sound(4).save()


def test_wav_bytes_for_players_are_a_whole_wav_file():
    snd = sounds.Note("A", 300, channels=1)
    data = snd.to_wav_bytes(100, 199)
    contents = wav_files.parse_wav(data)
    assert (contents.channels, contents.sampling_rate, contents.bits) == (1, 44100, 16)
    assert list(contents.values) == list(snd._values[100:200])
