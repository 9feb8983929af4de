"""Reading and writing picture files, with errors a beginner can act on.

Every format Pillow reads is accepted and turned into the 8-bit RGB that
students work with: transparency is composited on white, palette and
greyscale images become RGB, 16-bit images keep their brightness (Pillow's
own conversion would clip them to white), CMYK becomes RGB, and a photo
whose EXIF data says it was taken rotated is turned upright.

Writing goes to a temporary file beside the target and then replaces the
target in one step (``os.replace``), so a failure never leaves a half-written
picture where a good one was.
"""

import errno
import os
import secrets
import shutil
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from pygraphics_core.messages import describe
from pygraphics_core.regular_files import NotARegularFileError, open_regular_file

#: The extensions suggested to students in error messages.
COMMON_EXTENSIONS = (".png", ".jpg", ".bmp", ".gif", ".tif")

_SIXTEEN_BIT_MODES = ("I;16", "I;16L", "I;16B", "I;16N")
_NO_PERMISSION = (errno.EACCES, errno.EPERM, errno.EROFS)
_ORIENTATION = 0x0112  # the EXIF tag that says how the camera was turned


def _as_path(filename, action):
    if isinstance(filename, (str, os.PathLike)):
        return Path(filename)
    raise TypeError(
        f"{action} needs a file name such as \"cat.jpg\", "
        f"but got {describe(filename)}"
    )


def title_for(filename):
    """Return the title of a picture read from or written to ``filename``.

    As in PyGraphics 2.1, it is the file's "short path": its folder and its
    name, such as "images/cat.jpg" (just "cat.jpg" for a file in the current
    folder), written with the system's separator.
    """
    path = Path(filename)
    folder = path.parent.name
    return os.path.join(folder, path.name) if folder else path.name


def _where(path):
    """Say where a relative path was looked for, in words."""
    if path.is_absolute():
        return ""
    return f" (looked in the current folder, {os.getcwd()})"


def read_image(filename):
    """Return the picture in ``filename`` as a Pillow "RGB" image.

    Raises FileNotFoundError, IsADirectoryError, PermissionError, OSError
    (a loop of symbolic links, a disk error), or ValueError (not a picture,
    a damaged one, or a name that leads to a pipe or a device rather than
    a file) with a message that says what to do.
    """
    path = _as_path(filename, "load_picture")
    try:
        file = open_regular_file(path)
    except FileNotFoundError:
        raise FileNotFoundError(
            f"there is no file {str(filename)!r}{_where(path)}: check the "
            f"spelling, or pick the file with media.choose_file()"
        ) from None
    except IsADirectoryError:
        raise IsADirectoryError(
            f"{str(filename)!r} is a folder, not a picture file: give the name "
            f"of a file inside it, or pick one with media.choose_file()"
        ) from None
    except PermissionError:
        raise PermissionError(
            f"you don't have permission to read {str(filename)!r}: copy it "
            f"somewhere of your own, or pick another file"
        ) from None
    except NotARegularFileError as error:
        # Opening a pipe for reading would wait for ever for a writer.
        raise ValueError(
            f"{str(filename)!r} is {error.kind}, not a picture file: give the "
            f"name of a picture file, or pick one with media.choose_file()"
        ) from None
    except OSError as error:
        raise OSError(_cannot_open(filename, error)) from None
    try:
        with file, Image.open(file) as image:
            image.load()
            return as_rgb(image)
    except UnidentifiedImageError:
        raise ValueError(
            f"{str(filename)!r} is not a picture file (Pillow doesn't recognise "
            f"what is in it); pictures usually end in .jpg, .png, .gif or .bmp"
        ) from None
    except Image.DecompressionBombError as error:
        raise ValueError(f"{str(filename)!r} is too big to load safely: {error}") from None
    except (OSError, SyntaxError, ValueError) as error:
        # Pillow reports a truncated or corrupt file in several ways.
        raise ValueError(
            f"{str(filename)!r} looks like a picture but is damaged or cut "
            f"short, so it can't be loaded ({error})"
        ) from None


def _cannot_open(filename, error):
    """Say why ``filename`` could not be opened, for an OSError open() raised."""
    if error.errno == errno.ELOOP:
        return (f"{str(filename)!r} is a symbolic link that leads round in a circle "
                f"(through other links back to itself), so there is no file to read: "
                f"fix the link, or pick the file with media.choose_file()")
    return (f"{str(filename)!r} can't be opened: {error.strerror or error}; pick "
            f"another file with media.choose_file()")


def as_rgb(image):
    """Return ``image`` (any Pillow mode) as an upright 8-bit "RGB" image."""
    if not isinstance(image, Image.Image):
        raise TypeError(
            f"expected a Pillow image, but got {describe(image)}"
        )
    try:
        # exif_transpose copies even an upright picture, so ask first.
        if image.getexif().get(_ORIENTATION, 1) != 1:
            image = ImageOps.exif_transpose(image)
    except Exception:  # broken EXIF data: keep the picture as stored
        pass
    if image.mode in _SIXTEEN_BIT_MODES or (
        image.mode == "I" and image.getextrema()[1] > 255
    ):
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if "A" in image.mode or "a" in image.mode or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    if image.mode != "RGB":
        return image.convert("RGB")
    return image


def rgb_values(image, values=None):
    """Return the raw RGB bytes of an "RGB" image in a bytearray (``values`` if given).

    The pixels are packed once, in small pieces, straight into the
    bytearray: ``bytearray(image.tobytes())`` would make two more copies of
    the whole picture (a 12-megapixel photo is 36 MB), and for a picture
    just loaded from a file that was most of ``load_picture``'s time beyond
    Pillow's own (``bench/bench_pixels.py``). A given ``values`` (a
    picture's own bytearray, of the image's size) is filled in place.
    """
    from pygraphics_core.amp.images import pixel_chunks

    width, height = image.size
    if values is None:
        values = bytearray(width * height * 3)
    elif len(values) != width * height * 3:
        raise ValueError(f"{len(values):,} bytes cannot hold a {width}x{height} picture")
    position = 0
    with memoryview(values) as view:
        for chunk in pixel_chunks(image):
            view[position : position + len(chunk)] = chunk
            position += len(chunk)
    return values


def _format_for(path, filename):
    extension = path.suffix.lower()
    suggestion = ", ".join(COMMON_EXTENSIONS)
    if not extension:
        raise ValueError(
            f"the file name {str(filename)!r} has no extension, so PyGraphics "
            f"doesn't know which kind of picture file to write: end it with "
            f"one of {suggestion} (for example {path.name}.png)"
        )
    Image.init()
    format_name = Image.registered_extensions().get(extension)
    if format_name is None or format_name not in Image.SAVE:
        raise ValueError(
            f"PyGraphics can't write {extension} picture files: end the file "
            f"name with one of {suggestion}"
        )
    return format_name


def write_image(image, filename):
    """Write a Pillow image to ``filename`` in the format its extension names.

    The file is written beside the target and then moved over it, so an
    existing file is either replaced whole or left as it was.
    """
    path = _as_path(filename, "save_as")
    format_name = _format_for(path, filename)
    folder = path.parent
    if not folder.exists():
        raise FileNotFoundError(
            f"the folder {str(folder)!r} does not exist, so {path.name!r} can't "
            f"be saved there: create the folder first or save somewhere else"
        )
    if not folder.is_dir():
        raise NotADirectoryError(
            f"{str(folder)!r} is a file, not a folder, so {path.name!r} can't "
            f"be saved in it"
        )
    if path.is_dir():
        raise IsADirectoryError(
            f"{str(filename)!r} is a folder: give a file name such as "
            f"{str(path / 'picture.png')!r}"
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise PermissionError(
            f"{str(filename)!r} is read-only (you don't have permission to "
            f"change it): save under another name"
        )
    temporary = folder / f".{path.name}.{secrets.token_hex(4)}.part"
    options = {"quality": 95} if format_name == "JPEG" else {}
    try:
        # "x" mode: a new file with the usual permissions, never an existing one.
        with open(temporary, "xb") as file:
            image.save(file, format=format_name, **options)
        if path.exists():
            shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except OSError as error:
        if isinstance(error, PermissionError) or error.errno in _NO_PERMISSION:
            # On Windows a file open in another program can't be replaced either.
            in_use = " (or close it in any program that has it open)" if path.exists() else ""
            raise PermissionError(
                f"you don't have permission to write {path.name!r} in the "
                f"folder {str(folder)!r}: save it in a folder of your own, such "
                f"as {str(Path.home())!r}{in_use}"
            ) from None
        if error.errno is None:  # Pillow's "cannot write mode RGB as ..."
            raise ValueError(
                f"Pillow can't write this picture as a {path.suffix} file "
                f"({error}): use .png or .jpg instead"
            ) from None
        raise
    except (ValueError, KeyError) as error:
        raise ValueError(
            f"Pillow can't write this picture as a {path.suffix} file "
            f"({error}): use .png or .jpg instead"
        ) from None
    finally:
        if temporary.exists():
            temporary.unlink()
