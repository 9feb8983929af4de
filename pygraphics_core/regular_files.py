"""Opening a student's file for reading, only if it is an ordinary file.

A name given to ``load_picture`` or ``load_sound`` may lead to something
that is not a file of bytes: a named pipe (FIFO), whose opening waits for a
writer for ever; a device such as ``/dev/zero``, which never ends; a
socket. :func:`open_regular_file` opens the name without waiting (with
``O_NONBLOCK`` where the system has it) and then looks at what it opened
(``fstat``), so it can neither hang nor be fooled by a name that changes
between a check and the opening.
"""

import errno
import os
import stat

__all__ = ["NotARegularFileError", "open_regular_file", "what_it_is"]

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)

_KINDS = [
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device (a character device such as a terminal or /dev/zero)"),
    (stat.S_ISBLK, "a device (a disk)"),
]


class NotARegularFileError(ValueError):
    """The name leads to something that is not an ordinary file (a pipe, a device...).

    :attr:`kind` says what it is, in words: "a named pipe (FIFO)".
    """

    def __init__(self, name, kind):
        super().__init__(f"{name!r} is {kind}, not an ordinary file")
        self.kind = kind


def what_it_is(mode):
    """Say in words what a file of this ``st_mode`` is, when it is not an ordinary file."""
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return "not an ordinary file"


def open_regular_file(path):
    """Open ``path`` for reading in binary mode, if it is an ordinary file.

    Raises what ``open()`` raises (FileNotFoundError, PermissionError, an
    OSError with ``errno.ELOOP`` for a loop of symbolic links...),
    IsADirectoryError for a folder, and :class:`NotARegularFileError` for
    anything else that is not an ordinary file. Never waits.
    """
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        # A socket (or a device without a driver) cannot be opened at all:
        # say what it is rather than "No such device or address".
        if error.errno not in (errno.ENXIO, getattr(errno, "EOPNOTSUPP", None)):
            raise
        try:
            mode = os.stat(path).st_mode
        except OSError:
            raise error from None
        if stat.S_ISREG(mode):
            raise
        raise NotARegularFileError(str(path), what_it_is(mode)) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise NotARegularFileError(str(path), what_it_is(mode))
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
