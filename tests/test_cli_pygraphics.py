"""The ``pygraphics`` command, as course staff use it."""

import datetime
import decimal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pygraphics_core import amp
from pygraphics_tools.cli import convert

PYGRAPHICS = str(Path(sys.executable).with_name("pygraphics"))


def run(*arguments, timeout=30):
    return subprocess.run([PYGRAPHICS, *arguments], capture_output=True, text=True,
                          timeout=timeout)


def test_plugins_lists_each_installed_plugin_with_version_commands_and_functions():
    result = run("plugins")
    lines = result.stdout.splitlines()
    say = lines.index(next(line for line in lines if line.startswith("pygraphics-say ")))
    assert lines[say].startswith("pygraphics-say 3.0.0")
    assert "(entry point say = pygraphics_say.plugin)" in lines[say]
    assert lines[say + 1].split() == ["commands:", "Say"]
    assert lines[say + 2].split() == ["answers", "(in", "the", "GUI", "process):", "Say"]
    assert lines[say + 3].split() == ["media", "functions:", "say"]
    assert result.returncode == 0, result.stdout


CROPPER = """
    from pygraphics_core import hookimpl

    @hookimpl
    def pygraphics_media_functions():
        return {"crop": lambda pic: None, "greet": lambda name: "hi " + name}
"""

GREETER = """
    from pygraphics_core import hookimpl

    @hookimpl
    def pygraphics_media_functions():
        return {"greet": lambda name: "hello " + name}
"""


def test_plugins_reports_clashes_with_media_and_between_plugins_and_fails(fake_plugins):
    fake_plugins.add("pygraphics-cropper", CROPPER)
    fake_plugins.add("pygraphics-greeter", GREETER)
    result = run("plugins")
    assert result.returncode == 1, result.stdout
    problems = result.stdout.split("Problems:")[1]
    assert ("The PyGraphics plugin 'pygraphics-cropper'" in problems
            and "gives the media function 'crop', but 'crop' is PyGraphics's own" in problems)
    assert ("'pygraphics-cropper'" in problems and "'pygraphics-greeter'" in problems
            and "all give the media function 'greet', so none of them does" in problems)
    assert result.stderr == ""


def test_plugins_shows_a_broken_plugin_and_fails(fake_plugins):
    fake_plugins.add("pygraphics-broken", "raise RuntimeError('bad plugin')\n", version="0.1")
    result = run("plugins")
    assert result.returncode == 1
    assert "pygraphics-broken 0.1" in result.stdout
    assert "NOT LOADED: it could not be imported: RuntimeError: bad plugin" in result.stdout
    assert "Problems:" in result.stdout
    assert result.stderr == ""  # told once, in the listing, not again as warnings


def test_call_shows_a_dialog_and_waits_until_it_is_closed(gui_screen):
    process = subprocess.Popen([PYGRAPHICS, "call", "Say", "text=Checking by hand"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        (window,) = gui_screen.wait_for_windows("Message", 1)
        assert process.poll() is None
        gui_screen.press(window, "Escape")
        output, errors = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=10)
    assert process.returncode == 0, errors
    assert "close its 1 open window" in output


def test_call_prints_the_answer(gui_display):
    result = run("call", "Ping")
    assert result.returncode == 0, result.stderr


def test_call_explains_a_missing_or_unknown_argument_and_an_unknown_command():
    missing = run("call", "Say")
    assert missing.returncode == 2
    assert "Say needs text; its arguments are: text (BigUnicode)" in missing.stderr
    misspelt = run("call", "Say", "txt=hello")
    assert misspelt.returncode == 2 and "Say has no argument 'txt'" in misspelt.stderr
    unknown = run("call", "Sya", "text=hello")
    assert unknown.returncode == 2
    assert "there is no command named 'Sya'" in unknown.stderr and "Say" in unknown.stderr


@pytest.mark.parametrize("argument, text, value", [
    (amp.Integer(), "-12", -12),
    (amp.Float(), "2.5", 2.5),
    (amp.Boolean(), "yes", True),
    (amp.Boolean(), "False", False),
    (amp.Decimal(), "1.50", decimal.Decimal("1.50")),
    (amp.String(), "bytes ✓", "bytes ✓".encode("utf-8")),
    (amp.BigString(), "x", b"x"),
    (amp.Unicode(), "ünïcode", "ünïcode"),
    (amp.BigUnicode(), "", ""),
    (amp.DateTime(), "2024-05-01T12:30:00+02:00",
     datetime.datetime(2024, 5, 1, 12, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))),
    (amp.ListOf(amp.Integer()), "[1, 2, 3]", [1, 2, 3]),
    (amp.AmpList([("name", amp.Unicode()), ("size", amp.Integer())]),
     '[{"name": "a", "size": 1}]', [{"name": "a", "size": 1}]),
])
def test_values_are_converted_to_the_argument_type(argument, text, value):
    assert convert(text, argument, "x") == value


def test_a_picture_argument_is_read_from_a_file(tmp_path):
    from PIL import Image

    path = tmp_path / "dot.png"
    Image.new("RGB", (3, 2), "red").save(path)
    picture = convert(str(path), amp.PILImage(), "picture")
    assert picture.size == (3, 2) and picture.getpixel((0, 0)) == (255, 0, 0)


@pytest.mark.parametrize("argument, text", [
    (amp.Integer(), "twelve"), (amp.Boolean(), "maybe"), (amp.Float(), ""),
    (amp.DateTime(), "2024-05-01T12:30:00"), (amp.ListOf(amp.Integer()), "[1,"),
])
def test_a_value_of_the_wrong_type_is_explained(argument, text):
    with pytest.raises(ValueError, match=f"size={text!r}".replace("[", r"\[")):
        convert(text, argument, "size")
