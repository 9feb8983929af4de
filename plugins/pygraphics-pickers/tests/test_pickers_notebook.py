"""The pickers in a notebook with no screen: the notebook's folder listed, and a file,
folder or colour typed (a real Jupyter kernel, answered through its stdin)."""

import os
import textwrap

import pytest

from pygraphics_core.notebook_testing import NotebookKernel

from pygraphics_pickers.notebook_answers import read_color

pytest.importorskip("ipykernel")


@pytest.fixture(scope="module")
def lab_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lab")
    (folder / "beach.png").write_bytes(b"not really a picture")
    (folder / "cat.jpg").write_bytes(b"x" * 2048)
    (folder / "sounds").mkdir()
    (folder / "sounds" / "bird.wav").write_bytes(b"y")
    (folder / ".hidden").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def kernel_in_lab(lab_folder):
    """A kernel whose notebook is in the lab folder (Jupyter starts it there)."""
    kernel = NotebookKernel(folder=lab_folder)
    try:
        kernel.run("import media").check()
        yield kernel
    finally:
        kernel.shutdown()


def test_choose_file_lists_the_notebooks_folder_and_takes_a_number(kernel_in_lab, lab_folder):
    run = kernel_in_lab.run("print('PATH', media.choose_file())", answers=["2"]).check()
    listing = run.stdout.splitlines()
    assert listing[0] == f"Choose a file — in the folder {lab_folder}:"
    assert [line.split()[:2] for line in listing[1:4]] == [
        ["1", "sounds/"], ["2", "beach.png"], ["3", "cat.jpg"]]
    assert ".hidden" not in run.stdout
    assert listing[-1] == f"PATH {lab_folder / 'beach.png'}"


def test_a_folder_is_entered_and_a_missing_file_refused(kernel_in_lab, lab_folder):
    run = kernel_in_lab.run("print('PATH', media.choose_file())",
                            answers=["1", "owl.wav", "bird.wav"]).check()
    assert f"in the folder {lab_folder / 'sounds'}:" in run.stdout
    assert "There is no file “owl.wav” here" in run.stdout
    assert run.stdout.splitlines()[-1] == f"PATH {lab_folder / 'sounds' / 'bird.wav'}"


def test_enter_alone_cancels(kernel_in_lab):
    run = kernel_in_lab.run("print(media.choose_file())", answers=[""]).check()
    assert run.stdout.splitlines()[-1] == "None"


def test_saving_over_a_file_asks_first(kernel_in_lab, lab_folder):
    run = kernel_in_lab.run("print('PATH', media.choose_save_filename(name='out.png'))",
                            answers=[str(lab_folder / "cat.jpg"), "n", "nowhere/x.png",
                                     str(lab_folder / "new.png")]).check()
    assert run.prompts[0].startswith("Save as: type a file name, such as out.png")
    assert run.prompts[1] == "cat.jpg already exists. Replace it? (y/n) "
    assert "There is no folder" in run.stdout
    assert run.stdout.splitlines()[-1] == f"PATH {lab_folder / 'new.png'}"


def test_choose_folder_takes_a_folder(kernel_in_lab, lab_folder):
    run = kernel_in_lab.run("print('PATH', media.choose_folder())", answers=["..", "1"])
    lines = run.check().stdout.splitlines()
    assert lines[-1].startswith("PATH ")
    assert os.path.isdir(lines[-1][5:])


def test_choose_color_shows_examples_and_takes_a_typed_colour(kernel_in_lab):
    run = kernel_in_lab.run("print(repr(media.choose_color(media.orange)))",
                            answers=["purpleish", "300, 0, 0", "tomato"]).check()
    [palette] = run.displays
    assert "starting from" in palette["data"]["text/html"]
    assert "255, 165, 0" in palette["data"]["text/html"]
    lines = run.stdout.splitlines()
    assert lines[0].startswith("“purpleish” is not a colour PyGraphics knows")
    assert lines[1].startswith("“300, 0, 0”: red, green and blue each go from 0 to 255")
    assert lines[-1] == "Color(255, 99, 71)"


@pytest.mark.parametrize("typed, rgb", [("orange", (255, 165, 0)), ("Light Blue", (173, 216, 230)),
                                        ("#FF8000", (255, 128, 0)), ("255 128 0", (255, 128, 0)),
                                        ("", None)])
def test_colours_as_typed(typed, rgb):
    assert read_color(typed) == rgb


@pytest.mark.parametrize("typed", ["#ff80", "1, 2", "reddish"])
def test_wrong_colours_say_what_to_type(typed):
    with pytest.raises(ValueError, match="such as orange"):
        read_color(typed)
