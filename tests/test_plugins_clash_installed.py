"""Two real plugin distributions, installed with pip, that both give one name.

Course A and course B each wrote a plugin with a ``media.greet`` and a
``Greet`` command, and each has a command of its own. Whatever order the
student's program calls them in, and whichever plugin was installed first,
the answer is the same: ``greet`` belongs to neither (and says so, naming
both), and each plugin's own command works through the real GUI process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PLUGIN_MODULE = '''
    from pygraphics_core import amp, callRemote, hookimpl


    class Greet(amp.Command):
        arguments = [("name", amp.Unicode())]
        response = [("answer", amp.Unicode())]


    class Greet{letter}(amp.Command):
        arguments = []
        response = [("answer", amp.Unicode())]


    def greet(name):
        """Greet name, the course {letter} way."""
        return callRemote(Greet, name=name)["answer"]


    def greet_{lower}():
        """Greet, the course {letter} way only."""
        return callRemote(Greet{letter})["answer"]


    @hookimpl
    def pygraphics_commands():
        return [Greet, Greet{letter}]


    @hookimpl
    def pygraphics_backends():
        from pygraphics_gui import ProtocolBackend, appender

        class Backend(ProtocolBackend):
            responders = []
            responder = appender(responders)

            @responder(Greet)
            def greet(self, name):
                return {{"answer": "course {letter} greets " + name}}

            @responder(Greet{letter})
            def greet_{lower}(self):
                return {{"answer": "course {letter} alone"}}

        return [Backend]


    @hookimpl
    def pygraphics_media_functions():
        return {{"greet": greet, "greet_{lower}": greet_{lower}}}
'''

SETUP_CFG = '''
    [metadata]
    name = pygraphics-course-{lower}
    version = 1.0

    [options]
    py_modules = pygraphics_course_{lower}
    install_requires =
        pygraphics>=3.0.0.dev0

    [options.entry_points]
    pygraphics =
        course_{lower} = pygraphics_course_{lower}
'''

PYPROJECT = '''
    [build-system]
    requires = ["setuptools>=64", "wheel"]
    build-backend = "setuptools.build_meta"
'''


def write_distribution(folder: Path, letter: str) -> Path:
    names = {"letter": letter, "lower": letter.lower()}
    source = folder / f"pygraphics-course-{letter.lower()}"
    source.mkdir()
    (source / f"pygraphics_course_{letter.lower()}.py").write_text(
        textwrap.dedent(PLUGIN_MODULE.format(**names)), encoding="utf-8")
    (source / "setup.cfg").write_text(textwrap.dedent(SETUP_CFG.format(**names)),
                                      encoding="utf-8")
    (source / "pyproject.toml").write_text(textwrap.dedent(PYPROJECT), encoding="utf-8")
    return source


def pip_install(source: Path, target: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-build-isolation", "--disable-pip-version-check",
                    "--target", str(target), str(source)],
                   check=True, timeout=300, capture_output=True)


@pytest.fixture(scope="module", params=["A first", "B first"])
def installed(request, tmp_path_factory):
    """Both distributions, pip-installed into one folder, in the order of the parameter."""
    folder = tmp_path_factory.mktemp("courses")
    site = folder / "site-packages"
    sources = {letter: write_distribution(folder, letter) for letter in "AB"}
    for letter in request.param.split()[0] + ("B" if request.param[0] == "A" else "A"):
        pip_install(sources[letter], site)
    return site


def with_site(site: Path) -> dict[str, str]:
    return {"PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}


STUDENT = '''
    import json
    import media

    results = []
    for call in {calls!r}:
        try:
            results.append([call, "answered", getattr(media, call)(*(["Ada"] if call == "greet" else []))])
        except Exception as error:
            results.append([call, type(error).__name__, str(error)])
    print("RESULTS", json.dumps(results), flush=True)
'''


@pytest.mark.parametrize("calls", [["greet_a", "greet", "greet_b"],
                                   ["greet", "greet_b", "greet_a"]])
def test_both_plugins_lose_the_shared_name_and_keep_their_own_in_any_order(
        installed, calls, student, gui_display):
    program = student(STUDENT.format(calls=calls), env=with_site(installed))
    results = {call: (outcome, text) for call, outcome, text in
               json.loads(program.expect("RESULTS", timeout=60))}
    assert program.wait() == 0, program.errors()
    assert results["greet_a"] == ("answered", "course A alone")
    assert results["greet_b"] == ("answered", "course B alone")
    outcome, text = results["greet"]
    assert outcome == "PluginClashError"
    assert text.startswith("media.greet cannot be used: The PyGraphics plugins "
                           "'pygraphics-course-a'")
    assert "'pygraphics-course-b'" in text and "Uninstall all but one" in text
    # Said once, at import media, where the student's terminal shows it.
    errors = program.errors()
    assert errors.count("all give the media function 'greet'") == 1, errors


def test_pygraphics_plugins_lists_the_clash_and_fails(installed):
    listing = subprocess.run([sys.executable, "-m", "pygraphics_tools.cli", "plugins"],
                             capture_output=True, text=True, timeout=60,
                             env={**os.environ, **with_site(installed)})
    assert listing.returncode == 1, listing.stdout
    problems = listing.stdout.split("Problems:")[1]
    for kind in ["media function 'greet'", "command 'Greet'"]:
        assert any("'pygraphics-course-a'" in line and "'pygraphics-course-b'" in line
                   and kind in line for line in problems.splitlines()), (kind, problems)
    assert "pygraphics-course-a 1.0" in listing.stdout
    assert "media functions: greet_a" in listing.stdout
