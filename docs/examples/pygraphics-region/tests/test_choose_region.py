"""Tests of pygraphics-region: on Windows, macOS and Linux, with nothing else installed."""

from PIL import Image

from pygraphics_core.notebook_testing import notebook_kernel  # noqa: F401  (the fixture)
from pygraphics_gui.testing import answer_dialog, drag, press_keys
from pygraphics_region import open_window


def test_a_drag_on_the_picture_chooses_its_corners(tk_root):
    window = open_window(Image.new("RGB", (80, 60), "orange"), "Where?", tk_root)

    def drag_then_enter(shown):
        drag(shown.canvas, (50, 40), (10, 5), picture=True)
        press_keys(shown, "Return")

    assert answer_dialog(window, actions=[drag_then_enter]) == [10, 5, 50, 40]


def test_escape_chooses_nothing(tk_root):
    window = open_window(Image.new("RGB", (80, 60), "orange"), "Where?", tk_root)
    assert answer_dialog(window, keys=["Escape"]) == []


def test_a_student_drags_a_rectangle_on_their_picture(student):
    program = student("""
        import media

        pic = media.create_picture(120, 90, media.orange)
        print("REGION", media.choose_region(pic))
    """)
    window = program.wait_for_window("Choose a region")
    window.drag((10, 20), (60, 70), widget="picture", picture=True)
    window.press("Return")
    assert program.expect("REGION") == "(10, 20, 60, 70)"


def test_a_grader_prepares_the_regions(headless):
    import media

    headless.answers["choose_region"] = [(1, 2, 3, 4), None]
    pic = media.create_picture(10, 10)
    assert media.choose_region(pic) == (1, 2, 3, 4)
    assert media.choose_region(pic) is None
    assert headless.calls("choose_region")[0].picture.size == (10, 10)


def test_in_a_notebook_the_corners_are_typed(notebook_kernel):
    run = notebook_kernel.run("import media\n"
                              "pic = media.create_picture(40, 30)\n"
                              "print(media.choose_region(pic, 'Where?'))",
                              answers=["1 2 3", "30 20 5 6"]).check()
    assert run.prompts == ["Where? Corners x1 y1 x2 y2: "] * 2
    assert run.stdout.splitlines()[-1] == "(5, 6, 30, 20)"
