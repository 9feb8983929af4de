"""Musical notes: note names and MIDI numbers, their pitches, and sine tones.

PyGraphics 2.1 knew seven note names in one octave, rounded their
frequencies down to whole hertz (so every note was out of tune) and played
them at one fixed loudness. Here a note is a name with an optional sharp or
flat ('C', 'F#', 'Bb') or a MIDI number (60 is middle C, 69 is the A at
440 Hz), moved by any number of octaves, tuned in equal temperament.
"""

import math

#: The MIDI number of middle C, the note 'C' with octave 0.
MIDDLE_C = 60

_STEPS_ABOVE_C = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}
_ACCIDENTALS = {"": 0, "#": 1, "♯": 1, "b": -1, "♭": -1}
_NOTE_NAMES_HELP = ("'C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb' or 'B' "
                    "(# is sharp, b is flat)")

#: How long the fade in and out of a tone is, in seconds: starting or
#: stopping a wave at full strength makes an audible click.
FADE_SECONDS = 0.005


def midi_number(note, octave=0):
    """Return the MIDI number of ``note`` moved by ``octave`` octaves.

    ``note`` is a note name ('C' is middle C, 'A' is 440 Hz) or a MIDI
    number from 0 to 127.

    >>> midi_number('C'), midi_number('A'), midi_number('C#', octave=1)
    (60, 69, 73)
    >>> midi_number(60, octave=-1)
    48
    """
    if isinstance(octave, bool) or not isinstance(octave, int):
        raise TypeError(f"octave must be a whole number like -1, 0 or 2, not {octave!r}")
    if isinstance(note, str):
        letter, accidental = note[:1].upper(), note[1:].strip()
        if letter not in _STEPS_ABOVE_C or accidental not in _ACCIDENTALS:
            raise ValueError(f"{note!r} is not a note name: use {_NOTE_NAMES_HELP}, "
                             f"or a MIDI number from 0 to 127 (60 is middle C).")
        number = MIDDLE_C + _STEPS_ABOVE_C[letter] + _ACCIDENTALS[accidental]
    elif isinstance(note, int) and not isinstance(note, bool):
        if not 0 <= note <= 127:
            raise ValueError(f"MIDI note number {note} is outside 0 to 127 "
                             f"(60 is middle C, 69 is the A at 440 Hz).")
        number = note
    else:
        raise TypeError(f"A note must be a note name such as 'C' or 'F#', or a MIDI "
                        f"number such as 60, not {note!r}.")
    number += 12 * octave
    if not 0 <= number <= 127:
        raise ValueError(f"{note!r} moved by octave={octave} is MIDI note {number}, "
                         f"outside the notes 0 to 127 that can be played: "
                         f"use a smaller octave.")
    return number


def frequency_of(number):
    """Return the frequency in hertz of MIDI note ``number`` (equal temperament).

    >>> frequency_of(69)
    440.0
    >>> round(frequency_of(60), 2)
    261.63
    """
    return 440.0 * 2.0 ** ((number - 69) / 12)


def sine_tone(frequency, count, amplitude, sampling_rate):
    """Return ``count`` sample values of a sine wave, faded in and out.

    The wave has ``frequency`` hertz and peaks at ``amplitude``; it starts
    and ends at 0 with a fade of :data:`FADE_SECONDS` (at most a tenth of
    the tone) so that it does not click.

    >>> sine_tone(11025, 4, 1000, 44100)  # a quarter of a wave per sample
    [0, 1000, 0, -1000]
    """
    step = 2.0 * math.pi * frequency / sampling_rate
    sin = math.sin
    values = [round(amplitude * sin(step * index)) for index in range(count)]
    fade = min(round(FADE_SECONDS * sampling_rate), count // 10)
    for index in range(fade):
        weight = index / fade
        values[index] = round(values[index] * weight)
        values[count - 1 - index] = round(values[count - 1 - index] * weight)
    return values
