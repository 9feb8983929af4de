"""Which program plays sounds: the one whose sound server runs, or the one
the user names; and a clear message when there is none."""

import sys

import pytest

from pygraphics_sound import players

pytestmark = pytest.mark.skipif(sys.platform in ("win32", "darwin"),
                                reason="Linux chooses among several players")


@pytest.fixture
def linux_machine(tmp_path, monkeypatch):
    """A PATH holding the three players (tiny scripts) and an empty runtime folder."""
    tools = tmp_path / "bin"
    tools.mkdir()
    for name in ("pw-play", "paplay", "aplay"):
        tool = tools / name
        tool.write_text("#!/bin/sh\nexit 0\n")
        tool.chmod(0o755)
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    monkeypatch.setenv("PATH", str(tools))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.delenv("PULSE_SERVER", raising=False)
    monkeypatch.delenv(players.PLAYER_VARIABLE, raising=False)
    return tools, runtime


def test_without_a_sound_server_aplay_plays(linux_machine):
    assert players.player_command() == ["aplay", "--quiet"]


def test_pipewire_is_used_when_it_runs(linux_machine):
    _, runtime = linux_machine
    (runtime / "pipewire-0").touch()
    (runtime / "pulse").mkdir()
    (runtime / "pulse" / "native").touch()
    assert players.player_command() == ["pw-play"]


def test_pulseaudio_is_used_when_it_runs(linux_machine):
    _, runtime = linux_machine
    (runtime / "pulse").mkdir()
    (runtime / "pulse" / "native").touch()
    assert players.player_command() == ["paplay"]


def test_an_installed_player_is_used_even_without_its_server(linux_machine):
    tools, _ = linux_machine
    (tools / "aplay").unlink()
    assert players.player_command() == ["pw-play"]


def test_the_user_can_name_any_player(linux_machine, monkeypatch):
    monkeypatch.setenv(players.PLAYER_VARIABLE, "mpv --no-video --really-quiet")
    assert players.player_command() == ["mpv", "--no-video", "--really-quiet"]


def test_no_player_at_all_says_what_to_install(linux_machine):
    tools, _ = linux_machine
    for tool in tools.iterdir():
        tool.unlink()
    with pytest.raises(players.NoPlayerError) as caught:
        players.player_command()
    message = str(caught.value)
    assert "found no program to play sounds" in message
    assert "sudo apt install alsa-utils" in message and players.PLAYER_VARIABLE in message


def test_the_player_list_has_each_player_once(linux_machine):
    order = players._linux_player_preference()
    assert sorted(order) == ["aplay", "paplay", "pw-play"]
