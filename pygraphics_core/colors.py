"""Colours for students: the :class:`Color` class and the 140 named colours.

A colour is three amounts of light, red, green and blue, each a whole number
from 0 (none) to 255 (full). The named colours (``red``, ``aliceblue``, ...)
keep PyGraphics 2.1's values, which are the CSS colours except that ``green``
is (0, 255, 0) as in 2.1 (CSS's green is (0, 128, 0)). They are shared by
every part of a program, so they cannot be changed; ``copy`` one to get a
colour you can change.
"""

import math
import operator
from math import floor as _floor

from pygraphics_core.messages import describe

__all__ = ["Color"]  # the named colours are added below

_CHANNELS = ("red", "green", "blue")


def checked_component(value, channel):
    """Return ``value`` as an int from 0 to 255, or raise a beginner's error.

    ``channel`` names the value in the message ("red", "green" or "blue").
    A float such as 127.5 is rounded down to 127, as PyGraphics 2.1 did
    (it used int()), so that ``get_red(p) * 0.5`` and ``(r + g + b) / 3``
    can be used directly. Raises TypeError for something that is not a
    number and ValueError for a number outside 0..255.
    """
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise ValueError(
                f"{channel}={value!r} is not a real amount: "
                f"a colour value is a number from 0 to 255"
            )
        number = value
    else:
        try:
            number = operator.index(value)
        except TypeError:
            raise TypeError(
                f"{channel} must be a number from 0 to 255, "
                f"but it is {describe(value)}"
            ) from None
    if number < 0:
        raise ValueError(
            f"{channel}={value!r} is too small: colour values go from 0 to 255"
        )
    if number >= 256:
        raise ValueError(
            f"{channel}={value!r} is too big: colour values go from 0 to 255"
        )
    return int(number)


def _from_text(value, channel):
    """Return the whole number a str such as '128' stands for, as 2.1's int() did."""
    try:
        return int(value)
    except ValueError:
        raise ValueError(
            f"{channel}={value!r} is text that is not a whole number: a colour "
            f"value is a number from 0 to 255, such as 128 (no quotes)"
        ) from None


def _checked_rgb(red, green, blue):
    """Return a bytearray of the three checked components.

    A Color may be made from text that holds a whole number (Color('0',
    '128', '255'), from a file or input()), as in PyGraphics 2.1.
    """
    return bytearray(
        checked_component(_from_text(value, channel) if isinstance(value, str) else value,
                          channel)
        for value, channel in zip((red, green, blue), _CHANNELS)
    )


class Color:
    """A colour made of red, green and blue, each from 0 to 255.

    >>> sky = media.Color(135, 206, 235)
    >>> sky.get_blue()
    235
    >>> sky
    Color(135, 206, 235)

    Two colours are == when their red, green and blue are the same. A Color
    can be changed (set_red, make_darker, ...), so it cannot be used in a
    set or as a dictionary key; use color.get_rgb() there.
    """

    __slots__ = ("_rgb", "_name")

    def __init__(self, red, green, blue):
        """Make the colour with these amounts of red, green and blue."""
        try:
            # bytearray checks the common case (three numbers from 0 to 255)
            # in C. A float (from "/") is rounded down first, as 2.1's int()
            # did; floor makes the floats that are not from 0 up to 256
            # negative or too big, or fails, and bytearray refuses those.
            rgb = bytearray((
                _floor(red) if red.__class__ is float else red,
                _floor(green) if green.__class__ is float else green,
                _floor(blue) if blue.__class__ is float else blue,
            ))
        except (TypeError, ValueError, OverflowError):
            rgb = None  # text, or a mistake: checked one by one below
        # Outside the except block, so that a mistake shows one traceback.
        self._rgb = rgb if rgb is not None else _checked_rgb(red, green, blue)
        self._name = None

    # Mutable and compared by value: hashing by value would lose colours
    # that change while they are in a set or a dict.
    __hash__ = None

    def __repr__(self):
        """Return how to write this colour in Python: Color(255, 0, 0)."""
        red, green, blue = self._rgb
        return f"Color({red}, {green}, {blue})"

    def _repr_html_(self):
        """Show the colour as a swatch in a Jupyter notebook."""
        red, green, blue = self._rgb
        label = f"media.{self._name} = " if self._name else ""
        return (
            '<span style="display:inline-block;width:1.2em;height:1.2em;'
            f"vertical-align:middle;border:1px solid #888;"
            f'background:rgb({red},{green},{blue})"></span> '
            f"<code>{label}{self!r}</code>"
        )

    def __eq__(self, other):
        """Return True if other is a Color with the same red, green and blue."""
        if isinstance(other, Color):
            return self._rgb == other._rgb
        return NotImplemented

    def __add__(self, other):
        """Return a new colour adding each component; sums above 255 become 255."""
        if not isinstance(other, Color):
            return NotImplemented
        return Color(*(min(a + b, 255) for a, b in zip(self._rgb, other._rgb)))

    def __sub__(self, other):
        """Return a new colour subtracting each component; results below 0 become 0."""
        if not isinstance(other, Color):
            return NotImplemented
        return Color(*(max(a - b, 0) for a, b in zip(self._rgb, other._rgb)))

    def get_red(self):
        """Return the red value of this colour (0 to 255)."""
        return self._rgb[0]

    def get_green(self):
        """Return the green value of this colour (0 to 255)."""
        return self._rgb[1]

    def get_blue(self):
        """Return the blue value of this colour (0 to 255)."""
        return self._rgb[2]

    def get_rgb(self):
        """Return the tuple (red, green, blue) of this colour."""
        return tuple(self._rgb)

    def _set(self, index, value):
        self._refuse_change_if_named()
        self._rgb[index] = checked_component(value, _CHANNELS[index])

    def set_red(self, value):
        """Set the red value of this colour (0 to 255)."""
        self._set(0, value)

    def set_green(self, value):
        """Set the green value of this colour (0 to 255)."""
        self._set(1, value)

    def set_blue(self, value):
        """Set the blue value of this colour (0 to 255)."""
        self._set(2, value)

    def copy(self):
        """Return a new colour with the same values, that you may change."""
        return Color(*self._rgb)

    def distance(self, other):
        """Return how far apart two colours are: the straight-line distance
        between their (red, green, blue) values. Black to white is about 441.7.
        """
        if not isinstance(other, Color):
            raise TypeError(
                f"distance needs two colours, but one of them is {describe(other)}"
            )
        return math.dist(self._rgb, other._rgb)

    def make_darker(self):
        """Make this colour 35% darker: each value becomes 65% of what it was
        (rounded down), so each moves 35% of the way to 0.
        """
        self._refuse_change_if_named()
        self._rgb = bytearray(int(value * 0.65) for value in self._rgb)

    def make_lighter(self):
        """Make this colour 35% lighter: each value moves 35% of the way
        towards 255 (rounded down).
        """
        self._refuse_change_if_named()
        self._rgb = bytearray(
            int(value + (255 - value) * 0.35) for value in self._rgb
        )

    def _refuse_change_if_named(self):
        if self._name is not None:
            raise TypeError(
                f"media.{self._name} is a named colour shared by your whole "
                f"program, so it can't be changed. Change your own copy "
                f"instead: my_color = media.copy(media.{self._name})"
            )


def _named_color(name, red, green, blue):
    """Make one of the shared named colours, which refuse to be changed."""
    color = Color(red, green, blue)
    color._rgb = bytes(color._rgb)  # immutable, so nothing can change it by accident
    color._name = name
    NAMED_COLORS[name] = color
    __all__.append(name)
    return color


#: Every named colour by its name, e.g. ``NAMED_COLORS["red"]``.
NAMED_COLORS = {}

# PyGraphics 2.1's 140 named colours.
aliceblue = _named_color('aliceblue', 240, 248, 255)
antiquewhite = _named_color('antiquewhite', 250, 235, 215)
aqua = _named_color('aqua', 0, 255, 255)
aquamarine = _named_color('aquamarine', 127, 255, 212)
azure = _named_color('azure', 240, 255, 255)
beige = _named_color('beige', 245, 245, 220)
bisque = _named_color('bisque', 255, 228, 196)
black = _named_color('black', 0, 0, 0)
blanchedalmond = _named_color('blanchedalmond', 255, 235, 205)
blue = _named_color('blue', 0, 0, 255)
blueviolet = _named_color('blueviolet', 138, 43, 226)
brown = _named_color('brown', 165, 42, 42)
burlywood = _named_color('burlywood', 222, 184, 135)
cadetblue = _named_color('cadetblue', 95, 158, 160)
chartreuse = _named_color('chartreuse', 127, 255, 0)
chocolate = _named_color('chocolate', 210, 105, 30)
coral = _named_color('coral', 255, 127, 80)
cornflowerblue = _named_color('cornflowerblue', 100, 149, 237)
cornsilk = _named_color('cornsilk', 255, 248, 220)
crimson = _named_color('crimson', 220, 20, 60)
cyan = _named_color('cyan', 0, 255, 255)
darkblue = _named_color('darkblue', 0, 0, 139)
darkcyan = _named_color('darkcyan', 0, 139, 139)
darkgoldenrod = _named_color('darkgoldenrod', 184, 134, 11)
darkgray = _named_color('darkgray', 169, 169, 169)
darkgreen = _named_color('darkgreen', 0, 100, 0)
darkkhaki = _named_color('darkkhaki', 189, 183, 107)
darkmagenta = _named_color('darkmagenta', 139, 0, 139)
darkolivegreen = _named_color('darkolivegreen', 85, 107, 47)
darkorange = _named_color('darkorange', 255, 140, 0)
darkorchid = _named_color('darkorchid', 153, 50, 204)
darkred = _named_color('darkred', 139, 0, 0)
darksalmon = _named_color('darksalmon', 233, 150, 122)
darkseagreen = _named_color('darkseagreen', 143, 188, 143)
darkslateblue = _named_color('darkslateblue', 72, 61, 139)
darkslategray = _named_color('darkslategray', 47, 79, 79)
darkturquoise = _named_color('darkturquoise', 0, 206, 209)
darkviolet = _named_color('darkviolet', 148, 0, 211)
deeppink = _named_color('deeppink', 255, 20, 147)
deepskyblue = _named_color('deepskyblue', 0, 191, 255)
dimgray = _named_color('dimgray', 105, 105, 105)
dodgerblue = _named_color('dodgerblue', 30, 144, 255)
firebrick = _named_color('firebrick', 178, 34, 34)
floralwhite = _named_color('floralwhite', 255, 250, 240)
forestgreen = _named_color('forestgreen', 34, 139, 34)
fuchsia = _named_color('fuchsia', 255, 0, 255)
gainsboro = _named_color('gainsboro', 220, 220, 220)
ghostwhite = _named_color('ghostwhite', 248, 248, 255)
gold = _named_color('gold', 255, 215, 0)
goldenrod = _named_color('goldenrod', 218, 165, 32)
gray = _named_color('gray', 128, 128, 128)
green = _named_color('green', 0, 255, 0)
greenyellow = _named_color('greenyellow', 173, 255, 47)
honeydew = _named_color('honeydew', 240, 255, 240)
hotpink = _named_color('hotpink', 255, 105, 180)
indianred = _named_color('indianred', 205, 92, 92)
indigo = _named_color('indigo', 75, 0, 130)
ivory = _named_color('ivory', 255, 255, 240)
khaki = _named_color('khaki', 240, 230, 140)
lavender = _named_color('lavender', 230, 230, 250)
lavenderblush = _named_color('lavenderblush', 255, 240, 245)
lawngreen = _named_color('lawngreen', 124, 252, 0)
lemonchiffon = _named_color('lemonchiffon', 255, 250, 205)
lightblue = _named_color('lightblue', 173, 216, 230)
lightcoral = _named_color('lightcoral', 240, 128, 128)
lightcyan = _named_color('lightcyan', 224, 255, 255)
lightgoldenrodyellow = _named_color('lightgoldenrodyellow', 250, 250, 210)
lightgreen = _named_color('lightgreen', 144, 238, 144)
lightgrey = _named_color('lightgrey', 211, 211, 211)
lightpink = _named_color('lightpink', 255, 182, 193)
lightsalmon = _named_color('lightsalmon', 255, 160, 122)
lightseagreen = _named_color('lightseagreen', 32, 178, 170)
lightskyblue = _named_color('lightskyblue', 135, 206, 250)
lightslategray = _named_color('lightslategray', 119, 136, 153)
lightsteelblue = _named_color('lightsteelblue', 176, 196, 222)
lightyellow = _named_color('lightyellow', 255, 255, 224)
lime = _named_color('lime', 0, 255, 0)
limegreen = _named_color('limegreen', 50, 205, 50)
linen = _named_color('linen', 250, 240, 230)
magenta = _named_color('magenta', 255, 0, 255)
maroon = _named_color('maroon', 128, 0, 0)
mediumaquamarine = _named_color('mediumaquamarine', 102, 205, 170)
mediumblue = _named_color('mediumblue', 0, 0, 205)
mediumorchid = _named_color('mediumorchid', 186, 85, 211)
mediumpurple = _named_color('mediumpurple', 147, 112, 219)
mediumseagreen = _named_color('mediumseagreen', 60, 179, 113)
mediumslateblue = _named_color('mediumslateblue', 123, 104, 238)
mediumspringgreen = _named_color('mediumspringgreen', 0, 250, 154)
mediumturquoise = _named_color('mediumturquoise', 72, 209, 204)
mediumvioletred = _named_color('mediumvioletred', 199, 21, 133)
midnightblue = _named_color('midnightblue', 25, 25, 112)
mintcream = _named_color('mintcream', 245, 255, 250)
mistyrose = _named_color('mistyrose', 255, 228, 225)
moccasin = _named_color('moccasin', 255, 228, 181)
navajowhite = _named_color('navajowhite', 255, 222, 173)
navy = _named_color('navy', 0, 0, 128)
oldlace = _named_color('oldlace', 253, 245, 230)
olive = _named_color('olive', 128, 128, 0)
olivedrab = _named_color('olivedrab', 107, 142, 35)
orange = _named_color('orange', 255, 165, 0)
orangered = _named_color('orangered', 255, 69, 0)
orchid = _named_color('orchid', 218, 112, 214)
palegoldenrod = _named_color('palegoldenrod', 238, 232, 170)
palegreen = _named_color('palegreen', 152, 251, 152)
paleturquoise = _named_color('paleturquoise', 175, 238, 238)
palevioletred = _named_color('palevioletred', 219, 112, 147)
papayawhip = _named_color('papayawhip', 255, 239, 213)
peachpuff = _named_color('peachpuff', 255, 218, 185)
peru = _named_color('peru', 205, 133, 63)
pink = _named_color('pink', 255, 192, 203)
plum = _named_color('plum', 221, 160, 221)
powderblue = _named_color('powderblue', 176, 224, 230)
purple = _named_color('purple', 128, 0, 128)
red = _named_color('red', 255, 0, 0)
rosybrown = _named_color('rosybrown', 188, 143, 143)
royalblue = _named_color('royalblue', 65, 105, 225)
saddlebrown = _named_color('saddlebrown', 139, 69, 19)
salmon = _named_color('salmon', 250, 128, 114)
sandybrown = _named_color('sandybrown', 244, 164, 96)
seagreen = _named_color('seagreen', 46, 139, 87)
seashell = _named_color('seashell', 255, 245, 238)
sienna = _named_color('sienna', 160, 82, 45)
silver = _named_color('silver', 192, 192, 192)
skyblue = _named_color('skyblue', 135, 206, 235)
slateblue = _named_color('slateblue', 106, 90, 205)
slategray = _named_color('slategray', 112, 128, 144)
snow = _named_color('snow', 255, 250, 250)
springgreen = _named_color('springgreen', 0, 255, 127)
steelblue = _named_color('steelblue', 70, 130, 180)
tan = _named_color('tan', 210, 180, 140)
teal = _named_color('teal', 0, 128, 128)
thistle = _named_color('thistle', 216, 191, 216)
tomato = _named_color('tomato', 255, 99, 71)
turquoise = _named_color('turquoise', 64, 224, 208)
violet = _named_color('violet', 238, 130, 238)
wheat = _named_color('wheat', 245, 222, 179)
white = _named_color('white', 255, 255, 255)
whitesmoke = _named_color('whitesmoke', 245, 245, 245)
yellow = _named_color('yellow', 255, 255, 0)
yellowgreen = _named_color('yellowgreen', 154, 205, 50)
