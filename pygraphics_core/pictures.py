"""Pictures and their pixels, stored so that students' pixel loops are fast.

A :class:`Picture` keeps its pixels in one ``bytearray``: the red, green and
blue values of each pixel, row by row from the top-left corner (Pillow's raw
"RGB" layout). That is the raw RGB bytes and nothing more: a 640x480 picture
takes 921,600 bytes. Pillow images are made from it only for whole-picture
work (drawing, saving, showing).

A :class:`Pixel` is a place in a picture: its picture, that picture's
bytearray, and the position of the pixel's red value in it (green and blue
follow). Pixels are made when they are asked for and write straight into
their picture, so a pixel holds the bytearray itself: ``media``'s pixel
functions read and write ``pixel._values[pixel._index]`` directly instead of
calling methods, because students call them once per pixel and Python's call
overhead is most of the cost of a loop. When anything is wrong (not a pixel,
a value out of range) that direct access raises, and the careful functions
here (:func:`get_channel_carefully`, :func:`set_channel_carefully`) find out
what happened and explain it.

A picture keeps its bytearray while its size stays the same. When the size
changes (cropping, or :meth:`Picture.set_image` with another size), the
pixels taken before would point at other places of the new layout, so the
picture takes a new bytearray and empties the old one: a pixel taken before
then fails on its first use, and the careful path says to get it again.

Finding a pixel from (x, y) uses two lookup tables per picture size (see
:func:`position_tables`) instead of arithmetic and range comparisons: one
tuple subscript each gives the coordinate's part of the position and fails
for a float or a coordinate that is too large; only negative coordinates
(which tuples count from the end) need a comparison.
``bench/bench_pixels.py`` measures all of this.
"""

import operator
from functools import lru_cache

from pygraphics_core.colors import Color, checked_component, white
from pygraphics_core.messages import describe

_CHANNELS = ("red", "green", "blue")


def checked_size(value, name):
    """Return ``value`` as a positive int for a picture's width or height."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        size = operator.index(value)
    except TypeError:
        raise TypeError(
            f"{name} must be a whole number of pixels, but it is {describe(value)}"
        ) from None
    if size < 1:
        raise ValueError(
            f"{name}={value!r} is too small: a picture is at least 1 pixel "
            f"{'wide' if name == 'width' else 'high'}"
        )
    return size


@lru_cache(maxsize=16)
def position_tables(width, height):
    """Return ``(row_starts, column_starts)`` for a ``width`` x ``height`` picture.

    For 0 <= x < width and 0 <= y < height, ``row_starts[y] +
    column_starts[x]`` is the position in the picture's bytearray of the red
    value of pixel (x, y). A float coordinate raises TypeError and one that
    is too large IndexError, so the fast path of ``get_pixel`` only has to
    refuse negative coordinates itself. Pictures of the same size share the
    tables (tuples never change).

    The tables cost about 40 bytes per row and per column. A very thin
    picture (1 x 100000) would need far more for them than for its pixels,
    so a picture whose tables would take more than a tenth of its bytes (and
    more than 64 KB) gets empty ones: its get_pixel takes the careful path
    every time, slower but just as right.
    """
    if (width + height) * 40 > max(width * height * 3 // 10, 65536):
        return (), ()
    row_length = width * 3
    return tuple(range(0, row_length * height, row_length)), tuple(range(0, row_length, 3))


def checked_picture(pic, action):
    """Return ``pic`` if it is a Picture, or raise a TypeError saying where pictures come from."""
    if isinstance(pic, Picture):
        return pic
    raise TypeError(
        f"{action} needs a picture (from create_picture or load_picture), "
        f"but got {describe(pic)}"
    )


def checked_pixel(pix, action):
    """Return ``pix`` if it is a Pixel, or raise a TypeError saying where pixels come from."""
    if isinstance(pix, Pixel):
        return pix
    raise TypeError(
        f"{action} needs a pixel (from get_pixel or a for loop over a picture), "
        f"but got {describe(pix)}"
    )


def pixel_at(pic, x, y):
    """Return the pixel of ``pic`` at (x, y): what ``media.get_pixel`` runs.

    Loops call it once per pixel, so the usual case (a picture and two whole
    numbers inside it) makes the pixel here, in one function call, from the
    picture's lookup tables (see :func:`position_tables`), which fail for a
    float or a number that is too large. Anything else goes the careful way
    (:meth:`Picture.get_pixel`), which explains what is wrong.
    """
    try:
        if x >= 0 and y >= 0:
            pixel = Pixel()
            pixel._index = pic._row_starts[y] + pic._column_starts[x]
            pixel._values = pic._values
            pixel._picture = pic
            return pixel
    except Exception:
        pass
    return checked_picture(pic, "get_pixel").get_pixel(x, y)


def checked_color(color, action):
    """Return ``color`` if it is a Color, or raise a TypeError saying what to use."""
    if not isinstance(color, Color):
        raise TypeError(
            f"{action} needs a Color such as media.red or "
            f"media.create_color(255, 0, 0), but got {describe(color)}"
        )
    return color


class Picture:
    """A picture: a grid of pixels, width wide and height high.

    Make one with media.create_picture(width, height) or
    media.load_picture(filename). (0, 0) is the top-left pixel; x grows to
    the right and y grows downwards. Looping over a picture gives its pixels
    column by column: (0, 0), (0, 1), ... (0, height - 1), (1, 0), ...

    Pictures are compared and hashed by identity (a == b only if they are
    the same picture), so they can be dictionary keys and weakly referenced
    (the show plugin remembers each picture's window that way).
    """

    def __init__(self, width=None, height=None, color=white, image=None, filename=None):
        """Make a picture, as in PyGraphics 2.1, from one of:

        - a width, height and colour: Picture(640, 480, media.black);
        - a Pillow image: Picture(image=pil_image);
        - a file: Picture(filename="cat.jpg").

        A picture loaded from a file is titled with its folder and file name
        ("images/cat.jpg"), a new one with "" (as in 2.1).
        """
        self.filename = ""
        self.title = ""
        if image is not None:
            self.set_image(image)
        elif filename is not None:
            from pygraphics_core import picture_files

            self.set_image(picture_files.read_image(filename))
            self.filename = str(filename)
            self.title = picture_files.title_for(filename)
        elif width is not None and height is not None:
            width = checked_size(width, "width")
            height = checked_size(height, "height")
            checked_color(color, "create_picture")
            self._values = bytearray(bytes(color._rgb) * (width * height))
            self._set_size(width, height)
        else:
            raise TypeError(
                "Picture needs a width and a height, image=..., or filename=...; "
                "students usually call media.create_picture(width, height) or "
                "media.load_picture(filename)"
            )

    @classmethod
    def from_bytes(cls, width, height, rgb_bytes):
        """Make a picture from raw RGB bytes (the layout of to_bytes()).

        For plugins and tools; len(rgb_bytes) must be width * height * 3.
        """
        picture = cls.__new__(cls)
        picture.filename = ""
        picture.title = ""
        checked_width = checked_size(width, "width")
        checked_height = checked_size(height, "height")
        expected = checked_width * checked_height * 3
        if len(rgb_bytes) != expected:
            raise ValueError(
                f"a {width}x{height} picture needs {expected} bytes of RGB, "
                f"not {len(rgb_bytes)}"
            )
        picture._values = bytearray(rgb_bytes)
        picture._set_size(checked_width, checked_height)
        return picture

    def _set_size(self, width, height):
        """Record a new size, and the lookup tables that go with it."""
        self._width = width
        self._height = height
        self._row_starts, self._column_starts = position_tables(width, height)

    def __repr__(self):
        """Say which picture this is (its title, if it has one) and how big it is."""
        title = f" {self.title!r}:" if self.title else ""
        return f"<Picture{title} {self._width} wide, {self._height} high>"

    def _repr_png_(self):
        """Return the picture as PNG bytes, so that Jupyter shows it inline."""
        import io

        buffer = io.BytesIO()
        self.get_image().save(buffer, format="PNG")
        return buffer.getvalue()

    def __iter__(self):
        """Give the pixels column by column, top to bottom (2.1's order)."""
        row_length = self._width * 3
        end = row_length * self._height
        values = self._values
        for column_start in range(0, row_length, 3):
            for index in range(column_start, end, row_length):
                pixel = Pixel()
                pixel._values = values
                pixel._index = index
                pixel._picture = self
                yield pixel

    # --- size and pixels -------------------------------------------------

    def get_width(self):
        """Return how many pixels wide this picture is."""
        return self._width

    def get_height(self):
        """Return how many pixels high this picture is."""
        return self._height

    def has_coordinates(self, x, y):
        """Return True if (x, y) is a pixel of this picture."""
        return 0 <= x < self._width and 0 <= y < self._height

    def get_pixel(self, x, y):
        """Return the pixel at column x and row y."""
        index = None
        try:
            # The lookup tables refuse floats and coordinates that are too
            # large (see position_tables); negative ones are refused here.
            if x >= 0 and y >= 0:
                index = self._row_starts[y] + self._column_starts[x]
        except (TypeError, IndexError):
            pass
        if index is None:
            x, y = self.checked_coordinates(x, y)
            index = (y * self._width + x) * 3
        pixel = Pixel()
        pixel._values = self._values
        pixel._index = index
        pixel._picture = self
        return pixel

    def checked_coordinates(self, x, y):
        """Return (x, y) as ints inside this picture, or raise a beginner's error."""
        hint = _swapped_hint(x, y, self._width, self._height)
        return (
            _checked_coordinate(x, "x", self._width, "wide", hint),
            _checked_coordinate(y, "y", self._height, "high", hint),
        )

    def get_pixels(self):
        """Return a list of all pixels, in the same order as a for loop."""
        return list(self)

    # --- whole picture ---------------------------------------------------

    def to_bytes(self):
        """Return the pixels as raw RGB bytes (for plugins).

        width * height * 3 bytes: red, green, blue of each pixel, row by
        row from the top-left corner (Pillow's "RGB" raw layout, also the
        body of a binary PPM). It is a copy, made in one memcpy, so later
        changes to the picture don't change it.
        """
        return bytes(self._values)

    def raw_view(self):
        """Return a read-only memoryview of the raw RGB bytes, without copying them.

        The layout of to_bytes, for plugins that send a big picture
        somewhere (the show plugin). Release the view, and every slice of
        it, when done (use it in a with statement): while a view exists, a
        crop cannot empty the old bytes, so pixels taken before it would not
        fail as they should.
        """
        return memoryview(self._values).toreadonly()

    def get_image(self):
        """Return a new Pillow "RGB" image of the current pixels."""
        from PIL import Image

        return Image.frombytes("RGB", (self._width, self._height), self._values)

    def set_image(self, image):
        """Replace this picture's pixels with a Pillow image (any mode)."""
        from PIL import Image

        from pygraphics_core import picture_files

        if not isinstance(image, Image.Image):
            # ValueError, as in 2.1, so that labs that catch it keep working.
            raise ValueError(
                f"a Picture is made from a Pillow image (PIL.Image.Image), but "
                f"got {describe(image)}: to load a picture file, use "
                f"media.load_picture(filename)"
            )
        image = picture_files.as_rgb(image)
        if hasattr(self, "_values") and image.size == (self._width, self._height):
            # The same size: the same bytearray, changed in place, so that
            # pixels taken before still work (see the top).
            picture_files.rgb_values(image, self._values)
        else:
            self._replace_values(picture_files.rgb_values(image), *image.size)

    def _replace_values(self, rgb_bytes, width, height):
        """Take new pixels of a new size; pixels taken before now fail (see the top).

        A bytearray is taken as it is (``load_picture`` packs a photo's
        pixels straight into one), anything else is copied into one.
        """
        old = getattr(self, "_values", None)
        self._values = rgb_bytes if type(rgb_bytes) is bytearray else bytearray(rgb_bytes)
        self._set_size(width, height)
        if old is not None:
            try:
                del old[:]
            except BufferError:
                pass  # someone holds a view of the old bytes: leave them be

    def copy(self):
        """Return a new picture with the same pixels and title, and no file yet.

        The copy is a new picture: save(copy) asks for a file name, so that
        it can never overwrite the file the original came from.
        """
        twin = Picture.from_bytes(self._width, self._height, self._values)
        twin.title = self.title
        return twin

    def crop(self, x1, y1, x2, y2):
        """Keep only the rectangle from (x1, y1) to (x2, y2), both included.

        The pixel that was at (x1, y1) becomes (0, 0). Pixels taken from the
        picture before cropping can't be used afterwards: get them again.
        """
        x1, y1 = self.checked_coordinates(x1, y1)
        x2, y2 = self.checked_coordinates(x2, y2)
        if x1 > x2 or y1 > y2:
            # IndexError, as in 2.1, so that labs that catch it keep working.
            raise IndexError(
                f"crop needs (x1, y1) above and to the left of (x2, y2), but "
                f"({x1}, {y1}) and ({x2}, {y2}) are the other way round: "
                f"swap them"
            )
        row_length = self._width * 3
        values = memoryview(self._values)
        kept = b"".join(
            values[row * row_length + x1 * 3 : row * row_length + (x2 + 1) * 3]
            for row in range(y1, y2 + 1)
        )
        values.release()
        self._replace_values(kept, x2 - x1 + 1, y2 - y1 + 1)

    # --- names -------------------------------------------------------------

    def get_filename(self):
        """Return the file this picture was loaded from or saved to ('' if none)."""
        return self.filename

    def get_title(self):
        """Return this picture's title (shown on its window)."""
        return self.title

    def set_title(self, title):
        """Set this picture's title (shown on its window)."""
        if not isinstance(title, str):
            raise TypeError(f"a title must be a str, but it is {describe(title)}")
        self.title = title

    # --- files -------------------------------------------------------------

    def save_as(self, filename):
        """Write this picture to filename; the extension chooses the format.

        Afterwards the picture's file name and title are the new file's.
        """
        from pygraphics_core import picture_files

        picture_files.write_image(self.get_image(), filename)
        self.filename = str(filename)
        self.title = picture_files.title_for(filename)

    def save(self):
        """Write this picture back to the file it came from."""
        if not self.filename:
            raise ValueError(
                "this picture has no file yet: use media.save_as(pic, \"name.png\")"
            )
        self.save_as(self.filename)

    # --- drawing (PyGraphics 2.1's colour-first method forms) ---------------

    def add_line(self, col, x1, y1, x2, y2, width=1):
        """Draw a line of colour col from (x1, y1) to (x2, y2)."""
        from pygraphics_core import drawing

        drawing.line(self, col, x1, y1, x2, y2, width)

    def add_rect(self, col, x, y, w, h):
        """Draw the outline of a w by h rectangle whose top-left is (x, y)."""
        from pygraphics_core import drawing

        drawing.rectangle(self, col, x, y, w, h, filled=False)

    def add_rect_filled(self, col, x, y, w, h):
        """Draw a filled w by h rectangle whose top-left is (x, y)."""
        from pygraphics_core import drawing

        drawing.rectangle(self, col, x, y, w, h, filled=True)

    def add_oval(self, col, x, y, w, h):
        """Draw the outline of an oval that fits the w by h box at (x, y)."""
        from pygraphics_core import drawing

        drawing.oval(self, col, x, y, w, h, filled=False)

    def add_oval_filled(self, col, x, y, w, h):
        """Draw a filled oval that fits the w by h box at (x, y)."""
        from pygraphics_core import drawing

        drawing.oval(self, col, x, y, w, h, filled=True)

    def add_polygon(self, col, point_list):
        """Draw the outline of the polygon with corners point_list."""
        from pygraphics_core import drawing

        drawing.polygon(self, col, point_list, filled=False)

    def add_polygon_filled(self, col, point_list):
        """Draw the filled polygon with corners point_list."""
        from pygraphics_core import drawing

        drawing.polygon(self, col, point_list, filled=True)

    def add_text(self, col, x, y, s):
        """Write the text s in colour col, its top-left corner at (x, y)."""
        from pygraphics_core import drawing

        drawing.text(self, col, x, y, s, font=None)

    def add_text_with_style(self, col, x, y, s, font):
        """Write the text s with a Pillow font (PIL.ImageFont) at (x, y)."""
        from pygraphics_core import drawing

        drawing.text(self, col, x, y, s, font=font)

    # --- windows (PyGraphics 2.1's method forms of the show plugin) ---------

    def show(self):
        """Show this picture in a window (the same as media.show(pic))."""
        _plugin_function("show")(self)

    def update(self):
        """Redraw this picture's window (the same as media.update(pic))."""
        _plugin_function("update")(self)

    def close(self):
        """Close this picture's window (the same as media.close(pic))."""
        _plugin_function("close")(self)

    def inspect(self):
        """Open the pixel inspector (the same as media.inspect(pic))."""
        _plugin_function("inspect")(self)

    def close_inspect(self):
        """Close the pixel inspector (the same as media.close_inspect(pic))."""
        _plugin_function("close_inspect")(self)


def _plugin_function(name):
    from pygraphics_core.plugins import media_function

    return media_function(name)


def _swapped_hint(x, y, width, height):
    """Return a hint when (x, y) is outside but (y, x) would be inside, else ""."""
    if not (type(x) is int and type(y) is int):
        return ""
    if (0 <= x < width and 0 <= y < height) or not (0 <= y < width and 0 <= x < height):
        return ""
    return (
        f". Are x and y the other way round? x is the column (0 to {width - 1}) "
        f"and comes first; y is the row (0 to {height - 1}) and comes second"
    )


def _checked_coordinate(value, name, size, direction, hint=""):
    if isinstance(value, float):
        raise TypeError(
            f"{name}={value!r} is a float, but pixel positions are whole numbers: "
            f"use // instead of / (for example width // 2), or int({name})"
        )
    try:
        number = operator.index(value)
    except TypeError:
        raise TypeError(
            f"{name} must be a whole number, but it is {describe(value)}"
        ) from None
    if not 0 <= number < size:
        raise IndexError(
            f"{name}={value!r} is outside this {size}-pixel-{direction} "
            f"picture: use 0 to {size - 1}{hint}"
        )
    return number


class Pixel:
    """One pixel of a picture: get it with media.get_pixel(pic, x, y) or
    by looping over a picture. Changing it changes the picture.
    """

    # No __init__: pictures fill in the slots, which is quicker than a
    # Python-level __init__ call once per pixel. _values is the picture's
    # bytearray, _index the position of the red value in it.
    __slots__ = ("_values", "_index", "_picture")

    def __repr__(self):
        """Say where the pixel is and what colour it has."""
        try:
            return f"<Pixel at x={self.get_x()}, y={self.get_y()}: {self.get_color()!r}>"
        except TypeError:
            return "<Pixel that belongs to no picture>"
        except IndexError:
            return "<Pixel that is no longer in its picture>"

    def get_red(self):
        """Return the red value of this pixel (0 to 255)."""
        return get_channel_carefully(self, 0, "get_red")

    def get_green(self):
        """Return the green value of this pixel (0 to 255)."""
        return get_channel_carefully(self, 1, "get_green")

    def get_blue(self):
        """Return the blue value of this pixel (0 to 255)."""
        return get_channel_carefully(self, 2, "get_blue")

    def set_red(self, value):
        """Set the red value of this pixel (0 to 255)."""
        set_channel_carefully(self, 0, value, "set_red")

    def set_green(self, value):
        """Set the green value of this pixel (0 to 255)."""
        set_channel_carefully(self, 1, value, "set_green")

    def set_blue(self, value):
        """Set the blue value of this pixel (0 to 255)."""
        set_channel_carefully(self, 2, value, "set_blue")

    def get_color(self):
        """Return a new Color with this pixel's red, green and blue."""
        index = _checked_index(self, "get_color")
        return Color(*self._values[index : index + 3])

    def set_color(self, color):
        """Give this pixel the red, green and blue of a Color."""
        checked_color(color, "set_color")
        index = _checked_index(self, "set_color")
        self._values[index : index + 3] = color._rgb

    def get_x(self):
        """Return the column of this pixel (0 is the left edge)."""
        index = _checked_index(self, "get_x")
        return index // 3 % self._picture._width

    def get_y(self):
        """Return the row of this pixel (0 is the top edge)."""
        index = _checked_index(self, "get_y")
        return index // (3 * self._picture._width)


def _checked_index(pixel, action):
    """Return the pixel's index, or raise why the pixel can't be used."""
    if not isinstance(pixel, Pixel):
        raise TypeError(
            f"{action} needs a pixel (from media.get_pixel or a for loop over a "
            f"picture), but got {describe(pixel)}"
        )
    try:
        picture, values, index = pixel._picture, pixel._values, pixel._index
    except AttributeError:
        raise TypeError(
            f"{action} needs a pixel of a picture; this Pixel was made on its own: "
            f"use media.get_pixel(pic, x, y)"
        ) from None
    if values is not picture._values or index + 3 > len(values):
        raise IndexError(
            f"{action}: this pixel is no longer in its picture (it was taken "
            f"before the picture was cropped to {picture._width}x{picture._height}): "
            f"get it again with media.get_pixel, or loop over the picture again"
        )
    return index


def get_channel_carefully(pixel, channel, action):
    """Return red (0), green (1) or blue (2) of a pixel or Color, explaining
    what is wrong when it can't (the slow path of ``media.get_red`` etc.).
    """
    if isinstance(pixel, Color):  # PyGraphics 2.1 allowed get_red(color)
        return pixel._rgb[channel]
    index = _checked_index(pixel, action)
    return pixel._values[index + channel]


def set_channel_carefully(pixel, channel, value, action):
    """Set red (0), green (1) or blue (2) of a pixel or Color after checking
    the value (the slow path of ``media.set_red`` etc.). A float is rounded
    down; anything else wrong raises an error that explains it.
    """
    if isinstance(pixel, Color):  # PyGraphics 2.1 allowed set_red(color, 10)
        pixel._set(channel, value)
        return
    index = _checked_index(pixel, action)
    pixel._values[index + channel] = checked_component(value, _CHANNELS[channel])
