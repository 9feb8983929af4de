"""Headless mode: a grader runs student code with no screen and checks what it showed."""

import json
import os
import subprocess
import sys
import textwrap

import pytest
from PIL import Image

from pygraphics_core import amp, client, headless
from pygraphics_core.headless import HeadlessConnection, HeadlessSession, NoAnswerLeft
from pygraphics_core.testing import headless as headless_fixture  # noqa: F401  (the fixture)


class SayHello(amp.Command):
    """Shows text; answers nothing (like Say)."""

    arguments = [("text", amp.BigUnicode())]
    response = []


class ShowImage(amp.Command):
    """Shows a picture; answers nothing (like Show)."""

    arguments = [("image", amp.PILImage()), ("title", amp.Unicode())]
    response = []


class AskColourName(amp.Command):
    """A course's own dialog: needs an answer."""

    arguments = [("prompt", amp.Unicode())]
    response = [("name", amp.Unicode(optional=True))]


class Beep(amp.Command):
    """A command sent without waiting for an answer."""

    arguments = [("times", amp.Integer())]
    requiresAnswer = False


def answer_colour_name(session, prompt):
    name = session.next_answer("ask_colour_name", prompt)
    session.record("ask_colour_name", command="AskColourName", text=prompt, answer=name)
    return {"name": name}


@pytest.fixture
def connection(tmp_path):
    session = HeadlessSession(save_to=tmp_path / "shown")
    session.register(AskColourName, answer_colour_name)
    return HeadlessConnection(session)


def test_text_shown_is_recorded_and_nothing_opens(connection):
    assert connection.callRemote(SayHello, text="Hello, ☃!") == {}
    [record] = connection.session.shown
    assert (record.number, record.function, record.command, record.text) == (
        1, "say_hello", "SayHello", "Hello, ☃!")
    assert connection.session.texts == ["Hello, ☃!"]


def test_a_picture_is_recorded_as_it_was_when_shown(connection, tmp_path):
    picture = Image.new("RGB", (4, 3), "red")
    connection.callRemote(ShowImage, image=picture, title="sunset")
    picture.putpixel((0, 0), (0, 0, 255))  # the student changes it afterwards
    connection.callRemote(ShowImage, image=picture, title="sunset")
    first, second = connection.session.pictures
    assert first.getpixel((0, 0)) == (255, 0, 0)
    assert second.getpixel((0, 0)) == (0, 0, 255)
    assert first is not picture and second is not picture


def test_pictures_are_written_as_png_files_with_a_log(connection, tmp_path):
    connection.callRemote(ShowImage, image=Image.new("RGB", (5, 2), (1, 2, 3)), title="t")
    connection.callRemote(SayHello, text="done")
    folder = tmp_path / "shown"
    assert sorted(path.name for path in folder.iterdir()) == ["0001-show_image.png",
                                                              "shown.jsonl"]
    with Image.open(folder / "0001-show_image.png") as saved:
        assert saved.size == (5, 2) and saved.convert("RGB").getpixel((4, 1)) == (1, 2, 3)
    log = [json.loads(line) for line in (folder / "shown.jsonl").read_text("utf-8").splitlines()]
    assert [(entry["function"], entry["picture"], entry["text"]) for entry in log] == [
        ("show_image", "0001-show_image.png", "t"), ("say_hello", None, "done")]


def test_dialogs_take_the_graders_answers_in_order(connection):
    connection.session.answers["ask_colour_name"] = ["red", None, "blue"]
    names = [connection.callRemote(AskColourName, prompt=f"Colour {n}?")["name"]
             for n in range(3)]
    assert names == ["red", None, "blue"]
    assert [(record.text, record.answer) for record in connection.session.calls(
        "ask_colour_name")] == [("Colour 0?", "red"), ("Colour 1?", None), ("Colour 2?", "blue")]


def test_answers_for_a_function_come_before_answers_in_order(connection):
    connection.session.answers.update({"ask_colour_name": ["green"], headless.IN_ORDER: ["teal"]})
    assert connection.callRemote(AskColourName, prompt="1?")["name"] == "green"
    assert connection.callRemote(AskColourName, prompt="2?")["name"] == "teal"


def test_an_answer_may_be_a_function_of_the_prompt(connection):
    connection.session.answers["ask_colour_name"] = lambda prompt: prompt.upper()
    assert connection.callRemote(AskColourName, prompt="sky?")["name"] == "SKY?"


def test_a_dialog_with_no_answer_left_says_which_dialog_asked(connection):
    connection.session.answers["ask_colour_name"] = ["red"]
    connection.callRemote(AskColourName, prompt="First?")
    with pytest.raises(NoAnswerLeft) as no_answer:
        connection.callRemote(AskColourName, prompt="Favourite colour?")
    message = str(no_answer.value)
    assert message.startswith("media.ask_colour_name('Favourite colour?') needs an answer, "
                              "but the grading script has no answer left for it")
    assert "1 for 'ask_colour_name'" in message
    assert isinstance(no_answer.value, LookupError)


def test_the_graders_lists_are_not_used_up(tmp_path):
    prepared = {"ask_colour_name": ["red"]}
    session = HeadlessSession(answers=prepared)
    session.register(AskColourName, answer_colour_name)
    HeadlessConnection(session).callRemote(AskColourName, prompt="?")
    assert prepared == {"ask_colour_name": ["red"]}


def test_a_command_that_needs_an_answer_and_has_no_responder_fails_clearly(tmp_path):
    connection = HeadlessConnection(HeadlessSession())
    with pytest.raises(RuntimeError, match=r"the command 'AskColourName' .* needs an answer "
                                           r"\(name\) that only its window could give"):
        connection.callRemote(AskColourName, prompt="?")


def test_wrong_arguments_fail_as_they_would_on_the_wire(connection):
    with pytest.raises(TypeError, match="text"):
        connection.callRemote(SayHello, text=42)
    with pytest.raises(TypeError, match="unexpected argument 'colour'"):
        connection.callRemote(SayHello, text="hi", colour="red")


def test_a_command_without_answer_returns_none(connection):
    assert connection.callRemote(Beep, times=2) is None
    assert connection.session.calls("beep")[0].arguments == {"times": 2}


def test_enable_switches_the_client_and_disable_switches_back(tmp_path):
    before = client.use_connection(None)
    try:
        session = headless.enable(answers=["cyan"])
        assert headless.is_enabled() and headless.current_session() is session
        session.register(AskColourName, answer_colour_name)
        assert client.callRemote(AskColourName, prompt="?") == {"name": "cyan"}
        headless.disable()
        assert headless.current_session() is None
        assert client.use_connection(None) is None  # back to "start a GUI process"
    finally:
        client.use_connection(before)


def test_the_headless_fixture_records_what_the_test_showed(headless_fixture, tmp_path):
    client.callRemote(SayHello, text="from a test")
    assert headless_fixture.texts == ["from a test"]
    assert (tmp_path / "shown" / "shown.jsonl").exists()


STUDENT_PROGRAM = textwrap.dedent("""
    from PIL import Image
    from pygraphics_core import amp, client, headless

    class SayHello(amp.Command):
        arguments = [("text", amp.BigUnicode())]

    class ShowImage(amp.Command):
        arguments = [("image", amp.PILImage()), ("title", amp.Unicode())]

    class AskSize(amp.Command):
        arguments = [("prompt", amp.Unicode())]
        response = [("size", amp.Integer())]

    def answer_size(session, prompt):
        return {"size": session.next_answer("ask_size", prompt)}

    client.connection().session.register(AskSize, answer_size)
    size = client.callRemote(AskSize, prompt="How big?")["size"]
    client.callRemote(ShowImage, image=Image.new("RGB", (size, size), "green"), title="square")
    client.callRemote(SayHello, text=f"a {size} by {size} square")
    size = client.callRemote(AskSize, prompt="And now?")["size"]
""")


def test_the_environment_variables_run_a_program_headless_from_the_shell(tmp_path):
    (tmp_path / "student.py").write_text(STUDENT_PROGRAM, encoding="utf-8")
    (tmp_path / "answers.json").write_text(json.dumps({"ask_size": [7]}), encoding="utf-8")
    environment = {**os.environ, "PYGRAPHICS_HEADLESS": "1",
                   "PYGRAPHICS_HEADLESS_ANSWERS": str(tmp_path / "answers.json"),
                   "PYGRAPHICS_HEADLESS_SAVE_TO": str(tmp_path / "shown")}
    environment.pop("DISPLAY", None)  # no screen at all, as on a grading server
    finished = subprocess.run([sys.executable, str(tmp_path / "student.py")], cwd=tmp_path,
                              env=environment, capture_output=True, text=True, timeout=60)
    # The program ran until its second question, which had no answer left.
    assert finished.returncode == 1
    assert "NoAnswerLeft: media.ask_size('And now?') needs an answer" in finished.stderr
    with Image.open(tmp_path / "shown" / "0001-show_image.png") as shown:
        assert shown.size == (7, 7)
    log = (tmp_path / "shown" / "shown.jsonl").read_text("utf-8")
    assert "a 7 by 7 square" in log


def test_a_bad_answers_file_is_explained(tmp_path):
    (tmp_path / "answers.json").write_text("{not json", encoding="utf-8")
    environment = {**os.environ, "PYGRAPHICS_HEADLESS": "1",
                   "PYGRAPHICS_HEADLESS_ANSWERS": str(tmp_path / "answers.json")}
    finished = subprocess.run(
        [sys.executable, "-c", "from pygraphics_core import client; client.connection()"],
        env=environment, capture_output=True, text=True, timeout=60)
    assert finished.returncode == 1
    assert "is not valid JSON" in finished.stderr
    assert "write a list of answers, or an object such as" in finished.stderr


def test_a_plugin_may_record_a_students_picture_object(tmp_path):
    import media

    session = HeadlessSession(save_to=tmp_path)
    picture = media.create_picture(3, 2)
    record = session.record("show_twice", picture=picture)
    assert record.picture.size == (3, 2) and record.picture.mode == "RGB"
    assert record.path == tmp_path / "0001-show_twice.png"
