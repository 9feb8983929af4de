"""Sounds and their samples: PyGraphics 2.1's sound API for students.

A sound is a long list of numbers called *samples*. Played one after the
other, many thousands per second (the *sampling rate*), they move a
loudspeaker back and forth: 0 is silence, and the farther a value is from 0,
the louder. A *mono* sound has one value per sample; a *stereo* sound has
two, *left* and *right*, one for each loudspeaker. Most sounds store 16-bit
samples, whose values go from -32768 to 32767.

The functions here are the ones :mod:`media` gives students (``load_sound``,
``get_value``, ``set_value``, ...), with PyGraphics 2.1's names and argument
order. Playing sounds (``play``, ``stop``, ...) happens in the GUI process
and comes from the ``pygraphics-sound`` plugin.

Changes from 2.1, on purpose:

- a new value may be any number: ``set_value(sample, value * 0.5)`` works
  (the value is rounded), and a value too large for the sound is *clipped*
  to the loudest value there is instead of wrapping around;
- sounds keep the sampling rate, the channels and the sample size of their
  WAV file (8, 16, 24 or 32 bits) instead of all becoming 16-bit stereo;
- notes are tuned, may have sharps and flats, any octave, any loudness, or
  a MIDI number; ``normalize`` works.

Speed: a student's ``for sample in sound`` loop is the hot path, so the
functions that get and set values reach into the sample directly (one
function call each) and leave all checking to the slow path that runs only
when something is unusual. ``bench/bench_sounds.py`` measures them.
"""

import math
import operator

from pygraphics_core.sample_arrays import (
    SUPPORTED_BITS,
    bits_of,
    highest_value,
    lowest_value,
    new_sample_array,
    silent_sample_array,
)

__all__ = [
    # classes
    "Sound", "Note", "MonoSample", "StereoSample",
    # functions on sounds (media gives them to students)
    "load_sound", "create_sound", "create_note", "get_samples", "get_sample",
    "get_sampling_rate", "get_max_sample", "get_min_sample", "concatenate",
    "append_silence", "append", "crop_sound", "insert",
    # functions on samples
    "get_index", "get_value", "set_value", "get_values", "set_values",
    "get_left", "set_left", "get_right", "set_right",
]

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

class MonoSample:
    """One sample of a mono (one-channel) sound: it has one value.

    A sample stays linked to its sound: setting its value changes the sound.
    Samples come from their sound: ``get_sample(snd, i)`` or
    ``for sample in snd``.
    """

    # No __init__: the sound fills in the two slots. A loop makes one sample
    # per step, and creating it without a Python-level __init__ call is a
    # measurable part of a student's loop (see bench/bench_sounds.py).
    __slots__ = ("_mono_values", "_index")

    def get_value(self):
        """Return this sample's value."""
        return get_value(self)

    def set_value(self, value):
        """Set this sample's value to ``value``."""
        set_value(self, value)

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


class StereoSample:
    """One sample of a stereo (two-channel) sound: a left and a right value.

    A sample stays linked to its sound: setting a value changes the sound.
    Samples come from their sound: ``get_sample(snd, i)`` or
    ``for sample in snd``.
    """

    # The values are interleaved (left, right, left, right, ...), so the
    # sample keeps the position of its left value: index * 2. No __init__,
    # as for MonoSample.
    __slots__ = ("_stereo_values", "_position")

    def get_values(self):
        """Return this sample's values as a tuple (left, right)."""
        return get_values(self)

    def set_values(self, left, right):
        """Set this sample's left value to ``left`` and right value to ``right``."""
        set_values(self, left, right)

    def get_left(self):
        """Return this sample's left value."""
        return get_left(self)

    def set_left(self, value):
        """Set this sample's left value to ``value``."""
        set_left(self, value)

    def get_right(self):
        """Return this sample's right value."""
        return get_right(self)

    def set_right(self, value):
        """Set this sample's right value to ``value``."""
        set_right(self, value)

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
    """A sound: a sequence of samples, played ``get_sampling_rate()`` per second.

    Make one with ``load_sound('file.wav')``, ``create_sound(samples)`` or
    ``Sound(seconds=2)``:

    >>> snd = Sound(seconds=0.5)
    >>> len(snd), snd.get_sampling_rate(), snd.get_channels()
    (22050, 44100, 2)

    ``len(snd)`` is its number of samples; ``for sample in snd`` goes
    through them; ``snd1 + snd2`` is one sound followed by the other;
    ``snd * 3`` is a sound repeated three times. Two sounds are ``==`` when
    they have the same samples, channels, rate and sample size.
    """

    # Equal sounds must have equal hashes, and a sound's samples can change,
    # so sounds cannot be dictionary keys or set members (like lists).
    __hash__ = None

    def __init__(self, filename=None, samples=None, seconds=None, *,
                 sampling_rate=None, channels=None, bits_per_sample=None):
        """Make a sound from a WAV file, or a silent sound of a given length.

        Give exactly one of: ``filename`` (a WAV file to load),
        ``samples`` (how many silent samples) or ``seconds`` (how long a
        silence). A new silent sound has ``sampling_rate`` samples per
        second (44100), ``channels`` channels (2: stereo; 1 is mono) and
        ``bits_per_sample`` bits per value (16).
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
        """Return a Sound holding the sample array ``values`` (not copied).

        For plugins and library code: ``values`` is an array made by
        :mod:`pygraphics_core.sample_arrays`, channels interleaved.
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
        """Return a new sound: this sound followed by the sound ``other``."""
        if not isinstance(other, Sound):
            return NotImplemented
        combined = self.copy()
        combined.append(other)
        return combined

    def __mul__(self, count):
        """Return a new sound: this sound repeated ``count`` times."""
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
        """Return the sample at ``index`` (0 is the first, -1 the last)."""
        return get_sample(self, index)

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
        """Return a new sound with the same samples; changing one leaves the other."""
        duplicate = Sound.from_values(new_sample_array(bits_of(self._values), self._values),
                                      self._channels, self._sampling_rate, self.filename)
        return duplicate

    def append_silence(self, samples):
        """Add ``samples`` samples of silence at the end of this sound."""
        count = _checked_count(samples, "samples")
        self._values.frombytes(bytes(count * self._channels * self._values.itemsize))

    def append(self, other):
        """Add the sound ``other`` at the end of this sound."""
        self._values.extend(self._matching_values(other, "append"))

    def insert(self, other, index):
        """Put the sound ``other`` into this sound, starting at sample ``index``.

        The samples from ``index`` on move to after the inserted sound.
        ``index`` may be ``len(snd)`` to insert at the end, or negative to
        count from the end.
        """
        length = len(self)
        try:
            if isinstance(index, bool):
                raise TypeError
            index = operator.index(index)
        except TypeError:
            raise TypeError(f"insert needs a whole number for the index, "
                            f"not {_describe(index)}.") from None
        if index < 0:
            index += length
        if not 0 <= index <= length:
            raise IndexError(f"index {index} is outside this sound of {length} samples: "
                             f"to insert, use 0 to {length} ({length} inserts at the end).")
        position = index * self._channels
        self._values[position:position] = self._matching_values(other, "insert")

    def crop(self, first, last):
        """Keep only the samples from index ``first`` to index ``last``, both included.

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
        """Set the name of the file that ``save()`` writes this sound to."""
        self.filename = "" if filename is None else str(filename)

    def save_as(self, filename):
        """Save this sound as the WAV file ``filename``, and remember that name.

        >>> snd = Sound(seconds=0.1)
        >>> snd.save_as('quiet.wav')
        >>> len(load_sound('quiet.wav'))
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
        """Return the bytes of a WAV file of samples ``first`` to ``last`` (included).

        For plugins (playback, inspector) and Jupyter's audio player. A
        ``sampling_rate`` other than the sound's makes the file play faster
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
        """Start playing this sound (from sample ``first`` to ``last``) and return."""
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
                            f"not {_describe(index)}.") from None
        if not -length <= index < length:
            raise IndexError(_outside_message(index, length))
        return index % length

    def _matching_values(self, other, function_name):
        """Return the values of Sound ``other`` ready to join this sound's values."""
        if not isinstance(other, Sound):
            raise TypeError(f"{function_name} needs a Sound to add, not {_describe(other)}.")
        if other._channels != self._channels:
            raise ValueError(
                f"{function_name} can only join sounds with the same number of channels, "
                f"but one is {_channel_word(self._channels)} and the other is "
                f"{_channel_word(other._channels)}: make the new sound with "
                f"channels={self._channels}, e.g. create_note('C', 1000, "
                f"channels={self._channels}).")
        if other._sampling_rate != self._sampling_rate:
            raise ValueError(
                f"{function_name} can only join sounds with the same sampling rate, but one "
                f"plays {self._sampling_rate} samples per second and the other "
                f"{other._sampling_rate}: joined, one of them would play at the wrong speed. "
                f"Make the new sound with sampling_rate={self._sampling_rate}.")
        bits, other_bits = bits_of(self._values), bits_of(other._values)
        if other_bits == bits:
            return other._values
        # Different sample sizes: scale the other sound's values to ours.
        if other_bits < bits:
            shift = bits - other_bits
            return new_sample_array(bits, [value << shift for value in other._values])
        shift = other_bits - bits
        return new_sample_array(bits, [value >> shift for value in other._values])


class Note(Sound):
    """A sound of one musical note: a pure (sine) tone.

    ``note`` is a note name, 'C' (middle C), 'C#', 'D', 'Eb', ..., 'B', or a
    MIDI number (60 is middle C). ``octave`` moves it up (1, 2, ...) or down
    (-1, -2, ...) by octaves. The note lasts ``samples`` samples and its
    values go up to ``amplitude`` (how loud it is).

    >>> a = Note('A', 44100)
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
# Functions on sounds (what media gives students)
# ---------------------------------------------------------------------------

def load_sound(filename):
    """Return the sound in the WAV file ``filename``.

    The file must be an uncompressed WAV file (8, 16, 24 or 32 bits,
    mono or stereo), like the ones Audacity exports.

    >>> create_note('A', 4410).save_as('beep.wav')
    >>> snd = load_sound('beep.wav')
    >>> len(snd), get_sampling_rate(snd)
    (4410, 44100)
    """
    return Sound(filename)


def create_sound(samples, sampling_rate=DEFAULT_SAMPLING_RATE, channels=DEFAULT_CHANNELS):
    """Return a silent sound ``samples`` samples long.

    It plays ``sampling_rate`` samples per second (44100) and has
    ``channels`` channels (2 is stereo, 1 is mono).

    >>> snd = create_sound(44100)
    >>> len(snd), get_sampling_rate(snd)
    (44100, 44100)
    """
    return Sound(samples=samples, sampling_rate=sampling_rate, channels=channels)


def create_note(note, samples, octave=0, amplitude=DEFAULT_AMPLITUDE, *,
                sampling_rate=DEFAULT_SAMPLING_RATE, channels=DEFAULT_CHANNELS):
    """Return a sound of the musical note ``note``, ``samples`` samples long.

    ``note`` is a note name: 'C' (middle C), 'C#', 'D', 'Eb', 'E', 'F',
    'F#', 'G', 'Ab', 'A', 'Bb' or 'B' (# is sharp, b is flat), or a MIDI
    number (60 is middle C, 61 is C#, ...). ``octave`` raises the note by
    that many octaves (or lowers it, if negative). ``amplitude`` says how
    loud it is, up to 32767. Like create_sound, it plays ``sampling_rate``
    samples per second and has ``channels`` channels.

    >>> c = create_note('C', 22050)            # half a second of middle C
    >>> scale = c + create_note('D', 22050) + create_note('E', 22050)
    >>> len(scale)
    66150
    >>> high_c = create_note(72, 22050)         # MIDI 72: C one octave up
    >>> create_note('C', 22050, octave=1) == high_c
    True
    """
    return Note(note, samples, octave, amplitude=amplitude, sampling_rate=sampling_rate,
                channels=channels)


def get_samples(snd):
    """Return a list of all the samples of the sound ``snd``.

    >>> len(get_samples(create_sound(10)))
    10
    """
    return list(snd)


def get_sample(snd, i):
    """Return the sample at index ``i`` of the sound ``snd``.

    Index 0 is the first sample, -1 the last.

    >>> snd = create_sound(100, channels=1)
    >>> get_index(get_sample(snd, 99))
    99
    """
    try:
        values = snd._values
        channels = snd._channels
    except AttributeError:
        raise TypeError(f"get_sample needs a Sound, not {_describe(snd)}.") from None
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
    # Negative, out of range, or not an int: the careful way.
    return get_sample(snd, snd._checked_index(i, "get_sample"))


def get_sampling_rate(snd):
    """Return how many samples the sound ``snd`` plays per second.

    >>> get_sampling_rate(create_sound(10))
    44100
    """
    return snd.get_sampling_rate()


def get_max_sample(snd):
    """Return the highest value in the sound ``snd`` (in either channel).

    >>> get_max_sample(create_note('A', 44100, amplitude=1000))
    1000
    """
    return snd.get_max()


def get_min_sample(snd):
    """Return the lowest value in the sound ``snd`` (in either channel).

    >>> get_min_sample(create_note('A', 44100, amplitude=1000))
    -1000
    """
    return snd.get_min()


def concatenate(snd1, snd2):
    """Return a new sound: the sound ``snd1`` followed by the sound ``snd2``.

    >>> len(concatenate(create_sound(10), create_sound(5)))
    15
    """
    return snd1 + snd2


def append_silence(snd, samp):
    """Add ``samp`` samples of silence at the end of the sound ``snd``.

    >>> snd = create_sound(10)
    >>> append_silence(snd, 5)
    >>> len(snd)
    15
    """
    snd.append_silence(samp)


def append(snd1, snd2):
    """Add the sound ``snd2`` at the end of the sound ``snd1``.

    >>> snd = create_sound(10)
    >>> append(snd, create_sound(5))
    >>> len(snd)
    15
    """
    snd1.append(snd2)


def crop_sound(snd, first, last):
    """Keep only the samples of ``snd`` from index ``first`` to ``last``, both included.

    Negative indices count from the end (-1 is the last sample).

    >>> snd = create_sound(100)
    >>> crop_sound(snd, 10, 19)
    >>> len(snd)
    10
    """
    snd.crop(first, last)


def insert(snd1, snd2, i):
    """Put the sound ``snd2`` into the sound ``snd1``, starting at index ``i``.

    >>> snd = create_sound(10)
    >>> insert(snd, create_sound(5), 3)
    >>> len(snd)
    15
    """
    snd1.insert(snd2, i)


# ---------------------------------------------------------------------------
# Functions on samples: the hot path. Each reaches into the sample directly
# and handles anything unusual only after the fast attempt failed.
# ---------------------------------------------------------------------------

def get_index(samp):
    """Return where the sample ``samp`` is in its sound (0 for the first).

    >>> get_index(get_sample(create_sound(10), 3))
    3
    """
    try:
        return samp.get_index()
    except AttributeError:
        raise TypeError(f"get_index needs a sample, not {_describe(samp)}.") from None


def get_value(samp):
    """Return the value of the sample ``samp`` of a mono sound.

    >>> snd = create_sound(10, channels=1)
    >>> get_value(get_sample(snd, 0))
    0
    """
    try:
        return samp._mono_values[samp._index]
    except AttributeError:
        raise _needs_mono_sample(samp, "get_value") from None
    except IndexError:
        raise _sample_gone(samp) from None


def set_value(samp, value):
    """Set the value of the sample ``samp`` of a mono sound to ``value``.

    ``value`` may be any number: it is rounded to a whole number, and a
    value beyond the loudest the sound can hold (32767 or -32768 for most
    sounds) becomes that loudest value ("clipping").

    >>> snd = create_sound(10, channels=1)
    >>> sample = get_sample(snd, 0)
    >>> set_value(sample, 1000)
    >>> set_value(sample, get_value(sample) * 1.5)
    >>> get_value(sample)
    1500
    >>> set_value(sample, 40000)
    >>> get_value(sample)
    32767
    """
    try:
        # Floats (from arithmetic like value * 0.5) are common: round them
        # here rather than in the much slower path after an exception.
        if value.__class__ is float:
            value = round(value)  # nan and infinities raise, for the slow path
        samp._mono_values[samp._index] = value
    except (TypeError, OverflowError, ValueError):
        values = samp._mono_values
        values[samp._index] = _fitted(value, values, "set_value")
    except AttributeError:
        raise _needs_mono_sample(samp, "set_value") from None
    except IndexError:
        raise _sample_gone(samp) from None


def get_left(samp):
    """Return the left value of the sample ``samp`` of a stereo sound.

    >>> get_left(get_sample(create_sound(10), 0))
    0
    """
    try:
        return samp._stereo_values[samp._position]
    except AttributeError:
        raise _needs_stereo_sample(samp, "get_left") from None
    except IndexError:
        raise _sample_gone(samp) from None


def get_right(samp):
    """Return the right value of the sample ``samp`` of a stereo sound.

    >>> get_right(get_sample(create_sound(10), 0))
    0
    """
    try:
        return samp._stereo_values[samp._position + 1]
    except AttributeError:
        raise _needs_stereo_sample(samp, "get_right") from None
    except IndexError:
        raise _sample_gone(samp) from None


def get_values(samp):
    """Return the values of the sample ``samp`` of a stereo sound: (left, right).

    >>> get_values(get_sample(create_sound(10), 0))
    (0, 0)
    """
    try:
        values = samp._stereo_values
        position = samp._position
        return (values[position], values[position + 1])
    except AttributeError:
        raise _needs_stereo_sample(samp, "get_values") from None
    except IndexError:
        raise _sample_gone(samp) from None


def set_left(samp, value):
    """Set the left value of the sample ``samp`` of a stereo sound to ``value``.

    Like set_value, any number works: it is rounded, and clipped to the
    loudest value the sound can hold.

    >>> sample = get_sample(create_sound(10), 0)
    >>> set_left(sample, 100.4)
    >>> get_values(sample)
    (100, 0)
    """
    try:
        if value.__class__ is float:
            value = round(value)  # nan and infinities raise, for the slow path
        samp._stereo_values[samp._position] = value
    except (TypeError, OverflowError, ValueError):
        values = samp._stereo_values
        values[samp._position] = _fitted(value, values, "set_left")
    except AttributeError:
        raise _needs_stereo_sample(samp, "set_left") from None
    except IndexError:
        raise _sample_gone(samp) from None


def set_right(samp, value):
    """Set the right value of the sample ``samp`` of a stereo sound to ``value``.

    >>> sample = get_sample(create_sound(10), 0)
    >>> set_right(sample, -50000)
    >>> get_values(sample)
    (0, -32768)
    """
    try:
        if value.__class__ is float:
            value = round(value)  # nan and infinities raise, for the slow path
        samp._stereo_values[samp._position + 1] = value
    except (TypeError, OverflowError, ValueError):
        values = samp._stereo_values
        values[samp._position + 1] = _fitted(value, values, "set_right")
    except AttributeError:
        raise _needs_stereo_sample(samp, "set_right") from None
    except IndexError:
        raise _sample_gone(samp) from None


def set_values(samp, left, right):
    """Set the left and right values of the sample ``samp`` of a stereo sound.

    >>> sample = get_sample(create_sound(10), 0)
    >>> set_values(sample, 1, -1)
    >>> get_values(sample)
    (1, -1)
    """
    # Check both before changing either, so that an error changes nothing.
    try:
        values = samp._stereo_values
        position = samp._position
    except AttributeError:
        raise _needs_stereo_sample(samp, "set_values") from None
    try:
        old_left = values[position]
        if left.__class__ is float:
            left = round(left)
        if right.__class__ is float:
            right = round(right)
        values[position] = left
        values[position + 1] = right
    except (TypeError, OverflowError, ValueError):
        values[position] = old_left
        left = _fitted(left, values, "set_values")
        right = _fitted(right, values, "set_values")
        values[position] = left
        values[position + 1] = right
    except IndexError:
        raise _sample_gone(samp) from None


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
                        f"not {_describe(value)}.")
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
    if not 1 <= rate <= 0xFFFFFFFF:
        raise ValueError(f"A sampling rate of {rate} samples per second is impossible: "
                         f"use a rate like 8000, 22050, 44100 or 48000.")
    return rate


def _checked_channels(channels):
    """Return ``channels`` if it is 1 (mono) or 2 (stereo)."""
    if channels not in (1, 2) or isinstance(channels, bool):
        raise ValueError(f"channels={channels!r} is not possible: a sound has 1 channel "
                         f"(mono) or 2 channels (stereo).")
    return channels


def _describe(thing):
    """Describe a value for an error message: its repr and its type."""
    text = repr(thing)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} (a {type(thing).__name__})"


def _channel_word(channels):
    return "mono" if channels == 1 else "stereo"


def _outside_message(index, length):
    if length == 0:
        return f"index {index} is outside this sound: it has no samples at all."
    return (f"index {index} is outside this sound of {length} samples: use 0 to "
            f"{length - 1} (or -{length} to -1 to count from the end).")


def _needs_mono_sample(samp, function_name):
    if isinstance(samp, StereoSample):
        return TypeError(
            f"{function_name} works on samples of mono sounds, but this sample is from "
            f"a stereo sound, which has a left and a right value: use get_left/set_left, "
            f"get_right/set_right or get_values/set_values.")
    return TypeError(f"{function_name} needs a sample (from get_sample(snd, i) or a "
                     f"for loop over a sound), not {_describe(samp)}.")


def _needs_stereo_sample(samp, function_name):
    if isinstance(samp, MonoSample):
        return TypeError(
            f"{function_name} works on samples of stereo sounds, but this sample is from "
            f"a mono sound, which has just one value: use get_value and set_value.")
    return TypeError(f"{function_name} needs a sample (from get_sample(snd, i) or a "
                     f"for loop over a sound), not {_describe(samp)}.")


def _sample_gone(samp):
    return IndexError(f"The sample at index {samp.get_index()} is no longer in its sound: "
                      f"the sound was made shorter (cropped) after the sample was taken. "
                      f"Get the sample again with get_sample.")
