"""Playing WAV data with the player each platform has, from Tk's event loop.

No audio library is needed (simpleaudio and friends fail to install on
current Pythons): Windows has :mod:`winsound`, macOS has ``afplay``, and
Linux has ``pw-play`` (PipeWire), ``paplay`` (PulseAudio) or ``aplay``
(ALSA, in alsa-utils). The environment variable ``PYGRAPHICS_SOUND_PLAYER``
overrides the choice with any command; the WAV file's name is added to it.

A player program runs as a child process with its output on a pipe. Tk
watches that pipe (``createfilehandler``), so the end of a playing is an
event, not something polled: the pipe reaches end-of-file when the player
exits. ``winsound`` plays in the background with no way to ask whether it
has finished, so there the end is a timer of the sound's length.

Everything runs in the GUI process's one thread.
"""

from __future__ import annotations

import atexit
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import tkinter
from pathlib import Path
from typing import Callable

#: Set to a command (e.g. "aplay -D default") to choose the player program.
PLAYER_VARIABLE = "PYGRAPHICS_SOUND_PLAYER"

#: How long a player may take, beyond the sound's length, to start and finish.
START_MARGIN_SECONDS = 5.0

_HOW_TO_GET_A_PLAYER = (
    "On Linux, install one: sudo apt install alsa-utils (for aplay), or "
    "pulseaudio-utils (paplay), or pipewire-bin (pw-play); or set the environment "
    f"variable {PLAYER_VARIABLE} to a program that plays a WAV file.")


class NoPlayerError(RuntimeError):
    """This computer has no program PyGraphics can play sounds with."""


def player_command() -> list[str] | None:
    """Return the command (without the file name) that plays a WAV file here.

    None means "use winsound" (Windows). Raises :class:`NoPlayerError` when
    nothing is available.
    """
    configured = os.environ.get(PLAYER_VARIABLE, "").strip()
    if configured:
        return shlex.split(configured, posix=os.name != "nt")
    if sys.platform == "win32":
        return None
    if sys.platform == "darwin":
        return ["afplay"]
    for name in _linux_player_preference():
        if shutil.which(name):
            return {"pw-play": ["pw-play"], "paplay": ["paplay"],
                    "aplay": ["aplay", "--quiet"]}[name]
    raise NoPlayerError(f"PyGraphics found no program to play sounds with. "
                        f"{_HOW_TO_GET_A_PLAYER}")


def _linux_player_preference() -> list[str]:
    """Order Linux's players by which sound server is running for this user.

    pw-play and paplay both exist on many systems but work only while their
    server runs; aplay (plain ALSA) works without any server.
    """
    runtime = Path(os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}")
    order = []
    if (runtime / "pipewire-0").exists():
        order.append("pw-play")
    if os.environ.get("PULSE_SERVER") or (runtime / "pulse" / "native").exists():
        order.append("paplay")
    order.append("aplay")
    order += [name for name in ("pw-play", "paplay") if name not in order]
    return order


class Playback:
    """One sound playing: started at once, stopped by :meth:`stop`.

    ``on_finished(playback)`` is called (from Tk's event loop) once the
    playing has ended, whether it ran to its end, was stopped, or failed;
    then :attr:`error` says why it failed, or is None.
    """

    _next_number = 1

    def __init__(self, root: tkinter.Misc, wav: bytes, duration: float,
                 on_finished: Callable[["Playback"], None] | None = None):
        self.number = Playback._next_number
        Playback._next_number += 1
        self.duration = duration
        self.on_finished = on_finished
        self.finished = False
        self.error: str | None = None
        self._stopped = False
        self._started = time.monotonic()
        self._root = root
        self._process: subprocess.Popen | None = None
        self._output = bytearray()
        self._timer: str | None = None
        command = player_command()
        self._path = _temporary_folder() / f"sound-{os.getpid()}-{self.number}.wav"
        self._path.write_bytes(wav)
        if command is None:
            self._start_winsound()
        else:
            self._start_process(command)
        _playing[self.number] = self

    def _start_process(self, command: list[str]) -> None:
        try:
            # A session of its own: stop() ends the player and anything it
            # started (a wrapper script's children), as one process group.
            self._process = subprocess.Popen(
                [*command, str(self._path)], stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                **({"start_new_session": True} if os.name == "posix" else {}))
        except OSError as error:
            self._path.unlink(missing_ok=True)
            raise NoPlayerError(f"PyGraphics could not start the sound player "
                                f"{command[0]!r}: {error.strerror or error}. "
                                f"{_HOW_TO_GET_A_PLAYER}") from None
        if hasattr(self._root.tk, "createfilehandler"):
            self._root.tk.createfilehandler(self._process.stdout, tkinter.READABLE,
                                            self._player_output)
        else:
            # No Tk file handlers (Tk on Windows with a configured player):
            # check now and then, within the sound's length plus a margin.
            self._timer = self._root.after(50, self._check_process)

    def _start_winsound(self) -> None:
        import winsound

        winsound.PlaySound(str(self._path), winsound.SND_FILENAME | winsound.SND_ASYNC
                           | winsound.SND_NODEFAULT)
        # winsound cannot tell when it has finished: its length is the best guess.
        self._timer = self._root.after(max(1, round(self.duration * 1000)), self._finish)

    def _player_output(self, pipe, _mask) -> None:
        chunk = os.read(pipe.fileno(), 4096)
        if chunk:
            self._output += chunk[: max(0, 4000 - len(self._output))]
            return
        self._root.tk.deletefilehandler(pipe)
        self._finish()

    def _check_process(self) -> None:
        self._timer = None
        if self._process.poll() is None:
            self._timer = self._root.after(50, self._check_process)
        else:
            self._output += self._process.stdout.read()[:4000]
            self._finish()

    @property
    def seconds_left(self) -> float:
        """How long it should still play (0 once its length has passed)."""
        return max(0.0, self.duration - (time.monotonic() - self._started))

    def stop(self) -> None:
        """Stop playing now (nothing happens if it has finished)."""
        if self.finished:
            return
        if self._process is not None:
            _signal_player(self._process, kill=False)
            # The end of its output pipe will finish this playback; but a
            # player that ignores SIGTERM must not keep it going.
            self._root.after(1000, self._kill_if_running)
        else:
            import winsound

            winsound.PlaySound(None, winsound.SND_PURGE)
        self._stopped = True
        if self._process is None:
            self._finish()

    def _kill_if_running(self) -> None:
        if not self.finished:
            _signal_player(self._process, kill=True)

    def _finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        if self._timer is not None:
            self._root.after_cancel(self._timer)
            self._timer = None
        if self._process is not None:
            try:
                returncode = self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                _signal_player(self._process, kill=True)
                returncode = self._process.wait(timeout=5)
            self._process.stdout.close()
            if returncode != 0 and not self._stopped:
                said = self._output.decode("utf-8", "replace").strip()
                self.error = (f"The sound player {self._process.args[0]!r} could not play the "
                              f"sound (exit status {returncode})"
                              + (f": {said}" if said else "")
                              + f". Set {PLAYER_VARIABLE} to choose another player.")
        try:
            self._path.unlink(missing_ok=True)
        except OSError:
            pass  # Windows may hold it a moment longer: the folder goes at exit
        _playing.pop(self.number, None)
        if self.on_finished is not None:
            self.on_finished(self)


#: The playings not finished yet, by number.
_playing: dict[int, Playback] = {}
_folder: Path | None = None


def playing() -> list[Playback]:
    """Return the playings not finished yet."""
    return list(_playing.values())


def stop_all() -> None:
    """Stop every sound playing."""
    for playback in playing():
        playback.stop()


def _signal_player(process: subprocess.Popen, kill: bool) -> None:
    """Ask a player (and its process group, on POSIX) to stop, or kill it."""
    if process.poll() is not None:
        return
    if os.name == "posix":
        import signal

        try:
            os.killpg(process.pid, signal.SIGKILL if kill else signal.SIGTERM)
        except ProcessLookupError:
            pass
    elif kill:
        process.kill()
    else:
        process.terminate()


def _temporary_folder() -> Path:
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="pygraphics-sounds-"))
    return _folder


@atexit.register
def _end_everything() -> None:
    """When the GUI process ends, no sound outlives it and no file is left behind."""
    for playback in playing():
        if playback._process is not None and playback._process.poll() is None:
            _signal_player(playback._process, kill=True)
            playback._process.wait(timeout=5)
    if _folder is not None:
        shutil.rmtree(_folder, ignore_errors=True)
