"""The documentation builds without a single warning, and leaves nothing out.

Sphinx runs as a reader would run it (``sphinx-build``, in its own process),
with every warning an error. The other tests check that what is public is
documented: each function of ``media`` (its own and the plugins'), each hook,
and each plugin's own page.
"""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def documented_names(page: str) -> set[str]:
    """Return the names that ``auto...::`` directives of a docs page document."""
    text = (DOCS / page).read_text(encoding="utf-8")
    return set(re.findall(r"^\.\. auto(?:function|class|exception|data)::\s+(\S+)", text,
                          flags=re.MULTILINE))


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """Build the HTML documentation once; return (exit status, output, folder)."""
    output_folder = tmp_path_factory.mktemp("html")
    finished = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html", "-q",
         "-d", str(output_folder / ".doctrees"), str(DOCS), str(output_folder)],
        capture_output=True, text=True, timeout=110)
    return finished.returncode, finished.stdout + finished.stderr, output_folder


def test_the_docs_build_with_no_warnings(build):
    status, output, _ = build
    assert status == 0 and "WARNING" not in output and "ERROR" not in output, output


def test_every_page_is_built_with_its_pictures(build):
    _, _, html = build
    pages = [path.relative_to(DOCS).with_suffix(".html")
             for path in DOCS.rglob("*.rst") if "_build" not in path.parts]
    pictures_shown = 0
    for page in pages:
        built = html / page
        assert built.is_file(), f"{page} was not built"
        for source in re.findall(r'<img [^>]*src="([^"]+)"', built.read_text(encoding="utf-8")):
            assert (built.parent / source).is_file(), f"{page} shows a missing picture {source}"
            pictures_shown += 1
    # The tutorial's and the plugins' screenshots at least.
    assert pictures_shown >= len(list((DOCS / "_static").glob("*.png")))


def standard_plugins() -> set[str]:
    """The distributions of the plugins PyGraphics itself has (folders under plugins/)."""
    return {path.name for path in (ROOT / "plugins").iterdir() if (path / "setup.cfg").exists()}


def test_every_media_function_is_in_the_media_reference():
    import media
    from pygraphics_core.plugins import STANDARD_FUNCTIONS, registry

    # media's own, and the standard plugins': not a course's plugin that
    # happens to be installed here (its functions are its own docs' business).
    plugins = registry()
    owners = {name: plugins.function_owner(name).distribution
              for name in plugins.media_functions()}
    public = {name for name, value in vars(media).items()
              if not name.startswith("_") and (inspect.isfunction(value) or inspect.isclass(value))}
    ours = {f"media.{name}" for name in public | set(owners)
            if owners.get(name, "pygraphics") == "pygraphics" or owners[name] in standard_plugins()}
    assert {f"media.{name}" for name in STANDARD_FUNCTIONS} <= ours
    missing = sorted(ours - documented_names("reference/media.rst"))
    assert not missing, f"add these to docs/reference/media.rst: {missing}"


def test_every_hook_is_in_the_hooks_reference():
    from pygraphics_core import hookspecs

    hooks = {f"pygraphics_core.hookspecs.{name}" for name in vars(hookspecs)
             if name.startswith("pygraphics_")}
    missing = sorted(hooks - documented_names("reference/hooks.rst"))
    assert not missing, f"add these to docs/reference/hooks.rst: {missing}"


def test_every_plugin_page_is_included_in_the_docs():
    included = "\n".join(page.read_text(encoding="utf-8")
                         for page in (DOCS / "plugins").glob("*.rst"))
    for page in (ROOT / "plugins").glob("*/docs/*.rst"):
        relative = page.relative_to(ROOT).as_posix()
        assert f".. include:: ../../{relative}" in included, (
            f"{relative} is not in the docs: add docs/plugins/{page.stem}.rst that includes it "
            f"(and list it in the toctree of docs/index.rst)")


def test_every_link_between_pages_leads_somewhere(build):
    _, _, html = build
    broken = []
    for page in html.rglob("*.html"):
        if "_static" in page.parts or "_sources" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r'<a [^>]*href="([^"]+)"', text):
            if re.match(r"[a-z]+:", target):
                continue  # another site: not ours to check offline
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            if not linked.is_file():
                broken.append(f"{page.relative_to(html)} -> {target}")
            elif anchor and f'id="{anchor}"' not in linked.read_text(encoding="utf-8"):
                broken.append(f"{page.relative_to(html)} -> {target} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_a_broken_reference_fails_the_build(tmp_path):
    """Nitpicky: a reference to a name that is not documented is an error, not plain text."""
    source = tmp_path / "docs"
    (source / "_static").mkdir(parents=True)
    (source / "conf.py").write_text((DOCS / "conf.py").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    (source / "index.rst").write_text(
        "Broken\n======\n\n.. py:function:: pygraphics_core.documented()\n\n"
        "See :func:`pygraphics_core.documented`, :func:`pygraphics_core.renamed_long_ago`, "
        ":class:`int` and :class:`tkinter.Toplevel`.\n", encoding="utf-8")
    finished = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html", "-q",
         str(source), str(tmp_path / "html")], capture_output=True, text=True, timeout=110)
    output = finished.stdout + finished.stderr
    assert finished.returncode != 0, output
    # Only the broken one: Python's own names are not ours to document.
    assert output.count("WARNING") == 1, output
    assert "pygraphics_core.renamed_long_ago" in output, output
