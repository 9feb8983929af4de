"""The pixel inspector in a notebook with no screen: with ipywidgets, a view to move
and zoom with the pixel readout; without, a static zoom with a grid and coordinates."""

import io
import textwrap
from fractions import Fraction

import pytest
from PIL import Image

from pygraphics_core.notebook_testing import NotebookKernel, display_id_of, pngs_in

from pygraphics_show.notebook_inspector import static_inspector_image, zoomed_view

pytest.importorskip("ipykernel")

PICTURE = textwrap.dedent("""
    import media
    pic = media.create_picture(40, 30, media.white)
    media.set_color(media.get_pixel(pic, 3, 4), media.Color(10, 20, 30))
""")


@pytest.fixture(scope="module")
def kernel():
    notebook = NotebookKernel()
    try:
        yield notebook
    finally:
        notebook.shutdown()


def widget_states(run):
    """{model name and description: (comm id, state)} of the widgets a cell made."""
    found = {}
    for content in run.of_type("comm_open"):
        state = content["data"]["state"]
        found[(state["_model_name"], state.get("description", ""))] = (content["comm_id"], state)
    return found


def test_the_inspector_without_ipywidgets_is_a_static_zoom_with_a_grid(kernel):
    run = kernel.run("import sys\nsys.modules['ipywidgets'] = None\n" + PICTURE
                     + "media.inspect(pic)").check()
    [shown] = run.displays
    caption = shown["data"]["text/html"]
    assert "Inspector: untitled — 40 × 30 pixels. Zoomed: x 12 to 27, y 9 to 20." in caption
    assert "x 20, y 15: red 255, green 255, blue 255" in caption
    assert "install ipywidgets" in caption
    [png] = pngs_in(shown)
    assert Image.open(io.BytesIO(png)).size == static_inspector_image(
        Image.new("RGB", (40, 30)))[0].size
    kernel.run("del sys.modules['ipywidgets']").check()


def test_the_inspector_with_ipywidgets_reads_out_the_pixel_moved_to(kernel):
    run = kernel.run(PICTURE + "media.inspect(pic)").check()
    [shown] = run.displays
    assert "application/vnd.jupyter.widget-view+json" in shown["data"]
    widgets = widget_states(run)
    x_id, x_state = widgets[("IntSliderModel", "x")]
    y_id, y_state = widgets[("IntSliderModel", "y")]
    assert (x_state["max"], y_state["max"]) == (39, 29)
    # A person moves the sliders to the pixel (3, 4), as in the browser.
    kernel.move_widget(x_id, {"value": 3})
    moved = kernel.move_widget(y_id, {"value": 4})
    readouts = [content["data"]["state"]["value"] for content in moved.of_type("comm_msg")
                if "value" in content["data"]["state"]
                and "red" in str(content["data"]["state"]["value"])]
    assert "x 3, y 4: red 10, green 20, blue 30" in readouts[-1]


def test_update_redraws_the_inspector_and_close_inspect_leaves_a_faded_copy(kernel):
    run = kernel.run("import sys\nsys.modules['ipywidgets'] = None\n" + PICTURE + textwrap.dedent("""
        media.inspect(pic)
        media.set_color(media.get_pixel(pic, 20, 15), media.black)
        media.update(pic)
        media.close_inspect(pic)
    """)).check()
    kernel.run("del sys.modules['ipywidgets']").check()
    [shown] = run.displays
    *redrawn, closed = run.updates
    assert {display_id_of(update) for update in run.updates} == {display_id_of(shown)}
    assert "red 0, green 0, blue 0" in redrawn[-1]["data"]["text/html"]
    assert "Closed (media.close_inspect)" in closed["data"]["text/html"]


def test_the_zoomed_view_outlines_the_pixel_and_draws_a_grid():
    image = Image.new("RGB", (20, 10), (255, 255, 255))
    image.putpixel((5, 5), (255, 0, 0))
    view = zoomed_view(image, Fraction(8), 5, 5)
    assert view.size == (160, 80)
    assert view.getpixel((44, 44)) == (255, 0, 0)       # inside the pixel (5, 5)
    assert view.getpixel((39, 44)) == (0, 0, 0)         # its outline
    assert view.getpixel((8, 20)) == (128, 128, 128)    # the grid between pixels
    small = zoomed_view(image, Fraction(1, 2), 5, 5)
    assert small.size == (10, 5)


def test_a_big_picture_shows_and_updates_in_a_notebook(kernel):
    # 1.5 MB of pixels: they travel in bands, and at the update only the
    # bands that changed.
    first = kernel.run(textwrap.dedent("""
        import media
        big = media.create_picture(1000, 500, media.white)
        media.show(big)
    """)).check()
    [shown] = first.displays
    run = kernel.run(
        "media.add_rect_filled(big, 600, 300, 200, 150, media.red)\nmedia.update(big)").check()
    [update] = run.updates
    assert display_id_of(update) == display_id_of(shown)
    [png] = pngs_in(update)
    drawn = Image.open(io.BytesIO(png)).convert("RGB")
    scale = drawn.width / 1000
    assert drawn.getpixel((int(700 * scale), int(375 * scale))) == (255, 0, 0)
    assert drawn.getpixel((int(700 * scale), int(100 * scale))) == (255, 255, 255)
    assert drawn.getpixel((int(100 * scale), int(375 * scale))) == (255, 255, 255)
