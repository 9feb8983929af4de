"""Notebook mode: a student in a notebook with no screen (JupyterHub, Colab) shows,
updates and closes pictures in the cell's output, through a real Jupyter kernel."""

import gc
import io
import json
import subprocess
import sys
import textwrap
import weakref

import pytest
from PIL import Image

from pygraphics_core import amp, client, notebook, notebook_views, plugins
from pygraphics_core.notebook_testing import (  # noqa: F401  (the fixture)
    NotebookKernel, display_id_of, notebook_kernel, pngs_in)
from pygraphics_core.plugins import PluginClashError, PluginRegistry

pytest.importorskip("ipykernel")


def picture_in(content):
    [png] = pngs_in(content)
    return Image.open(io.BytesIO(png)).convert("RGB")


# -- pictures in the cell's output ----------------------------------------------------

def test_a_student_shows_a_picture_and_it_is_in_the_cells_output(notebook_kernel):
    run = notebook_kernel.run(textwrap.dedent("""
        import media
        pic = media.create_picture(120, 80, media.orange)
        media.show(pic)
        print(media.is_shown(pic))
    """)).check()
    [shown] = run.displays
    assert display_id_of(shown).startswith("pygraphics-")
    picture = picture_in(shown)
    assert picture.size == (120, 80)
    assert picture.getpixel((5, 5)) == (255, 165, 0)
    assert "untitled — 120 × 80 pixels" in shown["data"]["text/html"]
    assert run.stdout == "True\n"


def test_update_redraws_the_same_output_with_the_new_pixels(notebook_kernel):
    first = notebook_kernel.run(textwrap.dedent("""
        pic = media.create_picture(60, 40, media.white)
        media.show(pic)
    """)).check()
    [shown] = first.displays
    run = notebook_kernel.run(textwrap.dedent("""
        for x in range(60):
            media.set_color(media.get_pixel(pic, x, 20), media.red)
        media.update(pic)
    """)).check()
    assert run.displays == []  # no new output: the one above is redrawn
    [update] = run.updates
    assert display_id_of(update) == display_id_of(shown)
    assert picture_in(update).getpixel((59, 20)) == (255, 0, 0)
    assert picture_in(shown).getpixel((59, 20)) == (255, 255, 255)


def test_a_100_frame_animation_plays_in_place_and_ends_on_its_last_frame(notebook_kernel):
    run = notebook_kernel.run(textwrap.dedent("""
        import time
        pic = media.create_picture(100, 30, media.white)
        media.show(pic)
        for x in range(100):
            for y in range(30):
                media.set_color(media.get_pixel(pic, x, y), media.blue)
            media.update(pic)
            time.sleep(0.01)
    """), timeout=60).check()
    [shown] = run.displays
    updates = run.updates
    assert {display_id_of(update) for update in updates} == {display_id_of(shown)}
    # It plays: frames reach the notebook as the loop runs, not only at the end...
    assert len(updates) >= 5
    # ... in order, and the last one is the picture as the program left it.
    blue_columns = [sum(1 for x in range(100) if picture_in(update).getpixel((x, 15))
                        == (0, 0, 255)) for update in updates]
    assert blue_columns == sorted(blue_columns)
    assert blue_columns[-1] == 100


def test_frames_faster_than_the_notebook_takes_are_skipped_but_never_the_last(notebook_kernel):
    run = notebook_kernel.run(textwrap.dedent("""
        pic = media.create_picture(200, 200, media.white)
        media.show(pic)
        for x in range(200):
            media.set_color(media.get_pixel(pic, x, 0), media.green)
            media.update(pic)
    """)).check()
    updates = run.updates
    assert 1 <= len(updates) < 200
    assert picture_in(updates[-1]).getpixel((199, 0)) == (0, 255, 0)


def test_close_leaves_a_faded_copy_and_is_shown_says_false(notebook_kernel):
    run = notebook_kernel.run(textwrap.dedent("""
        pic = media.create_picture(300, 200, media.red)
        media.show(pic)
        media.close(pic)
        print(media.is_shown(pic))
    """)).check()
    [shown] = run.displays
    [closed] = run.updates
    assert display_id_of(closed) == display_id_of(shown)
    assert "Closed (media.close)" in closed["data"]["text/html"]
    faded = picture_in(closed)
    assert max(faded.size) == notebook_views.CLOSED_SIDE
    red, green, blue = faded.getpixel((10, 10))
    assert red == green == blue  # greyed
    assert run.stdout == "False\n"


def test_showing_again_in_a_later_cell_puts_it_there_too(notebook_kernel):
    notebook_kernel.run("pic = media.create_picture(30, 30)\nmedia.show(pic)").check()
    run = notebook_kernel.run("media.show(pic)").check()
    [again] = run.displays
    assert display_id_of(again).startswith("pygraphics-")


def test_a_large_picture_is_scaled_to_fit_and_its_real_size_is_stated(notebook_kernel):
    run = notebook_kernel.run(textwrap.dedent("""
        big = media.create_picture(2400, 1600, media.teal)
        media.show(big)
    """)).check()
    [shown] = run.displays
    assert picture_in(shown).size == (notebook_views.MAX_SHOWN_WIDTH, 640)
    html = shown["data"]["text/html"]
    assert "2400 × 1600 pixels, scaled down to fit" in html
    assert "max-width:100%" in html


# -- when notebook mode applies ------------------------------------------------------

def test_in_a_kernel_with_no_screen_it_applies_by_itself(notebook_kernel):
    run = notebook_kernel.run(
        "from pygraphics_core import notebook, client\n"
        "print(notebook.applies(), type(client.connection()).__name__)").check()
    assert run.stdout == "True NotebookConnection\n"


def test_use_windows_goes_back_to_windows_and_use_notebook_comes_back(notebook_kernel):
    run = notebook_kernel.run(textwrap.dedent("""
        media.use_windows()
        try:
            media.show(media.create_picture(10, 10))
        except Exception as error:
            print(type(error).__name__)
        media.use_notebook()
        media.show(media.create_picture(10, 10))
    """), timeout=90).check()
    # No screen: the window cannot open, and says so...
    assert run.stdout == "GUIUnavailableError\n"
    # ...and after use_notebook() the picture is in the notebook again.
    assert len(run.displays) == 1


def test_pygraphics_notebook_0_means_windows_even_with_no_screen():
    kernel = NotebookKernel(environment={notebook.ENABLE_VARIABLE: "0"})
    try:
        run = kernel.run("from pygraphics_core import notebook\nprint(notebook.applies())")
        assert run.check().stdout == "False\n"
    finally:
        kernel.shutdown()


def test_a_destroyed_tk_root_is_gone_before_the_kernels_threads_start(gui_display):
    # A Tk root deleted by another thread's garbage collection ends the
    # process (Tcl_AsyncDelete: "async handler deleted by the wrong thread"):
    # it ended a whole test run once, when the kernel client's heartbeat
    # thread collected a root that an earlier test had destroyed.
    import tkinter

    root = tkinter.Tk()
    root.withdraw()
    root.itself = root  # a reference cycle, as Tk's widgets make
    gc.collect()  # it has lived long: only a full collection frees it
    root.destroy()
    gone = weakref.ref(root)
    del root
    assert gone() is not None  # only a garbage collection frees it
    kernel = NotebookKernel()
    try:
        assert gone() is None
    finally:
        kernel.shutdown()


def test_with_a_screen_windows_stay_unless_the_notebook_is_chosen(gui_display):
    kernel = NotebookKernel(screen=True)
    try:
        run = kernel.run(textwrap.dedent("""
            from pygraphics_core import notebook
            import media
            print(notebook.applies())
            media.use_notebook()
            media.show(media.create_picture(10, 10))
        """)).check()
        assert run.stdout == "False\n"
        assert len(run.displays) == 1
    finally:
        kernel.shutdown()


def test_plain_scripts_are_unchanged_whatever_is_set(tmp_path):
    script = ("import os\nfrom pygraphics_core import notebook\nimport media\n"
              "print(notebook.applies())\n"
              "try:\n    media.use_notebook()\nexcept RuntimeError as error:\n"
              "    print(error)\n")
    environment = {"PYGRAPHICS_NOTEBOOK": "1", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=environment, timeout=60, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()
    assert first == "False"
    assert second.startswith("media.use_notebook() works only in a Jupyter notebook")


# -- course plugins: their notebook responders, or a clear message ------------------------------

COURSE_PLUGIN = """
    from pygraphics_core import amp, callRemote, hookimpl

    class ShowSideBySide(amp.Command):
        arguments = [("left", amp.Unicode()), ("right", amp.Unicode())]
        response = []

    class AskPet(amp.Command):
        arguments = [("prompt", amp.Unicode())]
        response = [("pet", amp.Unicode(optional=True))]

    class Beep(amp.Command):
        arguments = []
        response = []

    def ask_pet(prompt):
        "Ask which pet the student has."
        return callRemote(AskPet, prompt=prompt)["pet"]

    def side_by_side(left, right):
        "Show two words side by side."
        callRemote(ShowSideBySide, left=left, right=right)

    def beep():
        "Beep."
        callRemote(Beep)

    def answer_ask_pet(session, prompt):
        return {"pet": session.ask(prompt + " ", lambda typed: typed.strip() or None)}

    def answer_side_by_side(session, left, right):
        session.display(session.html(f"<b>{left}</b> | <b>{right}</b>", plain=left + "|" + right))

    @hookimpl
    def pygraphics_commands():
        return [ShowSideBySide, AskPet, Beep]

    @hookimpl
    def pygraphics_media_functions():
        return {"ask_pet": ask_pet, "side_by_side": side_by_side, "beep": beep}

    @hookimpl
    def pygraphics_notebook_responders():
        return {ShowSideBySide: answer_side_by_side, AskPet: answer_ask_pet}
"""

NO_NOTEBOOK_RESPONDERS = """
    from pygraphics_core import amp, callRemote, hookimpl

    class ColourMixer(amp.Command):
        arguments = [("message", amp.Unicode())]
        response = [("confirmed", amp.Boolean())]

    def colour_mixer(message):
        "Mix."
        return callRemote(ColourMixer, message=message)["confirmed"]

    @hookimpl
    def pygraphics_commands():
        return [ColourMixer]

    @hookimpl
    def pygraphics_media_functions():
        return {"colour_mixer": colour_mixer}
"""


def test_a_course_plugin_renders_and_asks_in_the_notebook_through_its_hook(fake_plugins):
    fake_plugins.add("pygraphics-pets", COURSE_PLUGIN)
    fake_plugins.add("pygraphics-colour-mixer", NO_NOTEBOOK_RESPONDERS)
    kernel = NotebookKernel(environment={"PYTHONPATH": str(fake_plugins.folder)})
    try:
        run = kernel.run(textwrap.dedent("""
            import media
            media.side_by_side("cat", "dog")
            print(media.ask_pet("Which pet?"))
            media.beep()
            media.beep()
        """), answers=["hamster"]).check()
        side_by_side, beep_note = run.displays  # the note comes once, not per call
        assert side_by_side["data"]["text/html"] == "<b>cat</b> | <b>dog</b>"
        assert run.prompts == ["Which pet? "]
        assert run.stdout == "hamster\n"
        note = beep_note["data"]["text/plain"]
        assert "'Beep'" in note and "'pygraphics-pets'" in note
        assert "pygraphics_notebook_responders" in note

        failed = kernel.run("media.colour_mixer('Mix?')")
        assert failed.error["ename"] == "NoNotebookResponderError"
        assert "'ColourMixer'" in failed.error["evalue"]
        assert "'pygraphics-colour-mixer'" in failed.error["evalue"]
    finally:
        kernel.shutdown()


SECOND_PETS = """
    from pygraphics_core import amp, hookimpl

    class AskPet(amp.Command):
        arguments = [("prompt", amp.Unicode())]
        response = [("pet", amp.Unicode(optional=True))]

    @hookimpl
    def pygraphics_notebook_responders():
        return {AskPet: lambda session, prompt: {"pet": "dragon"}}
"""


def test_two_plugins_answering_one_command_in_a_notebook_both_lose_it(fake_plugins,
                                                                      monkeypatch):
    fake_plugins.add("pygraphics-pets", COURSE_PLUGIN)
    fake_plugins.add("pygraphics-dragons", SECOND_PETS)
    with pytest.warns(plugins.PluginWarning):
        registry = PluginRegistry(search_path=[str(fake_plugins.folder)])
        monkeypatch.setattr(plugins, "_registry", registry)
        connection = notebook.NotebookConnection(notebook.NotebookSession())
        command = registry.commands()["AskPet"]
        with pytest.raises(PluginClashError, match="'pygraphics-dragons'.*'pygraphics-pets'"):
            connection.callRemote(command, prompt="Which pet?")


def test_the_responder_lookup_is_shared_with_headless_mode():
    from pygraphics_core import headless, in_process

    assert issubclass(headless.HeadlessConnection, in_process.InProcessConnection)
    assert issubclass(notebook.NotebookConnection, in_process.InProcessConnection)
    assert notebook.NotebookConnection.hook_name == "pygraphics_notebook_responders"


def test_a_dialog_in_a_notebook_run_by_nbconvert_says_it_cannot_ask(notebook_kernel):
    run = notebook_kernel.run("media.ask_number('How many?')", allow_input=False)
    assert run.error["ename"] == "NotebookCannotAskError"
    assert "'How many?" in run.error["evalue"]
    assert "PYGRAPHICS_HEADLESS=1" in run.error["evalue"]


# -- the rendering, without a kernel ------------------------------------------------------------

def test_a_small_picture_is_shown_at_its_own_size_with_its_title():
    image = Image.new("RGB", (40, 30), (1, 2, 3))
    bundle = notebook_views.picture_bundle(image, "cat.png")
    [png] = pngs_in(bundle)
    assert Image.open(io.BytesIO(png)).size == (40, 30)
    assert "cat.png — 40 × 30 pixels" in bundle["text/html"]
    assert bundle["text/plain"] == "<Picture cat.png — 40 × 30 pixels>"


def test_a_tall_picture_is_scaled_to_the_height_allowed():
    image = Image.new("RGB", (300, 3000))
    [png] = pngs_in(notebook_views.picture_bundle(image, "tall"))
    assert Image.open(io.BytesIO(png)).size == (96, notebook_views.MAX_SHOWN_HEIGHT)


def test_text_and_messages_are_escaped():
    bundle = notebook_views.message_bundle("<b>5 > 3</b>", "warning")
    assert "&lt;b&gt;5 &gt; 3&lt;/b&gt;" in bundle["text/html"]
    assert bundle["text/plain"] == "Warning: <b>5 > 3</b>"
    assert json.dumps(notebook_views.text_bundle("a\nb"))
