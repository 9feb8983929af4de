"""Set up PyGraphics on a new machine and run it: ``python dev.py demo|test``.

Both commands make (once) a virtual environment in ``.venv`` beside this
file, install the core distribution and every plugin under ``plugins/`` into
it in editable mode, and then run:

``demo``
    the main job: a tour of PyGraphics on the bundled sample media.
``test``
    the whole test suite (extra arguments go to pytest).

The environment belongs to the Python that runs dev.py: to work with
another one (CI runs the suite on 3.10 and on the newest too), run dev.py
with that Python and name another folder in ``PYGRAPHICS_VENV``::

    PYGRAPHICS_VENV=.venv-3.13 python3.13 dev.py test

Only the standard library is used here, so the same command works on
Windows, macOS and Linux.
"""

import os
import platform
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("PYGRAPHICS_VENV", ROOT / ".venv"))

# The main job: a tour of PyGraphics for a new user.
DEMO = ["-m", "pygraphics_tools.tour"]


def venv_python():
    """Return the path of the virtual environment's Python."""
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def venv_version():
    """Return the Python version that made the virtual environment (from pyvenv.cfg)."""
    config = VENV / "pyvenv.cfg"
    if not config.exists():
        return None
    for line in config.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        if key.strip() in ("version", "version_info"):
            return value.strip()
    return None


def check_venv_python():
    """Stop, saying why, if the environment was made by another Python than this one."""
    made_by = venv_version()
    this = "%d.%d" % sys.version_info[:2]
    if made_by is not None and made_by.split(".")[:2] != this.split("."):
        sys.exit(f"dev.py: {VENV} was made by Python {made_by}, but this is Python "
                 f"{platform.python_version()}. Run dev.py with Python {made_by}, or set "
                 f"PYGRAPHICS_VENV to another folder for this one (PYGRAPHICS_VENV=.venv-{this}), "
                 f"or delete {VENV}.")


def install(extras):
    """Create the virtual environment if needed and install everything into it."""
    check_venv_python()
    python = venv_python()
    if not python.exists():
        print(f"dev.py: creating a virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    requirements = ["-e", f"{ROOT}[{','.join(extras)}]" if extras else str(ROOT)]
    for plugin in sorted((ROOT / "plugins").glob("*/setup.cfg")):
        requirements += ["-e", str(plugin.parent)]
    print("dev.py: installing PyGraphics and its plugins", flush=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         *requirements],
        check=True,
    )
    return python


def main(argv):
    if len(argv) < 1 or argv[0] not in ("demo", "test"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "demo":
        python = install(extras=[])
        return subprocess.call([str(python), *DEMO, *rest], cwd=ROOT)
    python = install(extras=["test", "docs"])
    return subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
