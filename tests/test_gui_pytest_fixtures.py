"""The pytest fixtures PyGraphics installs, used as plugin authors and graders use them."""

import subprocess
import sys
import textwrap


def run_pytest(tmp_path, test_code):
    (tmp_path / "test_story.py").write_text(textwrap.dedent(test_code), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True, text=True, timeout=60, cwd=tmp_path)


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
