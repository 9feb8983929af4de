"""The pytest fixtures PyGraphics installs, used as plugin authors and graders use them."""

import subprocess
import sys
import textwrap


def run_pytest(tmp_path, test_code, opt_in=True):
    (tmp_path / "test_story.py").write_text(textwrap.dedent(test_code), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         *(["-p", "pygraphics_gui.pytest_fixtures"] if opt_in else []), str(tmp_path)],
        capture_output=True, text=True, timeout=60, cwd=tmp_path)


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
