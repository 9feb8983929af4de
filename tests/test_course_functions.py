"""A course lists the functions its labs use; a student without the plugin is told where it is."""

import os
import subprocess
import sys
import textwrap

import pytest

from pygraphics_core.course_functions import course_functions

COURSE_FILE = """
    # Where the functions of our labs come from.
    [pygraphics-lab-region]
    functions = choose_lab_region, show_lab_pair
    install = pip install https://course.example.edu/pygraphics_lab_region-0.1-py3-none-any.whl
"""

LAB = """
    import media

    picture = media.create_picture(10, 10)
    print(media.choose_lab_region(picture))
"""


def run_lab(folder, code=LAB, cwd=None):
    (folder / "lab.py").write_text(textwrap.dedent(code), encoding="utf-8")
    return subprocess.run([sys.executable, str(folder / "lab.py")], capture_output=True,
                          text=True, timeout=60, cwd=cwd or folder,
                          env={**os.environ, "PYGRAPHICS_HEADLESS": "1"})


@pytest.fixture
def lab_folder(tmp_path):
    folder = tmp_path / "lab3"
    folder.mkdir()
    (folder / "pygraphics-course.cfg").write_text(textwrap.dedent(COURSE_FILE),
                                                  encoding="utf-8")
    return folder


def test_without_the_course_plugin_the_student_is_told_where_it_comes_from(lab_folder, tmp_path):
    # Run from another folder: the file beside the program counts.
    ran = run_lab(lab_folder, cwd=tmp_path)
    assert ran.returncode == 1
    last = ran.stderr.strip().splitlines()[-1]
    assert last == (
        "AttributeError: media has no function 'choose_lab_region': your course gets it from the "
        f"plugin 'pygraphics-lab-region' (says {lab_folder / 'pygraphics-course.cfg'}), which is "
        "not installed. Install it with: pip install "
        "https://course.example.edu/pygraphics_lab_region-0.1-py3-none-any.whl; then run your "
        "program again. (pygraphics plugins lists the plugins that are installed.)")
    assert ran.stderr.count("Traceback") == 1


def test_help_shows_it_too_and_other_names_stay_plain_errors(lab_folder):
    ran = run_lab(lab_folder, """
        import media

        print(media.show_lab_pair.__doc__)
        print("choose_lab_region" in media.__all__)
        media.no_such_function
    """)
    lines = ran.stdout.splitlines()
    assert "your course gets it from the plugin 'pygraphics-lab-region'" in lines[0]
    assert lines[1] == "True"
    assert ran.stderr.strip().splitlines()[-1] == (
        "AttributeError: module 'media' has no attribute 'no_such_function'")


def test_with_the_plugin_installed_the_students_get_its_function(fake_plugins, lab_folder):
    fake_plugins.add("pygraphics-lab-region", """
        from pygraphics_core import hookimpl

        def choose_lab_region(picture):
            return (0, 0, picture.get_width(), picture.get_height())

        @hookimpl
        def pygraphics_media_functions():
            return {"choose_lab_region": choose_lab_region}
    """, entry_point="region")
    ran = run_lab(lab_folder)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "(0, 0, 10, 10)"


def test_a_course_file_that_cannot_be_read_is_no_obstacle(tmp_path):
    (tmp_path / "pygraphics-course.cfg").write_text("functions = [oops\n", encoding="utf-8")
    assert course_functions(str(tmp_path / "pygraphics-course.cfg")) == {}
    ran = run_lab(tmp_path, "import media\nprint(media.get_red(media.create_color(7, 0, 0)))")
    assert ran.stdout.strip() == "7", ran.stderr
