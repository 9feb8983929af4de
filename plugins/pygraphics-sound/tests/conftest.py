"""Fixtures for the sound plugin's tests: hearing what was really played.

There are no loudspeakers on a CI machine, so the tests give ALSA a
configuration (an ``.asoundrc`` in a home folder of the test's own) whose
default device is ALSA's ``file`` plugin: ``aplay`` really plays, through
ALSA, and what reaches the "sound card" is written to a WAV file that the
test reads back and compares with the sound it asked for.

``gui_display``, ``gui_screen`` and ``student`` come from PyGraphics'
pytest plugin (:mod:`pygraphics_core.pytest_plugin`).
"""

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from pygraphics_core.wav_files import WavContents, parse_wav

#: Bound on every wait for a player to finish, in seconds.
TIMEOUT = 20.0


@dataclass
class SoundCard:
    """A pretend sound card: what ``aplay`` plays ends up in :attr:`output`."""

    home: Path
    output: Path

    @property
    def environment(self) -> dict[str, str]:
        """Environment variables that make a process (and its GUI process) play here."""
        return {"HOME": str(self.home), "PYGRAPHICS_SOUND_PLAYER": "aplay --quiet"}

    def played(self, timeout: float = TIMEOUT) -> WavContents:
        """Return what was played, once the player has finished writing it."""
        deadline = time.monotonic() + timeout
        while True:
            # ALSA writes the header's sizes when the player closes the device.
            if self.output.exists():
                data = self.output.read_bytes()
                if len(data) > 44 and int.from_bytes(data[40:44], "little") > 0:
                    return parse_wav(data, name="what was played")
            if time.monotonic() > deadline:
                raise AssertionError(f"nothing was played within {timeout} s")
            time.sleep(0.02)  # another process writes the file: poll with a bound


@pytest.fixture
def sound_card(tmp_path, monkeypatch):
    """A :class:`SoundCard`; this test process plays to it too."""
    if shutil.which("aplay") is None:
        pytest.fail("the sound tests need aplay (on Debian/Ubuntu: sudo apt install "
                    "alsa-utils)", pytrace=False)
    home = tmp_path / "home"
    home.mkdir()
    output = tmp_path / "played.wav"
    (home / ".asoundrc").write_text(
        "# Everything played goes to a WAV file instead of a sound card.\n"
        "pcm.!default {\n"
        "    type file\n"
        "    slave.pcm \"null\"\n"
        f"    file \"{output}\"\n"
        "    format \"wav\"\n"
        "}\n", encoding="utf-8")
    card = SoundCard(home, output)
    for name, value in card.environment.items():
        monkeypatch.setenv(name, value)
    return card


@pytest.fixture
def tk_root(gui_display):
    """A hidden Tk root on the test display, destroyed after the test."""
    import tkinter

    root = tkinter.Tk()
    root.withdraw()
    yield root
    root.destroy()


@pytest.fixture
def slow_player(tmp_path):
    """``slow_player(seconds)``: a player command that waits before aplay plays.

    Returns ``(command, pid_file)``; the player writes its process id to
    ``pid_file`` first, so a test can see it start and end. Tests of
    ``stop`` and of waiting need a sound that is still playing, and ALSA's
    file device plays instantly.
    """
    def make(seconds: float):
        pid_file = tmp_path / f"player-{seconds}.pid"
        command = f"sh -c 'echo $$ > {pid_file}; sleep {seconds}; exec aplay --quiet \"$0\"'"
        return command, pid_file

    return make
