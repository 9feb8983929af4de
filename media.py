"""Pictures, pixels, colours and sounds for people learning Python.

Make a picture, change its pixels, and look at one of them:

    >>> import media
    >>> pic = media.create_picture(4, 3, media.orange)
    >>> for pixel in pic:
    ...     media.set_red(pixel, media.get_red(pixel) // 2)
    >>> media.get_color(media.get_pixel(pic, 0, 0))
    Color(127, 165, 0)

A picture is a grid of pixels. (0, 0) is the top-left corner; x counts
columns to the right and y counts rows downwards. Each pixel has a colour
made of red, green and blue, each a whole number from 0 to 255. A sound is
a long row of samples, numbers that say where the loudspeaker is at each
moment.

What is here, by topic (help(media.load_picture) and so on tell more):

Pictures: load_picture, create_picture, copy, crop_picture (or crop),
get_width, get_height, get_pixel, get_pixels, save, save_as.

Pixels: get_red, set_red, get_green, set_green, get_blue, set_blue,
get_color, set_color, get_x, get_y.

Colours: create_color, distance, darken, lighten, and 140 named colours
such as red, green, blue, black, white, orange, aliceblue (see DATA below).

Drawing: add_line, add_text, add_rect, add_rect_filled, add_oval,
add_oval_filled, add_polygon, add_polygon_filled.

Windows: show, update, close, inspect, close_inspect, is_shown; in a
notebook they show in the cell's output (use_notebook, use_windows).

Dialogs: choose_file, choose_save_filename, choose_folder, choose_color,
say, ask, ask_password, ask_number, ask_integer, ask_yes_no, ask_choice,
ask_choices, show_information, show_warning, show_error.

Sounds: load_sound, create_sound, create_note, get_samples, get_sample,
get_sampling_rate, get_max_sample, get_min_sample, concatenate, append,
append_silence, insert, crop_sound, play, blocking_play, play_in_range,
play_at_rate, stop, inspect_sound.

Samples: get_index, get_value, set_value, get_left, set_left, get_right,
set_right, get_values, set_values.

The things they work on: Picture, Pixel, Color, Sound, Note, MonoSample,
StereoSample.

Windows, dialogs and playing sounds come from plugins: if one is missing,
calling its function says which package to install.
"""

import functools as _functools
from math import floor as _round_down

from pygraphics_core import colors as _colors
from pygraphics_core import pictures as _pictures
from pygraphics_core import sounds as _sounds
from pygraphics_core.colors import *  # Color and the 140 named colours: red, aliceblue, ...
from pygraphics_core.messages import describe as _describe
from pygraphics_core.pictures import Picture, Pixel
from pygraphics_core.sounds import MonoSample, Note, Sound, StereoSample


# --- Pictures -----------------------------------------------------------------


def load_picture(filename):
    """Return the picture stored in the file called filename.

    Most kinds of picture file work: .jpg, .png, .gif, .bmp, .tif, ...

    >>> media.save_as(media.create_picture(40, 30, media.red), "red.png")
    'red.png'
    >>> pic = media.load_picture("red.png")
    >>> media.get_width(pic), media.get_height(pic)
    (40, 30)
    """
    if filename is None:
        raise TypeError(_no_file_chosen("load_picture", "cat.jpg"))
    return Picture(filename=filename)


def create_picture(w, h, col=white):
    """Return a new picture w pixels wide and h pixels high, all colour col.

    The colour is white unless you give one.

    >>> pic = media.create_picture(3, 2)
    >>> media.get_color(media.get_pixel(pic, 2, 1))
    Color(255, 255, 255)
    >>> media.create_picture(3, 2, media.blue)
    <Picture 3 wide, 2 high>
    """
    return Picture(w, h, col)


def crop_picture(pic, x1, y1, x2, y2):
    """Cut pic down to the rectangle from (x1, y1) to (x2, y2), both included.

    The picture itself changes; the pixel that was at (x1, y1) is now (0, 0).
    Pixels you took from it before can't be used afterwards: take them again.

    >>> pic = media.create_picture(10, 10)
    >>> media.crop_picture(pic, 2, 3, 5, 4)
    >>> media.get_width(pic), media.get_height(pic)
    (4, 2)
    """
    _picture(pic, "crop_picture").crop(x1, y1, x2, y2)


def crop(pic, x1, y1, x2, y2):
    """Cut pic down to the rectangle from (x1, y1) to (x2, y2): crop_picture's other name.

    >>> pic = media.create_picture(10, 10)
    >>> media.crop(pic, 0, 0, 4, 4)
    >>> media.get_width(pic)
    5
    """
    _picture(pic, "crop").crop(x1, y1, x2, y2)


def get_pixel(pic, x, y):
    """Return the pixel of pic in column x and row y.

    >>> pic = media.create_picture(4, 3, media.red)
    >>> media.get_pixel(pic, 3, 2)
    <Pixel at x=3, y=2: Color(255, 0, 0)>
    """
    return _picture(pic, "get_pixel").get_pixel(x, y)


def get_pixels(pic):
    """Return a list of all the pixels of pic.

    They come in the same order as in a for loop over pic: down the first
    column, then down the next one, and so on.

    >>> pixels = media.get_pixels(media.create_picture(2, 2))
    >>> [(media.get_x(p), media.get_y(p)) for p in pixels]
    [(0, 0), (0, 1), (1, 0), (1, 1)]
    """
    return _picture(pic, "get_pixels").get_pixels()


def get_width(pic):
    """Return how many pixels wide pic is.

    >>> media.get_width(media.create_picture(640, 480))
    640
    """
    return _picture(pic, "get_width").get_width()


def get_height(pic):
    """Return how many pixels high pic is.

    >>> media.get_height(media.create_picture(640, 480))
    480
    """
    return _picture(pic, "get_height").get_height()


# --- Drawing ------------------------------------------------------------------


def add_line(pic, x1, y1, x2, y2, col):
    """Draw a line of colour col on pic from (x1, y1) to (x2, y2).

    >>> pic = media.create_picture(5, 5)
    >>> media.add_line(pic, 0, 0, 4, 4, media.black)
    >>> media.get_color(media.get_pixel(pic, 2, 2))
    Color(0, 0, 0)
    """
    _picture(pic, "add_line").add_line(col, x1, y1, x2, y2)


def add_text(pic, x, y, s, col):
    """Write the text s in colour col on pic, its top-left corner at (x, y).

    >>> pic = media.create_picture(60, 20)
    >>> media.add_text(pic, 2, 2, "Hi!", media.black)
    """
    _picture(pic, "add_text").add_text(col, x, y, s)


def add_rect(pic, x, y, w, h, col):
    """Draw the outline of a w by h rectangle on pic, its top-left at (x, y).

    The rectangle covers w pixels across and h pixels down.

    >>> pic = media.create_picture(5, 5)
    >>> media.add_rect(pic, 1, 1, 3, 3, media.red)
    >>> media.get_color(media.get_pixel(pic, 3, 3)), media.get_color(media.get_pixel(pic, 2, 2))
    (Color(255, 0, 0), Color(255, 255, 255))
    """
    _picture(pic, "add_rect").add_rect(col, x, y, w, h)


def add_rect_filled(pic, x, y, w, h, col):
    """Draw a filled w by h rectangle on pic, its top-left at (x, y).

    The rectangle covers w pixels across and h pixels down.

    >>> pic = media.create_picture(5, 5)
    >>> media.add_rect_filled(pic, 1, 1, 3, 3, media.red)
    >>> media.get_color(media.get_pixel(pic, 2, 2)), media.get_color(media.get_pixel(pic, 4, 4))
    (Color(255, 0, 0), Color(255, 255, 255))
    """
    _picture(pic, "add_rect_filled").add_rect_filled(col, x, y, w, h)


def add_oval(pic, x, y, w, h, col):
    """Draw the outline of an oval on pic, in a w by h box with top-left (x, y).

    >>> pic = media.create_picture(9, 9)
    >>> media.add_oval(pic, 0, 0, 9, 9, media.blue)
    >>> media.get_color(media.get_pixel(pic, 4, 0)), media.get_color(media.get_pixel(pic, 4, 4))
    (Color(0, 0, 255), Color(255, 255, 255))
    """
    _picture(pic, "add_oval").add_oval(col, x, y, w, h)


def add_oval_filled(pic, x, y, w, h, col):
    """Draw a filled oval on pic, in a w by h box with top-left (x, y).

    >>> pic = media.create_picture(9, 9)
    >>> media.add_oval_filled(pic, 0, 0, 9, 9, media.blue)
    >>> media.get_color(media.get_pixel(pic, 4, 4)), media.get_color(media.get_pixel(pic, 0, 0))
    (Color(0, 0, 255), Color(255, 255, 255))
    """
    _picture(pic, "add_oval_filled").add_oval_filled(col, x, y, w, h)


def add_polygon(pic, point_list, col):
    """Draw the outline of a polygon with the corners in point_list on pic.

    point_list holds the corners as [x1, y1, x2, y2, x3, y3, ...]: at least
    3 corners.

    >>> pic = media.create_picture(5, 5)
    >>> media.add_polygon(pic, [0, 0, 4, 0, 0, 4], media.green)
    >>> media.get_color(media.get_pixel(pic, 2, 0))
    Color(0, 255, 0)
    """
    _picture(pic, "add_polygon").add_polygon(col, point_list)


def add_polygon_filled(pic, point_list, col):
    """Draw a filled polygon with the corners in point_list on pic.

    point_list holds the corners as [x1, y1, x2, y2, x3, y3, ...]: at least
    3 corners.

    >>> pic = media.create_picture(5, 5)
    >>> media.add_polygon_filled(pic, [0, 0, 4, 0, 0, 4], media.green)
    >>> media.get_color(media.get_pixel(pic, 1, 1)), media.get_color(media.get_pixel(pic, 4, 4))
    (Color(0, 255, 0), Color(255, 255, 255))
    """
    _picture(pic, "add_polygon_filled").add_polygon_filled(col, point_list)


# --- Pixels -------------------------------------------------------------------
#
# get_red, set_red and friends are called once for every pixel of a picture,
# so they reach straight into the picture's list of numbers instead of calling
# a method: that makes loops over a picture about a fifth faster. When
# something is wrong (not a pixel, a value that isn't 0 to 255, ...) the
# "carefully" functions find out what and explain it.


def get_red(pix):
    """Return how much red pixel pix has, from 0 (none) to 255 (full).

    >>> media.get_red(media.get_pixel(media.create_picture(1, 1, media.orange), 0, 0))
    255
    """
    try:
        return pix._values[pix._index]
    except Exception:
        pass  # not a pixel, or one cropped away: the careful way says which
    return _pictures.get_channel_carefully(pix, 0, "get_red")


def set_red(pix, r):
    """Set how much red pixel pix has to r, from 0 (none) to 255 (full).

    A number with a fraction, like 127.5, is rounded down to 127.

    >>> pix = media.get_pixel(media.create_picture(1, 1), 0, 0)
    >>> media.set_red(pix, 100)
    >>> media.get_red(pix)
    100
    """
    try:
        if r.__class__ is float:  # from arithmetic such as (r + g + b) / 3
            pix._values[pix._index] = _round_down(r)
        else:
            pix._values[pix._index] = r
        return
    except Exception:
        pass  # not a pixel, or not a number from 0 to 255: the careful way says which
    _pictures.set_channel_carefully(pix, 0, r, "set_red")


def get_green(pix):
    """Return how much green pixel pix has, from 0 (none) to 255 (full).

    >>> media.get_green(media.get_pixel(media.create_picture(1, 1, media.orange), 0, 0))
    165
    """
    try:
        return pix._values[pix._index + 1]
    except Exception:
        pass
    return _pictures.get_channel_carefully(pix, 1, "get_green")


def set_green(pix, g):
    """Set how much green pixel pix has to g, from 0 (none) to 255 (full).

    A number with a fraction, like 127.5, is rounded down to 127.

    >>> pix = media.get_pixel(media.create_picture(1, 1), 0, 0)
    >>> media.set_green(pix, 100)
    >>> media.get_green(pix)
    100
    """
    try:
        if g.__class__ is float:
            pix._values[pix._index + 1] = _round_down(g)
        else:
            pix._values[pix._index + 1] = g
        return
    except Exception:
        pass
    _pictures.set_channel_carefully(pix, 1, g, "set_green")


def get_blue(pix):
    """Return how much blue pixel pix has, from 0 (none) to 255 (full).

    >>> media.get_blue(media.get_pixel(media.create_picture(1, 1, media.orange), 0, 0))
    0
    """
    try:
        return pix._values[pix._index + 2]
    except Exception:
        pass
    return _pictures.get_channel_carefully(pix, 2, "get_blue")


def set_blue(pix, b):
    """Set how much blue pixel pix has to b, from 0 (none) to 255 (full).

    A number with a fraction, like 127.5, is rounded down to 127.

    >>> pix = media.get_pixel(media.create_picture(1, 1), 0, 0)
    >>> media.set_blue(pix, 100)
    >>> media.get_blue(pix)
    100
    """
    try:
        if b.__class__ is float:
            pix._values[pix._index + 2] = _round_down(b)
        else:
            pix._values[pix._index + 2] = b
        return
    except Exception:
        pass
    _pictures.set_channel_carefully(pix, 2, b, "set_blue")


def get_color(pix):
    """Return the colour of pixel pix, as a new Color.

    >>> media.get_color(media.get_pixel(media.create_picture(1, 1, media.orange), 0, 0))
    Color(255, 165, 0)
    """
    return _pixel(pix, "get_color").get_color()


def set_color(pix, col):
    """Give pixel pix the colour col.

    >>> pix = media.get_pixel(media.create_picture(1, 1), 0, 0)
    >>> media.set_color(pix, media.purple)
    >>> media.get_color(pix)
    Color(128, 0, 128)
    """
    _pixel(pix, "set_color").set_color(col)


def get_x(pix):
    """Return the column of pixel pix: 0 is the left edge.

    >>> media.get_x(media.get_pixel(media.create_picture(5, 5), 3, 1))
    3
    """
    return _pixel(pix, "get_x").get_x()


def get_y(pix):
    """Return the row of pixel pix: 0 is the top edge.

    >>> media.get_y(media.get_pixel(media.create_picture(5, 5), 3, 1))
    1
    """
    return _pixel(pix, "get_y").get_y()


# --- Colours ------------------------------------------------------------------


def create_color(r, g, b):
    """Return a new colour with red r, green g and blue b, each from 0 to 255.

    >>> media.create_color(255, 128, 0)
    Color(255, 128, 0)
    """
    return Color(r, g, b)


def distance(col1, col2):
    """Return how different colours col1 and col2 are.

    It is 0 for the same colour and about 441.7 for black and white: the
    distance between their (red, green, blue) values as points in space.

    >>> media.distance(media.black, media.white)
    441.6729559300637
    >>> media.distance(media.red, media.red)
    0.0
    """
    return _color(col1, "distance").distance(col2)


def darken(col):
    """Make colour col 35% darker.

    Each of its values becomes 65% of what it was (rounded down). The colour
    itself changes; the named colours such as media.red can't change, so
    darken a copy of them.

    >>> col = media.create_color(200, 100, 0)
    >>> media.darken(col)
    >>> col
    Color(130, 65, 0)
    """
    _color(col, "darken").make_darker()


def lighten(col):
    """Make colour col 35% lighter.

    Each of its values moves 35% of the way to 255 (rounded down). The colour
    itself changes; the named colours such as media.red can't change, so
    lighten a copy of them.

    >>> col = media.copy(media.red)
    >>> media.lighten(col)
    >>> col
    Color(255, 89, 89)
    """
    _color(col, "lighten").make_lighter()


# --- Saving and copying (pictures and sounds) ----------------------------------


def copy(obj):
    """Return a copy of a picture, sound or colour.

    Changing the copy doesn't change the original. A copy of a picture or a
    sound has no file yet: media.save asks where to save it, so that it
    never overwrites the file the original came from.

    >>> pic = media.create_picture(2, 2, media.red)
    >>> twin = media.copy(pic)
    >>> media.set_color(media.get_pixel(twin, 0, 0), media.blue)
    >>> media.get_color(media.get_pixel(pic, 0, 0))
    Color(255, 0, 0)
    """
    return _media_method(obj, "copy", "copy", "pictures, sounds and colours")()


def save_as(obj, filename=None):
    """Save a picture or sound in the file called filename, and return that name.

    The end of the name says what kind of file to write (.png, .jpg, .bmp,
    .gif, .tif, ... for pictures; .wav for sounds). Without a file name, a
    window asks where to save; if you cancel it, nothing is saved and
    save_as returns None.

    >>> media.save_as(media.create_picture(4, 4, media.red), "square.png")
    'square.png'
    """
    save_as_method = _media_method(obj, "save_as", "save_as", "pictures and sounds")
    if filename is None:
        filename = _ask_where_to_save()
        if filename is None:
            import sys

            print("Nothing was saved: no file name was chosen.", file=sys.stderr)
            return None
    save_as_method(filename)
    return filename


def save(obj):
    """Save a picture or sound back into the file it came from.

    A new picture or sound (made by create_picture, copy, concatenate, ...)
    has no file yet: then save asks where to save it (see save_as).

    >>> pic = media.create_picture(4, 4, media.red)
    >>> media.save_as(pic, "mine.png")
    'mine.png'
    >>> media.add_line(pic, 0, 0, 3, 3, media.white)
    >>> media.save(pic)
    """
    save_method = _media_method(obj, "save", "save", "pictures and sounds")
    get_filename = getattr(obj, "get_filename", None)
    if get_filename is not None and not get_filename():
        save_as(obj)
    else:
        save_method()


# --- Sounds -------------------------------------------------------------------


def load_sound(filename):
    """Return the sound in the WAV file called filename.

    The file must be an uncompressed WAV file (8, 16, 24 or 32 bits, mono or
    stereo), like the ones Audacity exports.

    >>> media.save_as(media.create_note('A', 4410), 'beep.wav')
    'beep.wav'
    >>> snd = media.load_sound('beep.wav')
    >>> len(snd), media.get_sampling_rate(snd)
    (4410, 44100)
    """
    if filename is None:
        raise TypeError(_no_file_chosen("load_sound", "song.wav"))
    return Sound(filename)


def create_sound(samples, sampling_rate=44100, channels=2):
    """Return a silent sound samples samples long.

    It plays sampling_rate samples per second (44100 unless you say) and has
    channels channels (2 is stereo, 1 is mono).

    >>> snd = media.create_sound(44100)
    >>> len(snd), media.get_sampling_rate(snd)
    (44100, 44100)
    """
    return Sound(samples=samples, sampling_rate=sampling_rate, channels=channels)


def create_note(note, samples, octave=0, amplitude=6000, *, sampling_rate=44100, channels=2):
    """Return a sound of the musical note note, samples samples long.

    note is a note name: 'C' (middle C), 'C#', 'D', 'Eb', 'E', 'F', 'F#',
    'G', 'Ab', 'A', 'Bb' or 'B' (# is sharp, b is flat), or a MIDI number
    (60 is middle C, 61 is C#, ...). octave raises the note by that many
    octaves (or lowers it, if negative). amplitude says how loud it is, up
    to 32767. Like create_sound, it plays sampling_rate samples per second
    and has channels channels.

    >>> c = media.create_note('C', 22050)            # half a second of middle C
    >>> scale = c + media.create_note('D', 22050) + media.create_note('E', 22050)
    >>> len(scale)
    66150
    >>> media.create_note('C', 22050, octave=1) == media.create_note(72, 22050)
    True
    """
    return Note(note, samples, octave, amplitude=amplitude, sampling_rate=sampling_rate,
                channels=channels)


def get_samples(snd):
    """Return a list of all the samples of the sound snd.

    >>> len(media.get_samples(media.create_sound(10)))
    10
    """
    return list(_sound(snd, "get_samples"))


def get_sample(snd, i):
    """Return the sample at index i of the sound snd.

    Index 0 is the first sample, -1 the last.

    >>> snd = media.create_sound(100, channels=1)
    >>> media.get_index(media.get_sample(snd, 99))
    99
    """
    return _sound(snd, "get_sample").get_sample(i)


def get_sampling_rate(snd):
    """Return how many samples the sound snd plays per second.

    >>> media.get_sampling_rate(media.create_sound(10))
    44100
    """
    return _sound(snd, "get_sampling_rate").get_sampling_rate()


def get_max_sample(snd):
    """Return the highest value in the sound snd (in either channel).

    >>> media.get_max_sample(media.create_note('A', 44100, amplitude=1000))
    1000
    """
    return _sound(snd, "get_max_sample").get_max()


def get_min_sample(snd):
    """Return the lowest value in the sound snd (in either channel).

    >>> media.get_min_sample(media.create_note('A', 44100, amplitude=1000))
    -1000
    """
    return _sound(snd, "get_min_sample").get_min()


def concatenate(snd1, snd2):
    """Return a new sound: the sound snd1 followed by the sound snd2.

    The new sound has snd1's sampling rate and channels: if snd2 has others,
    it is converted (a mono sound plays in both channels of a stereo one).
    It has no file yet, so media.save asks where to save it.

    >>> len(media.concatenate(media.create_sound(10), media.create_sound(5)))
    15
    """
    return _sounds.joined(snd1, snd2, "concatenate")


def append_silence(snd, samp):
    """Add samp samples of silence at the end of the sound snd.

    >>> snd = media.create_sound(10)
    >>> media.append_silence(snd, 5)
    >>> len(snd)
    15
    """
    _sound(snd, "append_silence").append_silence(samp)


def append(snd1, snd2):
    """Add the sound snd2 at the end of the sound snd1.

    If snd2 has another sampling rate or other channels, it is converted to
    snd1's.

    >>> snd = media.create_sound(10)
    >>> media.append(snd, media.create_sound(5))
    >>> len(snd)
    15
    """
    _sound(snd1, "append").append(snd2)


def crop_sound(snd, first, last):
    """Keep only the samples of snd from index first to last, both included.

    Negative indices count from the end (-1 is the last sample).

    >>> snd = media.create_sound(100)
    >>> media.crop_sound(snd, 10, 19)
    >>> len(snd)
    10
    """
    _sound(snd, "crop_sound").crop(first, last)


def insert(snd1, snd2, i):
    """Put the sound snd2 into the sound snd1, starting at index i.

    >>> snd = media.create_sound(10)
    >>> media.insert(snd, media.create_sound(5), 3)
    >>> len(snd)
    15
    """
    _sound(snd1, "insert").insert(snd2, i)


# --- Samples ------------------------------------------------------------------
#
# As for pixels: get_value, set_value and friends are called once for every
# sample of a sound, so they reach straight into the sound's array of values,
# and the careful functions of pygraphics_core.sounds explain what is wrong
# when that fails.


def get_index(samp):
    """Return where the sample samp is in its sound (0 for the first).

    >>> media.get_index(media.get_sample(media.create_sound(10), 3))
    3
    """
    return _sounds.index_carefully(samp, "get_index")


def get_value(samp):
    """Return the value of the sample samp of a mono sound.

    >>> snd = media.create_sound(10, channels=1)
    >>> media.get_value(media.get_sample(snd, 0))
    0
    """
    try:
        return samp._mono_values[samp._index]
    except Exception:
        pass  # a stereo sample, no sample, or one cropped away: the careful way says which
    return _sounds.value_carefully(samp, "get_value")


def set_value(samp, value):
    """Set the value of the sample samp of a mono sound to value.

    value may be any number: it is rounded to a whole number, and a value
    beyond the loudest the sound can hold (32767 or -32768 for most sounds)
    becomes that loudest value ("clipping").

    >>> snd = media.create_sound(10, channels=1)
    >>> sample = media.get_sample(snd, 0)
    >>> media.set_value(sample, 1000)
    >>> media.set_value(sample, media.get_value(sample) * 1.5)
    >>> media.get_value(sample)
    1500
    >>> media.set_value(sample, 40000)
    >>> media.get_value(sample)
    32767
    """
    try:
        if value.__class__ is float:  # from arithmetic such as value * 0.5
            samp._mono_values[samp._index] = round(value)
        else:
            samp._mono_values[samp._index] = value
        return
    except Exception:
        pass  # too loud, not a number, not a mono sample...: the careful way says which
    _sounds.set_value_carefully(samp, value, "set_value")


def get_left(samp):
    """Return the left value of the sample samp.

    A sample of a mono sound has one value, which is both its left and its
    right value (PyGraphics 2.1 made every sound stereo).

    >>> media.get_left(media.get_sample(media.create_sound(10), 0))
    0
    """
    try:
        return samp._stereo_values[samp._position]
    except Exception:
        pass  # a mono sample, no sample, or one cropped away
    return _sounds.channel_carefully(samp, 0, "get_left")


def set_left(samp, value):
    """Set the left value of the sample samp to value.

    Like set_value, any number works: it is rounded, and clipped to the
    loudest value the sound can hold. On a mono sound, the sample's one value
    becomes the left and right values mixed (see help(media.MonoSample)).

    >>> sample = media.get_sample(media.create_sound(10), 0)
    >>> media.set_left(sample, 100.4)
    >>> media.get_values(sample)
    (100, 0)
    """
    try:
        if value.__class__ is float:
            samp._stereo_values[samp._position] = round(value)
        else:
            samp._stereo_values[samp._position] = value
        return
    except Exception:
        pass
    _sounds.set_channel_carefully(samp, 0, value, "set_left")


def get_right(samp):
    """Return the right value of the sample samp.

    A sample of a mono sound has one value, which is both its left and its
    right value.

    >>> media.get_right(media.get_sample(media.create_sound(10), 0))
    0
    """
    try:
        return samp._stereo_values[samp._position + 1]
    except Exception:
        pass
    return _sounds.channel_carefully(samp, 1, "get_right")


def set_right(samp, value):
    """Set the right value of the sample samp to value.

    >>> sample = media.get_sample(media.create_sound(10), 0)
    >>> media.set_right(sample, -50000)
    >>> media.get_values(sample)
    (0, -32768)
    """
    try:
        if value.__class__ is float:
            samp._stereo_values[samp._position + 1] = round(value)
        else:
            samp._stereo_values[samp._position + 1] = value
        return
    except Exception:
        pass
    _sounds.set_channel_carefully(samp, 1, value, "set_right")


def get_values(samp):
    """Return the values of the sample samp as a pair: (left, right).

    >>> media.get_values(media.get_sample(media.create_sound(10), 0))
    (0, 0)
    """
    return _sounds.values_carefully(samp, "get_values")


def set_values(samp, left, right):
    """Set the left and right values of the sample samp.

    If either value is wrong, neither changes.

    >>> sample = media.get_sample(media.create_sound(10), 0)
    >>> media.set_values(sample, 1, -1)
    >>> media.get_values(sample)
    (1, -1)
    """
    _sounds.set_values_carefully(samp, left, right, "set_values")


# --- Gone since PyGraphics 2.1 --------------------------------------------------


def show_external(pic):
    """PyGraphics 2.1 showed pic in another program; use media.show(pic).

    media.show opens a window that stays open while your program runs, and
    media.save_as(pic, "name.png") writes a file that any program can open.

    >>> media.show_external(media.create_picture(2, 2))
    Traceback (most recent call last):
      ...
    AttributeError: media.show_external was in PyGraphics 2.1 and is gone: use media.show(pic) to see the picture in a window, or media.save_as(pic, "name.png") to open it in another program
    """
    raise AttributeError(
        "media.show_external was in PyGraphics 2.1 and is gone: use media.show(pic) "
        "to see the picture in a window, or media.save_as(pic, \"name.png\") to open "
        "it in another program", name="show_external")


def get_waveform(snd, *args, **kwargs):
    """PyGraphics 2.1 drew snd's waves as a picture; use media.inspect_sound(snd).

    >>> media.get_waveform(media.create_sound(10))
    Traceback (most recent call last):
      ...
    AttributeError: media.get_waveform was in PyGraphics 2.1 and is gone: use media.inspect_sound(snd) to see the waves of a sound in a window, where you can zoom, select and play
    """
    raise AttributeError(
        "media.get_waveform was in PyGraphics 2.1 and is gone: use "
        "media.inspect_sound(snd) to see the waves of a sound in a window, where "
        "you can zoom, select and play", name="get_waveform")


# --- Windows or the notebook ---------------------------------------------------


def use_notebook():
    """Show pictures, dialogs and sounds in this notebook instead of windows.

    After it, media.show(pic) puts the picture below the cell that runs
    it, media.update(pic) redraws it there, and a dialog such as
    media.ask_number asks you to type the answer in the notebook. A
    notebook on a computer with no screen (JupyterHub, Colab...) does this
    by itself; call it to have the same on your own computer.
    media.use_windows() goes back to windows. It works only in a notebook:
    anywhere else it says so.

    In a cell of its own:

    >>> media.use_notebook()
    """
    from pygraphics_core import notebook

    notebook.use_notebook()


def use_windows():
    """Show pictures, dialogs and sounds in windows again, after media.use_notebook().

    Windows need a screen on the computer that runs your Python: on
    JupyterHub or Colab there is none, and the first window says so.

    >>> media.use_windows()
    """
    from pygraphics_core import notebook

    notebook.use_windows()


# --- Helpers (not for students) -----------------------------------------------


def _ask_where_to_save():
    from pygraphics_core.plugins import media_function

    try:
        choose_save_filename = media_function("choose_save_filename")
    except AttributeError:
        raise ValueError(
            "this has no file yet, and the window that asks for a file name "
            "(the pygraphics-pickers plugin) is not installed: give the name "
            "yourself, for example media.save_as(pic, \"name.png\")"
        ) from None
    return choose_save_filename()


def _no_file_chosen(action, example):
    return (
        f"{action} got None instead of a file name: no file was chosen (that is "
        f"what media.choose_file() gives when its window is closed with Cancel). "
        f"Choose a file, or give its name, for example media.{action}(\"{example}\")"
    )


# Each says what the function needed and where such a thing comes from.
_picture = _pictures.checked_picture
_pixel = _pictures.checked_pixel
_color = _pictures.checked_color
_sound = _sounds.checked_sound


def _media_method(obj, name, action, kinds):
    method = getattr(obj, name, None)
    if method is None or type(obj).__module__ == "builtins":
        raise TypeError(f"{action} works on {kinds}, but got {_describe(obj)}")
    return method


# get_pixel and get_sample above say what they do. Loops call them once for
# every pixel or sample, so media uses versions that do the same in one
# function call instead of three (pictures.pixel_at, sounds.sample_at; see
# bench/bench_pixels.py and bench/bench_sounds.py), with the names and help
# of the ones above, as the standard library's heapq puts its fast C
# functions in place of its Python ones.
get_pixel = _functools.update_wrapper(_pictures.pixel_at, get_pixel)
get_sample = _functools.update_wrapper(_sounds.sample_at, get_sample)


#: What "from media import *" gives and help(media) lists: media's own
#: functions, classes and named colours. (The plugins' functions, show, say,
#: choose_file..., join them when they are bound, below.)
__all__ = [
    # pictures
    "load_picture", "create_picture", "crop_picture", "crop", "get_pixel", "get_pixels",
    "get_width", "get_height",
    # drawing
    "add_line", "add_text", "add_rect", "add_rect_filled", "add_oval", "add_oval_filled",
    "add_polygon", "add_polygon_filled",
    # pixels
    "get_red", "set_red", "get_green", "set_green", "get_blue", "set_blue", "get_color",
    "set_color", "get_x", "get_y",
    # colours (the named colours are added below)
    "create_color", "distance", "darken", "lighten",
    # pictures and sounds
    "copy", "save_as", "save",
    # sounds
    "load_sound", "create_sound", "create_note", "get_samples", "get_sample",
    "get_sampling_rate", "get_max_sample", "get_min_sample", "concatenate",
    "append_silence", "append", "crop_sound", "insert",
    # samples
    "get_index", "get_value", "set_value", "get_left", "set_left", "get_right", "set_right",
    "get_values", "set_values",
    # windows or the notebook
    "use_notebook", "use_windows",
    # gone since 2.1 (they say what to use instead)
    "show_external", "get_waveform",
    # the things they work on
    "Picture", "Pixel", "Color", "Sound", "Note", "MonoSample", "StereoSample",
] + [name for name in _colors.__all__ if name != "Color"]


# --- Functions from plugins: show, say, choose_file, ... -----------------------
# Last, so that a plugin whose module imports media finds all of it.

from pygraphics_core.plugins import add_media_functions as _add_media_functions  # noqa: E402

_add_media_functions(globals())
