"""Make the pictures of docs/guide/notebooks.rst: notebook mode as a student sees it.

Each example runs as a cell of a real Jupyter kernel with no screen (as on
JupyterHub or Colab), with its questions answered as a student would type
them. The cell and its outputs go into a notebook (display updates applied,
as a notebook keeps them; the questions and answers as JupyterLab leaves
them in the output), which nbconvert turns into HTML and headless Chromium
photographs. Needs the test extras, nbconvert, and Chromium
(``apt install chromium``)::

    python tools/make_notebook_screenshots.py [docs/_static]
"""

import shutil
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parent.parent

EXAMPLES = {
    "notebook-show": (
        "import media\n"
        "pic = media.load_picture('beach.png')\n"
        "media.show(pic)\n"
        "for x in range(media.get_width(pic)):\n"
        "    for y in range(media.get_height(pic) // 2):\n"
        "        pixel = media.get_pixel(pic, x, y)\n"
        "        media.set_red(pixel, 255 - media.get_red(pixel))\n"
        "    media.update(pic)",
        []),
    "notebook-dialogs": (
        "media.say('Time to draw some stars!')\n"
        "stars = media.ask_number('How many stars?', 1, 10)\n"
        "colour = media.choose_color()\n"
        "print(stars, colour)",
        ["12", "5", "gold"]),
    "notebook-inspect": (
        "import sys; sys.modules['ipywidgets'] = None   # as where ipywidgets is not installed\n"
        "media.inspect(pic)",
        []),
    "notebook-sound": (
        "song = media.create_note('A', 44100) * 180    # 3 minutes\n"
        "media.play(song)",
        []),
}


def notebook_of(code, run):
    """The notebook (nbformat) a front end would save for this cell run."""
    import nbformat

    outputs = []
    by_display_id = {}
    for message in run.messages:
        kind, content = message["msg_type"], message["content"]
        if kind == "input_request":  # JupyterLab leaves the question and the answer
            outputs.append(nbformat.v4.new_output(
                "stream", name="stdout", text=f"{content['prompt']}{message['answer']}\n"))
        elif kind == "stream":
            outputs.append(nbformat.v4.new_output("stream", name=content["name"],
                                                  text=content["text"]))
        elif kind == "display_data":
            output = nbformat.v4.new_output("display_data", data=content["data"],
                                            metadata=content.get("metadata", {}))
            outputs.append(output)
            display_id = content.get("transient", {}).get("display_id")
            by_display_id.setdefault(display_id, []).append(output)
        elif kind == "update_display_data":
            for output in by_display_id.get(content["transient"]["display_id"], []):
                output["data"] = content["data"]
    cell = nbformat.v4.new_code_cell(code, execution_count=1, outputs=outputs)
    return nbformat.v4.new_notebook(cells=[cell])


def photograph(html_path, png_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("Chromium is needed: apt install chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={profile}", "--hide-scrollbars",
                        "--window-size=900,1400", f"--screenshot={png_path}",
                        html_path.as_uri()],
                       check=True, capture_output=True, timeout=120)
    picture = Image.open(png_path).convert("RGB")
    background = Image.new("RGB", picture.size, picture.getpixel((picture.width - 1,
                                                                  picture.height - 1)))
    box = ImageChops.difference(picture, background).getbbox()
    if box:
        left, top, right, bottom = box
        picture = picture.crop((max(0, left - 8), max(0, top - 8),
                                min(picture.width, right + 8), min(picture.height, bottom + 8)))
    picture = picture.convert("P", palette=Image.Palette.ADAPTIVE, colors=128)
    picture.save(png_path, optimize=True)


def main(argv):
    from nbconvert import HTMLExporter

    from pygraphics_core.notebook_testing import NotebookKernel

    target = Path(argv[0]) if argv else ROOT / "docs" / "_static"
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(resources.files("pygraphics_core") / "samples" / "beach.png", folder)
        kernel = NotebookKernel(folder=folder)
        try:
            for name, (code, answers) in EXAMPLES.items():
                run = kernel.run(code, answers=list(answers), timeout=120).check()
                body, _resources = HTMLExporter().from_notebook_node(notebook_of(code, run))
                html_path = Path(folder) / f"{name}.html"
                html_path.write_text(body, encoding="utf-8")
                photograph(html_path, target / f"{name}.png")
                print(f"{target / name}.png")
        finally:
            kernel.shutdown()


if __name__ == "__main__":
    main(sys.argv[1:])
