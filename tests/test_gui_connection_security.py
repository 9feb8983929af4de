"""Only the program that started a GUI process can drive it."""

import os
import socket

import pytest

from pygraphics_core import amp, gui_process
from pygraphics_core.core_commands import Hello, Ping, WrongSecret


def connect(port):
    return amp.Proxy(gui_process.LOOPBACK, port, timeout=10).connect()


def test_a_wrong_secret_is_refused_and_the_connection_closed(fresh_gui_process):
    _, port, _ = fresh_gui_process
    with connect(port) as intruder:
        with pytest.raises(WrongSecret):
            intruder.callRemote(Hello, secret=b"x" * 32)
        with pytest.raises(ConnectionError):
            intruder.callRemote(Ping)


def test_a_command_before_hello_is_refused_and_the_connection_closed(fresh_gui_process):
    _, port, _ = fresh_gui_process
    with connect(port) as intruder:
        with pytest.raises(amp.AMPError) as raised:
            intruder.callRemote(Ping)
        assert raised.value.code == "UNHANDLED"
        with pytest.raises(ConnectionError):
            intruder.callRemote(Ping)


def test_after_intruders_the_real_client_still_gets_in_and_then_nobody_else(fresh_gui_process):
    process, port, secret = fresh_gui_process
    with connect(port) as intruder:
        with pytest.raises(WrongSecret):
            intruder.callRemote(Hello, secret=b"guess")
    with connect(port) as owner:
        assert owner.callRemote(Hello, secret=secret) == {}
        assert owner.callRemote(Ping) == {}
        # The GUI process has stopped listening: a second connection is refused.
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((gui_process.LOOPBACK, port), timeout=5).close()
        assert owner.callRemote(Ping) == {}
    # Its only client left and it shows no window: it ends.
    assert process.wait(timeout=10) == 0


def test_the_secret_is_not_on_the_command_line(gui_client):
    command_line = open(f"/proc/{gui_client.process.pid}/cmdline", "rb").read().split(b"\0")
    assert command_line[1:3] == [b"-c", gui_process.GUI_PROCESS_CODE.encode()]
    assert len(b"".join(command_line)) < 200


def test_after_the_hello_every_installed_plugin_answers_from_the_first_command(
        fresh_gui_process):
    # The Hello proves who is calling, nothing else: the GUI process finds
    # the plugins itself and registers every backend before it answers.
    from pygraphics_say.commands import Say
    from pygraphics_show.commands import IsOpen

    assert [name for name, _ in Hello.arguments] == ["secret"]
    _, port, secret = fresh_gui_process
    with connect(port) as owner:
        owner.callRemote(Hello, secret=secret)
        assert owner.callRemote(IsOpen, window=12345) == {"open": False}
        assert owner.callRemote(Say, text="registered at the Hello") == {}
