"""A grader runs a student's program, unchanged, on a machine with no screen."""

import json
import os
import subprocess
import sys
import textwrap

from PIL import Image

STUDENT_PROGRAM = textwrap.dedent("""
    import media

    name = media.choose_file()
    size = media.ask_number("How big should the square be?", 1, 100)
    pic = media.create_picture(size, size)
    media.show(pic)
    for pixel in pic:
        media.set_blue(pixel, 0)
    media.update(pic)
    media.say("A yellow square from " + name)
    if media.ask_yes_no("Save it?"):
        print("saving")
""")


def run_headless(tmp_path, answers):
    (tmp_path / "student.py").write_text(STUDENT_PROGRAM, encoding="utf-8")
    (tmp_path / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    environment = {**os.environ, "PYGRAPHICS_HEADLESS": "1",
                   "PYGRAPHICS_HEADLESS_ANSWERS": str(tmp_path / "answers.json"),
                   "PYGRAPHICS_HEADLESS_SAVE_TO": str(tmp_path / "shown")}
    environment.pop("DISPLAY", None)  # a grading server has no screen
    return subprocess.run([sys.executable, "student.py"], cwd=tmp_path, env=environment,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def test_the_pictures_are_recorded_as_they_were_at_each_moment(tmp_path):
    finished = run_headless(tmp_path, {"choose_file": ["kitten.jpg"], "ask_number": [4],
                                       "ask_yes_no": [True]})
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout == "saving\n"
    shown = tmp_path / "shown"
    with Image.open(shown / "0003-show.png") as first, Image.open(shown / "0004-update.png") as then:
        assert first.size == then.size == (4, 4)
        assert first.convert("RGB").getpixel((3, 3)) == (255, 255, 255)  # white when shown
        assert then.convert("RGB").getpixel((3, 3)) == (255, 255, 0)     # yellow at the update
    log = [json.loads(line) for line in (shown / "shown.jsonl").read_text("utf-8").splitlines()]
    assert [(entry["function"], entry["answer"]) for entry in log] == [
        ("choose_file", "kitten.jpg"), ("ask_number", 4), ("show", None), ("update", None),
        ("say", None), ("ask_yes_no", True)]
    assert log[4]["text"] == "A yellow square from kitten.jpg"


def test_a_program_that_asks_more_than_the_grader_prepared_stops_with_a_clear_error(tmp_path):
    finished = run_headless(tmp_path, ["kitten.jpg", 4])
    assert finished.returncode == 1
    last_line = finished.stderr.strip().splitlines()[-1]
    assert last_line.startswith("pygraphics_core.headless.NoAnswerLeft: "
                                "media.ask_yes_no('Save it?') needs an answer")
