"""The arrays that hold a sound's sample values, one kind per sample size.

A sound stores its samples in one flat :class:`array.array` of signed
integers, channel values interleaved as in a WAV file (left, right, left,
right, ... for stereo). Whatever the file's sample size, a value of 0 is
silence, so 8-bit files (unsigned on disk) are stored shifted to be signed.

The C array types check the value range of 8-, 16- and 32-bit samples on
every store, for free. No C type holds exactly 24 bits, so 24-bit samples
live in :class:`Int24Array`, a 32-bit array that refuses values outside the
24-bit range the same way (by raising :exc:`OverflowError`). Reading from
any of them runs at C speed; only storing into a 24-bit array pays for one
Python-level check.
"""

import array

#: Sample sizes (bits per sample) that sounds and WAV files may use.
SUPPORTED_BITS = (8, 16, 24, 32)

#: The fastest sampling rate a sound or a WAV file may have (samples per
#: second): twice the fastest sound cards (768,000), far below what breaks the
#: format (a byte rate over 2**32 - 1, as in a damaged header that says
#: 4,294,967,295). A sound that PyGraphics makes can be saved and loaded again.
MAX_SAMPLING_RATE = 1_536_000


def _typecode_of_size(size):
    """Return an array typecode for signed integers of exactly ``size`` bytes."""
    for typecode in "bhilq":
        if array.array(typecode).itemsize == size:
            return typecode
    raise RuntimeError(f"this Python has no {size}-byte signed integer array type")


INT32_TYPECODE = _typecode_of_size(4)


def lowest_value(bits):
    """Return the lowest sample value of a ``bits``-bit sound (-32768 for 16)."""
    return -(1 << (bits - 1))


def highest_value(bits):
    """Return the highest sample value of a ``bits``-bit sound (32767 for 16)."""
    return (1 << (bits - 1)) - 1


class Int24Array(array.array):
    """A 32-bit array that only accepts 24-bit sample values.

    It behaves like ``array.array(INT32_TYPECODE)`` except that storing a
    value outside -8388608..8388607 raises OverflowError, as the C arrays
    do for their own ranges; callers catch that one exception for every
    sample size. Bulk methods (extend, frombytes, ...) are not checked:
    the sound code only feeds them values that are already in range.
    """

    __slots__ = ()

    def __new__(cls, initializer=()):
        return super().__new__(cls, INT32_TYPECODE, initializer)

    def __setitem__(self, index, value):
        if isinstance(index, slice):
            if len(value) and not (-8388608 <= min(value) and max(value) <= 8388607):
                raise OverflowError("a 24-bit sample value is outside -8388608..8388607")
        elif not -8388608 <= value <= 8388607:
            raise OverflowError("a 24-bit sample value is outside -8388608..8388607")
        super().__setitem__(index, value)

    def __reduce_ex__(self, protocol):
        # array.array pickles as a plain array: keep the 24-bit checks.
        return (type(self), (list(self),))


def new_sample_array(bits, initializer=()):
    """Return an empty (or filled) array for samples of ``bits`` bits.

    ``initializer`` may be any iterable of ints already in range, or another
    sample array (copied).
    """
    if bits == 8:
        return array.array("b", initializer)
    if bits == 16:
        return array.array("h", initializer)
    if bits == 24:
        return Int24Array(initializer)
    if bits == 32:
        return array.array(INT32_TYPECODE, initializer)
    raise ValueError(f"bits={bits!r} is not a sample size PyGraphics handles: use one of "
                     f"{', '.join(map(str, SUPPORTED_BITS))}")


def silent_sample_array(bits, count):
    """Return an array of ``count`` zero (silent) values for ``bits``-bit samples."""
    values = new_sample_array(bits)
    values.frombytes(bytes(count * values.itemsize))
    return values


def bits_of(values):
    """Return the sample size in bits that a sample array was made for."""
    if isinstance(values, Int24Array):
        return 24
    return values.itemsize * 8
