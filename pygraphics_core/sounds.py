"""Sounds and their samples: the classes behind media's sound functions.

A sound is a long list of numbers called samples. Played one after the
other, many thousands per second (the sampling rate), they move a
loudspeaker back and forth: 0 is silence, and the farther a value is from 0,
the louder. A mono sound has one value per sample; a stereo sound has
two, left and right, one for each loudspeaker. Most sounds store 16-bit
samples, whose values go from -32768 to 32767.

:mod:`media` gives students the functions (``load_sound``, ``get_value``,
``set_value``, ...), with PyGraphics 2.1's names and argument order; this
module holds the classes they work on and the careful paths those functions
take when something is unusual (a float, a value too loud, a mistake to
explain). Playing sounds (``play``, ``stop``, ...) happens in the GUI
process and comes from the ``pygraphics-sound`` plugin.

Changes from 2.1, on purpose:

- a new value may be any number: ``set_value(sample, value * 0.5)`` works
  (the value is rounded), and a value too large for the sound is *clipped*
  to the loudest value there is instead of wrapping around;
- sounds keep the sampling rate, the channels and the sample size of their
  WAV file (8, 16, 24 or 32 bits) instead of all becoming 16-bit stereo; a
  mono sample still answers 2.1's stereo functions (see :class:`MonoSample`),
  and sounds of different rates or channels are converted when joined;
- notes are tuned, may have sharps and flats, any octave, any loudness, or
  a MIDI number; ``normalize`` works.

Speed: a student's ``for sample in sound`` loop is the hot path, so
media's functions that get and set values reach into the sample directly
(one function call each) and come here only when something is unusual.
``bench/bench_sounds.py`` measures them.
"""

import math
import operator

from pygraphics_core.messages import describe
from pygraphics_core.sample_arrays import (
    MAX_SAMPLING_RATE,
    SUPPORTED_BITS,
    bits_of,
    highest_value,
    lowest_value,
    new_sample_array,
    silent_sample_array,
)

__all__ = ["Sound", "Note", "MonoSample", "StereoSample"]

#: Samples per second of new sounds (CD quality), as in PyGraphics 2.1.
DEFAULT_SAMPLING_RATE = 44100
#: Channels of new sounds: stereo, as in PyGraphics 2.1.
DEFAULT_CHANNELS = 2
#: Bits per sample of new sounds: values from -32768 to 32767.
DEFAULT_BITS_PER_SAMPLE = 16
#: How loud notes are unless told otherwise (out of 32767 for 16 bits).
DEFAULT_AMPLITUDE = 6000

# Making a Sound without running __init__ (Sound.from_values).
_new_object = object.__new__


# ---------------------------------------------------------------------------
# Samples
# ---------------------------------------------------------------------------

class Sample:
    """A sample of a sound: a MonoSample or a StereoSample.

    Both kinds answer PyGraphics 2.1's stereo methods below (for a mono
    sample, see MonoSample).
    """

    __slots__ = ()

    def get_values(self):
        """Return this sample's values as a tuple (left, right)."""
        return values_carefully(self, "get_values")

    def set_values(self, left, right):
        """Set this sample's left value to left and right value to right."""
        set_values_carefully(self, left, right, "set_values")

    def get_left(self):
        """Return this sample's left value."""
        return channel_carefully(self, 0, "get_left")

    def set_left(self, value):
        """Set this sample's left value to value."""
        set_channel_carefully(self, 0, value, "set_left")

    def get_right(self):
        """Return this sample's right value."""
        return channel_carefully(self, 1, "get_right")

    def set_right(self, value):
        """Set this sample's right value to value."""
        set_channel_carefully(self, 1, value, "set_right")


class MonoSample(Sample):
    """One sample of a mono (one-channel) sound: it has one value.

    A sample stays linked to its sound: setting its value changes the sound.
    Samples come from their sound: media.get_sample(snd, i) or a for loop
    over the sound.

    PyGraphics 2.1 made every sound stereo, so its labs use the stereo
    functions (get_left, set_right, ...) on mono sounds too. A mono sample
    answers them as a stereo sample whose left and right are both its one
    value. Setting one channel sets that channel, and the sample's value
    becomes the two channels mixed (their average), which is what the two
    loudspeakers would play together: so a 2.1 loop that doubles the left
    and then the right value doubles the sound, as it did in 2.1.
    """

    # No __init__: the sound fills in the first two slots. A loop makes one
    # sample per step, and creating it without a Python-level __init__ call
    # is a measurable part of a student's loop (see bench/bench_sounds.py).
    # _as_stereo stays unset until a stereo function sets a channel (see
    # set_channel_carefully); an unset slot costs nothing.
    __slots__ = ("_mono_values", "_index", "_as_stereo")

    def get_value(self):
        """Return this sample's value."""
        return value_carefully(self, "get_value")

    def set_value(self, value):
        """Set this sample's value to value."""
        set_value_carefully(self, value, "set_value")

    def get_index(self):
        """Return where this sample is in its sound (0 for the first)."""
        return self._index

    def __str__(self):
        try:
            return f"Sample at {self._index} with value {self._mono_values[self._index]}"
        except IndexError:
            return f"Sample at {self._index}, no longer in its sound"
        except AttributeError:
            return "Sample of no sound (samples come from get_sample or a for loop)"

    def __repr__(self):
        return f"<{self}>"


class StereoSample(Sample):
    """One sample of a stereo (two-channel) sound: a left and a right value.

    A sample stays linked to its sound: setting a value changes the sound.
    Samples come from their sound: media.get_sample(snd, i) or a for loop
    over the sound.
    """

    # The values are interleaved (left, right, left, right, ...), so the
    # sample keeps the position of its left value: index * 2. No __init__,
    # as for MonoSample.
    __slots__ = ("_stereo_values", "_position")

    def get_index(self):
        """Return where this sample is in its sound (0 for the first)."""
        return self._position // 2

    def __str__(self):
        try:
            index = self._position // 2
        except AttributeError:
            return "Sample of no sound (samples come from get_sample or a for loop)"
        try:
            left, right = self._stereo_values[self._position:self._position + 2]
        except ValueError:
            return f"Sample at {index}, no longer in its sound"
        return f"Sample at {index} with left value {left} and right value {right}"

    def __repr__(self):
        return f"<{self}>"



# ---------------------------------------------------------------------------
# The Sound class
# ---------------------------------------------------------------------------

class Sound:
    """A sound: a sequence of samples, played get_sampling_rate() per second.

    Make one with media.load_sound('file.wav'), media.create_sound(samples)
    or media.Sound(seconds=2):

    >>> snd = media.Sound(seconds=0.5)
    >>> len(snd), snd.get_sampling_rate(), snd.get_channels()
    (22050, 44100, 2)

    len(snd) is its number of samples; for sample in snd goes through
    them; snd1 + snd2 is one sound followed by the other (a new sound);
    snd * 3 is a sound repeated three times. Two sounds are == when they
    have the same samples, channels, rate and sample size.
    """

    # Equal sounds must have equal hashes, and a sound's samples can change,
    # so sounds cannot be dictionary keys or set members (like lists).
    __hash__ = None

    def __init__(self, filename=None, samples=None, seconds=None, *,
                 sampling_rate=None, channels=None, bits_per_sample=None):
        """Make a sound from a WAV file, or a silent sound of a given length.

        Give exactly one of: filename (a WAV file to load), samples (how
        many silent samples) or seconds (how long a silence). A new silent
        sound has sampling_rate samples per second (44100), channels
        channels (2: stereo; 1 is mono) and bits_per_sample bits per value (16).
        """
        given = [name for name, value in
                 (("filename", filename), ("samples", samples), ("seconds", seconds))
                 if value is not None]
        if len(given) != 1:
            raise TypeError(
                "Sound() needs exactly one of filename, samples or seconds, for example "
                "Sound('song.wav'), Sound(samples=1000) or Sound(seconds=2)"
                + (f"; it got {' and '.join(given)}." if given else "."))
        if filename is not None:
            if (sampling_rate, channels, bits_per_sample) != (None, None, None):
                raise TypeError("A sound loaded from a file has its file's sampling rate, "
                                "channels and bits per sample: do not give them.")
            self._load(filename)
            return
        sampling_rate = _checked_sampling_rate(
            DEFAULT_SAMPLING_RATE if sampling_rate is None else sampling_rate)
        channels = _checked_channels(DEFAULT_CHANNELS if channels is None else channels)
        bits = DEFAULT_BITS_PER_SAMPLE if bits_per_sample is None else bits_per_sample
        if bits not in SUPPORTED_BITS or isinstance(bits, bool):
            raise ValueError(f"bits_per_sample={bits!r} is not a sample size PyGraphics "
                             f"handles: use 8, 16, 24 or 32.")
        if samples is not None:
            count = _checked_count(samples, "samples")
        else:
            if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
                raise TypeError(f"seconds must be a number like 2 or 0.5, not {seconds!r}.")
            if not seconds >= 0 or math.isinf(seconds):
                raise ValueError(f"seconds={seconds!r} is not a length of time: "
                                 f"use 0 or more, like 2 or 0.5.")
            count = round(seconds * sampling_rate)
        self._values = silent_sample_array(bits, count * channels)
        self._channels = channels
        self._sampling_rate = sampling_rate
        self.filename = ""

    def _load(self, filename):
        from pygraphics_core.wav_files import read_wav

        contents = read_wav(filename)
        self._values = contents.values
        self._channels = contents.channels
        self._sampling_rate = contents.sampling_rate
        self.filename = str(filename)

    @classmethod
    def from_values(cls, values, channels, sampling_rate, filename=""):
        """Return a Sound holding the sample array values (not copied).

        For plugins and library code: values is an array made by
        pygraphics_core.sample_arrays, channels interleaved.
        """
        sound = _new_object(cls)
        sound._values = values
        sound._channels = _checked_channels(channels)
        sound._sampling_rate = _checked_sampling_rate(sampling_rate)
        sound.filename = filename
        return sound

    # -- what a sound is ----------------------------------------------------

    def __len__(self):
        """Return the number of samples in this sound."""
        return len(self._values) // self._channels

    def __iter__(self):
        """Go through this sound's samples, from first to last."""
        values = self._values
        if self._channels == 1:
            sample_class = MonoSample  # a local: faster than a global in this loop
            for index in range(len(values)):
                sample = sample_class()
                sample._mono_values = values
                sample._index = index
                yield sample
        else:
            sample_class = StereoSample
            for position in range(0, len(values) - 1, 2):
                sample = sample_class()
                sample._stereo_values = values
                sample._position = position
                yield sample

    def __eq__(self, other):
        if not isinstance(other, Sound):
            return NotImplemented
        return (self._channels == other._channels
                and self._sampling_rate == other._sampling_rate
                and bits_of(self._values) == bits_of(other._values)
                and self._values == other._values)

    def __add__(self, other):
        """Return a new sound: this sound followed by the sound other.

        The new sound has no file name, and this sound's sampling rate,
        channels and sample size; other is converted to them.
        """
        if not isinstance(other, Sound):
            return NotImplemented
        return joined(self, other, "+")

    def __mul__(self, count):
        """Return a new sound: this sound repeated count times."""
        if isinstance(count, bool) or not isinstance(count, int):
            return NotImplemented
        if count < 0:
            raise ValueError(f"A sound can be repeated 0 or more times, not {count} times.")
        values = new_sample_array(bits_of(self._values), self._values * count)
        return Sound.from_values(values, self._channels, self._sampling_rate)

    __rmul__ = __mul__

    def __repr__(self):
        kind = "mono" if self._channels == 1 else "stereo"
        origin = f", from {self.filename!r}" if self.filename else ""
        count = f"{len(self)} sample" if len(self) == 1 else f"{len(self)} samples"
        return (f"<Sound: {count} ({self.get_duration():.2f} seconds), {kind}, "
                f"{self._sampling_rate} samples per second, "
                f"{bits_of(self._values)}-bit{origin}>")

    def _repr_html_(self):
        """Show the sound in Jupyter as an audio player.

        A notebook keeps the sound in its file: a long one goes in made
        smaller, as its caption says (see pygraphics_core.notebook_audio).
        """
        from pygraphics_core.notebook_audio import audio_bundle, compact_wav

        return audio_bundle(compact_wav(self.to_wav_bytes()), repr(self)[1:-1])["text/html"]

    def get_channels(self):
        """Return how many channels this sound has: 1 (mono) or 2 (stereo)."""
        return self._channels

    def get_sampling_rate(self):
        """Return how many samples this sound plays per second."""
        return self._sampling_rate

    def get_bits_per_sample(self):
        """Return the size of each value in bits: 8, 16, 24 or 32.

        A 16-bit sound has values from -32768 to 32767.
        """
        return bits_of(self._values)

    def get_duration(self):
        """Return how long this sound plays, in seconds."""
        return len(self) / self._sampling_rate

    def get_sample(self, index):
        """Return the sample at index (0 is the first, -1 the last)."""
        return sample_at(self, self._checked_index(index, "get_sample"))

    def get_max(self):
        """Return the highest value in this sound (in either channel)."""
        if not self._values:
            raise ValueError("This sound has no samples, so it has no highest value.")
        return max(self._values)

    def get_min(self):
        """Return the lowest value in this sound (in either channel)."""
        if not self._values:
            raise ValueError("This sound has no samples, so it has no lowest value.")
        return min(self._values)

    # -- changing a sound ---------------------------------------------------

    def copy(self):
        """Return a new sound with the same samples; changing one leaves the other.

        The copy has no file name until it is saved as one, so that saving
        it can never overwrite the file the original came from.
        """
        return Sound.from_values(new_sample_array(bits_of(self._values), self._values),
                                 self._channels, self._sampling_rate)

    def append_silence(self, samples):
        """Add samples samples of silence at the end of this sound."""
        count = _checked_count(samples, "samples")
        self._values.frombytes(bytes(count * self._channels * self._values.itemsize))

    def append(self, other, function_name="append"):
        """Add the sound other at the end of this sound.

        other is converted to this sound's sampling rate, channels and
        sample size, if it has others.
        """
        self._values.extend(self._matching_values(other, function_name))

    def insert(self, other, index):
        """Put the sound other into this sound, starting at sample index.

        The samples from index on move to after the inserted sound. index
        may be len(snd) to insert at the end, or negative to count from the
        end. other is converted to this sound's sampling rate, channels and
        sample size, if it has others.
        """
        length = len(self)
        try:
            if isinstance(index, bool):
                raise TypeError
            index = operator.index(index)
        except TypeError:
            raise TypeError(f"insert needs a whole number for the index, "
                            f"not {describe(index)}.") from None
        if index < 0:
            index += length
        if not 0 <= index <= length:
            raise IndexError(f"index {index} is outside this sound of {length} samples: "
                             f"to insert, use 0 to {length} ({length} inserts at the end).")
        position = index * self._channels
        self._values[position:position] = self._matching_values(other, "insert")

    def crop(self, first, last):
        """Keep only the samples from index first to index last, both included.

        Negative indices count from the end (-1 is the last sample).
        """
        first = self._checked_index(first, "crop_sound")
        last = self._checked_index(last, "crop_sound")
        if first > last:
            raise ValueError(f"crop_sound keeps the samples from first to last, but first "
                             f"(index {first}) comes after last (index {last}): swap them.")
        del self._values[(last + 1) * self._channels:]
        del self._values[:first * self._channels]

    def normalize(self):
        """Make this sound as loud as it can be without clipping.

        Every value is multiplied by the same factor, so that the value
        farthest from 0 reaches the loudest value there is (32767 or -32768
        for 16 bits). A silent sound stays silent.
        """
        values = self._values
        if not values:
            return
        bits = bits_of(values)
        highest, lowest = highest_value(bits), lowest_value(bits)
        largest, smallest = max(values), min(values)
        if largest == 0 and smallest == 0:
            return
        factors = []
        if largest > 0:
            factors.append(highest / largest)
        if smallest < 0:
            factors.append(lowest / smallest)
        factor = min(factors)
        # The factor takes the extreme values exactly to the limits, so
        # rounding cannot go past them: no clipping needed.
        values[:] = new_sample_array(bits, [round(value * factor) for value in values])

    # -- files ----------------------------------------------------------------

    def get_filename(self):
        """Return the name of this sound's file ('' if it has none yet)."""
        return self.filename

    def set_filename(self, filename):
        """Set the name of the file that save() writes this sound to."""
        self.filename = "" if filename is None else str(filename)

    def save_as(self, filename):
        """Save this sound as the WAV file filename, and remember that name.

        >>> snd = media.Sound(seconds=0.1)
        >>> snd.save_as('quiet.wav')
        >>> len(media.load_sound('quiet.wav'))
        4410
        """
        from pygraphics_core.wav_files import write_wav

        name = str(filename)
        if not name.lower().endswith(".wav"):
            raise ValueError(f"PyGraphics saves sounds as WAV files: give a file name that "
                             f"ends in .wav, like 'song.wav', not {name!r}.")
        write_wav(filename, self._values, self._channels, self._sampling_rate)
        self.filename = name

    def save(self):
        """Save this sound to its file, the one it was loaded from or saved as."""
        if not self.filename:
            raise ValueError("This sound has no file name yet, so save() does not know "
                             "where to write it: use save_as(snd, 'name.wav') once.")
        from pygraphics_core.wav_files import write_wav

        write_wav(self.filename, self._values, self._channels, self._sampling_rate)

    def to_wav_bytes(self, first=0, last=-1, sampling_rate=None):
        """Return the bytes of a WAV file of samples first to last (included).

        For plugins (playback, inspector) and Jupyter's audio player. A
        sampling_rate other than the sound's makes the file play faster
        (higher) or slower (lower).
        """
        from pygraphics_core.wav_files import wav_file_bytes

        first = self._checked_index(first, "to_wav_bytes") if len(self) else 0
        last = self._checked_index(last, "to_wav_bytes") + 1 if len(self) else 0
        values = self._values[first * self._channels:last * self._channels]
        values = new_sample_array(bits_of(self._values), values)
        rate = self._sampling_rate if sampling_rate is None else sampling_rate
        return wav_file_bytes(values, self._channels, _checked_sampling_rate(rate))

    # -- playing (the pygraphics-sound plugin does it) -------------------------

    def play(self, first=0, last=-1):
        """Start playing this sound (from sample first to last) and return."""
        from pygraphics_core.plugins import media_function

        media_function("play_in_range")(self, first, last)

    def stop(self):
        """Stop playing this sound."""
        from pygraphics_core.plugins import media_function

        media_function("stop")(self)

    def inspect(self):
        """Open a window that shows this sound's waves, to look at and play parts."""
        from pygraphics_core.plugins import media_function

        media_function("inspect_sound")(self)

    # -- helpers ------------------------------------------------------------------

    def _checked_index(self, index, function_name):
        """Return ``index`` as a position from the start, or raise a clear error."""
        length = len(self)
        try:
            if isinstance(index, bool):
                raise TypeError
            index = operator.index(index)
        except TypeError:
            raise TypeError(f"{function_name} needs a whole number for a sample index, "
                            f"not {describe(index)}.") from None
        if not -length <= index < length:
            raise IndexError(_outside_message(index, length))
        return index % length

    def _matching_values(self, other, function_name):
        """Return the values of Sound other, converted to join this sound's values."""
        if not isinstance(other, Sound):
            raise TypeError(f"{function_name} needs a Sound to add, not {describe(other)}.")
        return converted_values(other, self._channels, self._sampling_rate,
                                bits_of(self._values))


class Note(Sound):
    """A sound of one musical note: a pure (sine) tone.

    note is a note name, 'C' (middle C), 'C#', 'D', 'Eb', ..., 'B', or a
    MIDI number (60 is middle C). octave moves it up (1, 2, ...) or down
    (-1, -2, ...) by octaves. The note lasts samples samples and its values
    go up to amplitude (how loud it is).

    >>> a = media.Note('A', 44100)
    >>> a.get_frequency()
    440.0
    >>> a.get_max() <= 6000
    True
    """

    def __init__(self, note, samples, octave=0, *, amplitude=DEFAULT_AMPLITUDE,
                 sampling_rate=DEFAULT_SAMPLING_RATE, channels=DEFAULT_CHANNELS):
        """Make a note; see the class documentation."""
        from pygraphics_core import notes

        count = _checked_count(samples, "samples")
        sampling_rate = _checked_sampling_rate(sampling_rate)
        channels = _checked_channels(channels)
        highest = highest_value(DEFAULT_BITS_PER_SAMPLE)
        if isinstance(amplitude, bool) or not isinstance(amplitude, (int, float)):
            raise TypeError(f"amplitude must be a number like 6000, not {amplitude!r}.")
        if not 0 <= amplitude <= highest:
            raise ValueError(f"amplitude={amplitude!r} is not a loudness for a 16-bit note: "
                             f"use 0 (silent) to {highest} (the loudest).")
        self._midi_number = notes.midi_number(note, octave)
        frequency = notes.frequency_of(self._midi_number)
        if frequency >= sampling_rate / 2:
            raise ValueError(
                f"Note {note!r} (octave {octave}) is {frequency:.0f} Hz, too high for "
                f"{sampling_rate} samples per second, which can hold notes below "
                f"{sampling_rate / 2:.0f} Hz: use a lower octave or a higher sampling rate.")
        tone = notes.sine_tone(frequency, count, amplitude, sampling_rate)
        values = new_sample_array(DEFAULT_BITS_PER_SAMPLE, tone)
        if channels == 2:
            stereo = silent_sample_array(DEFAULT_BITS_PER_SAMPLE, 2 * count)
            stereo[0::2] = values
            stereo[1::2] = values
            values = stereo
        self._values = values
        self._channels = channels
        self._sampling_rate = sampling_rate
        self.filename = ""

    def get_frequency(self):
        """Return this note's pitch in hertz (vibrations per second)."""
        from pygraphics_core import notes

        return notes.frequency_of(self._midi_number)

    def get_midi_number(self):
        """Return this note's MIDI number (60 is middle C)."""
        return self._midi_number


# ---------------------------------------------------------------------------
# What media's sound functions use
# ---------------------------------------------------------------------------

def checked_sound(snd, function_name):
    """Return snd if it is a Sound, or raise a TypeError that says what to give."""
    if isinstance(snd, Sound):
        return snd
    raise TypeError(f"{function_name} needs a sound (from media.load_sound, "
                    f"media.create_sound or media.create_note), not {describe(snd)}.")


def sample_at(snd, i):
    """Return the sample at index i of the sound snd (media.get_sample).

    Loops call it once per sample, so the usual case (a Sound and an int
    inside it) makes the sample directly; anything else goes the careful
    way, which explains what is wrong.
    """
    try:
        values = snd._values
        channels = snd._channels
        if i.__class__ is int:
            if channels == 1:
                if 0 <= i < len(values):
                    sample = MonoSample()
                    sample._mono_values = values
                    sample._index = i
                    return sample
            else:
                position = i + i
                if 0 <= position < len(values):
                    sample = StereoSample()
                    sample._stereo_values = values
                    sample._position = position
                    return sample
    except AttributeError:
        pass
    # Not a Sound, a negative index, one outside, or not an int.
    snd = checked_sound(snd, "get_sample")
    return sample_at(snd, snd._checked_index(i, "get_sample"))


def joined(snd1, snd2, function_name):
    """Return a new sound, snd1 followed by snd2 converted to snd1's format.

    The new sound has no file name: it is new, and saving it must not
    overwrite the file snd1 came from.
    """
    first = checked_sound(snd1, function_name)
    if not isinstance(snd2, Sound):
        raise TypeError(f"{function_name} joins two sounds, but the second is "
                        f"{describe(snd2)}.")
    combined = first.copy()
    combined.append(snd2, function_name)
    return combined


def converted_values(snd, channels, sampling_rate, bits):
    """Return snd's sample values as a sound of this format would hold them.

    Mono becomes stereo with the one value in both channels; stereo becomes
    mono by mixing (averaging) the two channels; another sampling rate is
    resampled (each channel, by straight lines between its samples), so that
    the sound keeps its length in seconds and its pitch; another sample size
    is scaled to this one. A sound of the same format is returned as it is.
    """
    values = snd._values
    if snd._channels != channels:
        values = _stereo_from_mono(values) if channels == 2 else _mono_from_stereo(values)
    if snd._sampling_rate != sampling_rate:
        values = _resampled(values, channels, snd._sampling_rate, sampling_rate)
    other_bits = bits_of(values)
    if other_bits == bits:
        return values
    if other_bits < bits:
        shift = bits - other_bits
        return new_sample_array(bits, [value << shift for value in values])
    shift = other_bits - bits
    return new_sample_array(bits, [value >> shift for value in values])


def _stereo_from_mono(values):
    stereo = silent_sample_array(bits_of(values), 2 * len(values))
    stereo[0::2] = values
    stereo[1::2] = values
    return stereo


def _mixed(left, right):
    """The one value that plays left and right together: their average."""
    return round((left + right) / 2)


def _mono_from_stereo(values):
    return new_sample_array(bits_of(values), map(_mixed, values[0::2], values[1::2]))


def _resampled(values, channels, from_rate, to_rate):
    frames = len(values) // channels
    new_frames = round(frames * to_rate / from_rate)
    step = from_rate / to_rate
    result = silent_sample_array(bits_of(values), new_frames * channels)
    for channel in range(channels):
        old = values[channel::channels]
        last = len(old) - 1
        new = []
        for frame in range(new_frames):
            where = frame * step
            before = min(int(where), last)
            after = min(before + 1, last)
            fraction = where - before
            new.append(round(old[before] + (old[after] - old[before]) * fraction))
        result[channel::channels] = new_sample_array(bits_of(values), new)
    return result


# -- the careful paths of media's sample functions ------------------------------------
#
# media's get_value, set_left, ... try the usual case directly and come here
# when it failed: a float that rounding does not fit, a value beyond the
# loudest, a sample of the other kind, a sample cropped away, or something
# that is no sample at all.

def value_carefully(samp, function_name):
    """Return the value of a mono sample, or explain why there is none."""
    if isinstance(samp, MonoSample):
        return _mono_value(samp, function_name)
    raise _needs_mono_sample(samp, function_name)


def set_value_carefully(samp, value, function_name):
    """Set the value of a mono sample to value (rounded, clipped), or explain."""
    if not isinstance(samp, MonoSample):
        raise _needs_mono_sample(samp, function_name)
    _mono_value(samp, function_name)  # raises if it is no longer in its sound
    values = samp._mono_values
    values[samp._index] = _fitted(value, values, function_name)


def channel_carefully(samp, channel, function_name):
    """Return the left (0) or right (1) value of a sample, mono ones included."""
    if isinstance(samp, MonoSample):
        return _mono_as_stereo(samp, function_name)[channel]
    values, position = _stereo_place(samp, function_name)
    return values[position + channel]


def set_channel_carefully(samp, channel, value, function_name):
    """Set the left (0) or right (1) value of a sample, mono ones included."""
    if isinstance(samp, MonoSample):
        pair = list(_mono_as_stereo(samp, function_name))
        pair[channel] = _fitted(value, samp._mono_values, function_name)
        _set_mono_as_stereo(samp, *pair)
        return
    values, position = _stereo_place(samp, function_name)
    values[position + channel] = _fitted(value, values, function_name)


def values_carefully(samp, function_name):
    """Return (left, right) of a sample, mono ones included."""
    if isinstance(samp, MonoSample):
        return _mono_as_stereo(samp, function_name)
    values, position = _stereo_place(samp, function_name)
    return (values[position], values[position + 1])


def set_values_carefully(samp, left, right, function_name):
    """Set (left, right) of a sample, mono ones included; a mistake changes neither."""
    if isinstance(samp, MonoSample):
        _mono_value(samp, function_name)  # raises if it is no longer in its sound
        values = samp._mono_values
        _set_mono_as_stereo(samp, _fitted(left, values, function_name),
                            _fitted(right, values, function_name))
        return
    values, position = _stereo_place(samp, function_name)
    left = _fitted(left, values, function_name)
    right = _fitted(right, values, function_name)
    values[position] = left
    values[position + 1] = right


def index_carefully(samp, function_name):
    """Return where a sample is in its sound, or explain that it is no sample."""
    if isinstance(samp, (MonoSample, StereoSample)):
        try:
            return samp.get_index()
        except AttributeError:
            pass
    raise _needs_a_sample(samp, function_name)


def _mono_value(samp, function_name):
    try:
        return samp._mono_values[samp._index]
    except AttributeError:
        raise _needs_a_sample(samp, function_name) from None
    except IndexError:
        raise _sample_gone(samp) from None


def _stereo_place(samp, function_name):
    """Return (values, position of the left value) of a stereo sample still in its sound."""
    try:
        values, position = samp._stereo_values, samp._position
    except AttributeError:
        raise _needs_a_sample(samp, function_name) from None
    if position + 1 >= len(values):
        raise _sample_gone(samp)
    return values, position


def _mono_as_stereo(samp, function_name):
    """The (left, right) that 2.1's stereo functions see in a mono sample.

    Both are the sample's value, unless a stereo function set one channel of
    this sample and its value has not changed since: then the two channels
    as they were set (see MonoSample).
    """
    value = _mono_value(samp, function_name)
    pair = getattr(samp, "_as_stereo", None)
    if pair is not None and _mixed(*pair) == value:
        return pair
    return (value, value)


def _set_mono_as_stereo(samp, left, right):
    samp._mono_values[samp._index] = _mixed(left, right)
    samp._as_stereo = (left, right)


# ---------------------------------------------------------------------------
# The slow path: checks and error messages
# ---------------------------------------------------------------------------

def _fitted(value, values, function_name):
    """Return ``value`` as a whole number that the sample array ``values`` holds.

    Rounds other numbers, clips values beyond the loudest, and raises a
    clear error for things that are not numbers.
    """
    if isinstance(value, (str, bytes, bytearray)) or not (
            hasattr(type(value), "__index__") or hasattr(type(value), "__float__")):
        raise TypeError(f"{function_name} needs a number for the new value, "
                        f"not {describe(value)}.")
    try:
        whole = operator.index(value)
    except TypeError:
        number = float(value)
        if math.isnan(number):
            raise ValueError(f"{function_name} got nan ('not a number') as the new value: "
                             f"check the calculation that made it.") from None
        whole = number if math.isinf(number) else round(number)
    bits = bits_of(values)
    return int(min(highest_value(bits), max(lowest_value(bits), whole)))


def _checked_count(count, name):
    """Return ``count`` if it is a whole number of samples, 0 or more."""
    if isinstance(count, bool) or not isinstance(count, int):
        if isinstance(count, float) and count.is_integer():
            count = int(count)
        else:
            raise TypeError(f"{name} must be a whole number of samples like 44100, "
                            f"not {count!r}.")
    if count < 0:
        raise ValueError(f"{name}={count} is not a number of samples: use 0 or more.")
    return count


def _checked_sampling_rate(rate):
    """Return ``rate`` if it is a possible sampling rate."""
    if isinstance(rate, bool) or not isinstance(rate, int):
        raise TypeError(f"The sampling rate must be a whole number of samples per second "
                        f"like 44100 or 22050, not {rate!r}.")
    if not 1 <= rate <= MAX_SAMPLING_RATE:
        raise ValueError(f"A sampling rate of {rate:,} samples per second is impossible: "
                         f"use a rate like 8000, 22050, 44100 or 48000 (PyGraphics takes "
                         f"1 to {MAX_SAMPLING_RATE:,}).")
    return rate


def _checked_channels(channels):
    """Return ``channels`` if it is 1 (mono) or 2 (stereo)."""
    if channels not in (1, 2) or isinstance(channels, bool):
        raise ValueError(f"channels={channels!r} is not possible: a sound has 1 channel "
                         f"(mono) or 2 channels (stereo).")
    return channels


def _channel_word(channels):
    return "mono" if channels == 1 else "stereo"


def _outside_message(index, length):
    if length == 0:
        return f"index {index} is outside this sound: it has no samples at all."
    return (f"index {index} is outside this sound of {length} samples: use 0 to "
            f"{length - 1} (or -{length} to -1 to count from the end).")


def _needs_a_sample(samp, function_name):
    return TypeError(f"{function_name} needs a sample (from media.get_sample(snd, i) or a "
                     f"for loop over a sound), not {describe(samp)}.")


def _needs_mono_sample(samp, function_name):
    if isinstance(samp, StereoSample):
        return TypeError(
            f"{function_name} works on samples of mono sounds, but this sample is from "
            f"a stereo sound, which has a left and a right value: use get_left/set_left, "
            f"get_right/set_right or get_values/set_values.")
    return _needs_a_sample(samp, function_name)


def _sample_gone(samp):
    return IndexError(f"The sample at index {samp.get_index()} is no longer in its sound: "
                      f"the sound was made shorter (cropped) after the sample was taken. "
                      f"Get the sample again with get_sample.")
