"""The pytest fixtures PyGraphics installs, used as plugin authors and graders use them."""

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image


def run_pytest(tmp_path, test_code, opt_in=True, **options):
    (tmp_path / "test_story.py").write_text(textwrap.dedent(test_code), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         *(["-p", "pygraphics_gui.pytest_fixtures"] if opt_in else []), str(tmp_path)],
        capture_output=True, text=True, timeout=60, cwd=tmp_path, **options)


def test_pygraphics_changes_nothing_in_a_test_run_that_does_not_ask_for_it(tmp_path):
    # A student's own tests, on a machine where PyGraphics is installed.
    result = run_pytest(tmp_path, """
        import sys

        def test_no_pygraphics_here():
            assert not [name for name in sys.modules if name.startswith("pygraphics")]
    """, opt_in=False)
    assert result.returncode == 0, result.stdout + result.stderr
    listed = list_fixtures(tmp_path, opt_in=False)
    assert not {"gui_display", "gui_screen", "student", "headless", "tk_root"} & listed


def test_asking_for_pygraphics_brings_every_fixture(tmp_path):
    (tmp_path / "test_story.py").write_text("def test_nothing():\n    pass\n")
    assert {"gui_display", "gui_screen", "gui_client", "gui_cleanup", "student", "headless",
            "tk_root"} <= list_fixtures(tmp_path, opt_in=True)


def list_fixtures(tmp_path, opt_in):
    listing = subprocess.run(
        [sys.executable, "-m", "pytest", "--fixtures", "-p", "no:cacheprovider",
         *(["-p", "pygraphics_gui.pytest_fixtures"] if opt_in else []), str(tmp_path)],
        capture_output=True, text=True, timeout=60, cwd=tmp_path).stdout
    return {line.split()[0] for line in listing.splitlines()
            if line and not line[0].isspace() and not line.startswith(("-", "="))}


def test_a_test_run_ends_even_if_a_test_leaves_a_window_open(tmp_path, gui_screen):
    result = run_pytest(tmp_path, """
        import media

        def test_leaves_a_window_open(gui_display):
            media.say("left open by a careless test")
    """)
    assert result.returncode == 0, result.stdout + result.stderr
    gui_screen.wait_for_windows("Message", 0)


def test_gui_client_gives_each_test_its_own_gui_process(tmp_path, gui_display):
    result = run_pytest(tmp_path, """
        import media

        seen = []

        def test_first(gui_client):
            media.say("one")
            seen.append(gui_client.process)

        def test_second(gui_client):
            assert seen[0].poll() is not None, "the first test's GUI process still runs"
            assert gui_client.process.pid != seen[0].pid
    """)
    assert result.returncode == 0, result.stdout + result.stderr


# A window that draws only when told to, on its standard input.
LATE_DRAWING = """
import sys, tkinter
root = tkinter.Tk()
root.title("drawn late")
canvas = tkinter.Canvas(root, width=200, height=100, background="white", highlightthickness=0)
canvas.pack()
def draw(file, mask):
    sys.stdin.readline()
    canvas.create_rectangle(0, 0, 200, 100, fill="red", outline="")
root.createfilehandler(sys.stdin, tkinter.READABLE, draw)
root.after(30000, root.destroy)  # bounded, even if the test never ends it
root.mainloop()
"""


def red_pixels(shot):
    return sum(count for count, colour in shot.getcolors(shot.width * shot.height)
               if colour == (255, 0, 0))


def test_wait_until_seen_waits_for_a_window_drawn_after_it_appears(gui_screen, tmp_path):
    program = subprocess.Popen([sys.executable, "-c", LATE_DRAWING], stdin=subprocess.PIPE)
    try:
        [window] = gui_screen.wait_for_windows("drawn late", 1)
        # On the screen, not drawn yet: a test judging this screenshot would fail.
        assert red_pixels(gui_screen.screenshot(window).convert("RGB")) == 0
        program.stdin.write(b"draw\n")
        program.stdin.flush()
        assert gui_screen.wait_until_seen(window, red_pixels, "red") == 200 * 100

        with pytest.raises(AssertionError) as raised:
            gui_screen.wait_until_seen(window, lambda shot: False, "a blue sky", timeout=0.2)
        message = str(raised.value)
        assert "after 0.2 s the screen still did not show a blue sky" in message
        # The last screenshot is kept, to see what was there instead.
        saved = Path(message.rsplit("the last screenshot: ", 1)[1].rstrip(")"))
        try:
            with Image.open(saved) as shot:
                assert shot.size == gui_screen.geometry(window)[2:]
                assert red_pixels(shot.convert("RGB")) == 200 * 100
        finally:
            saved.unlink()
    finally:
        program.kill()
        program.communicate(timeout=10)


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl+C is not a signal on Windows")
def test_ctrl_c_stops_a_students_program_even_when_pytest_itself_ignores_it(tmp_path):
    # pytest started in the background by a shell script ignores Ctrl+C
    # (SIGINT), and a program inherits that; the student's program is one
    # started from a terminal all the same, where Ctrl+C stops it.
    result = run_pytest(tmp_path, """
        import signal

        def test_ctrl_c(student):
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # as in the background
            program = student('''
        import time
        print("RUNNING", flush=True)
        while True:
            time.sleep(0.01)
        ''')
            program.expect("RUNNING")
            program.process.send_signal(signal.SIGINT)
            assert program.wait(timeout=10) != 0
            assert "KeyboardInterrupt" in program.errors()
    """, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    assert result.returncode == 0, result.stdout + result.stderr
