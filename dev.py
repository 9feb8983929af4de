"""Set up PyGraphics on a new machine and run it: ``python dev.py demo|test``.

Both commands make (once) a virtual environment in ``.venv`` beside this
file, install the core distribution and every plugin under ``plugins/`` into
it in editable mode, and then run:

``demo``
    the main job: a tour of PyGraphics on the bundled sample media.
``test``
    the whole test suite (extra arguments go to pytest).

Only the standard library is used here, so the same command works on
Windows, macOS and Linux.
"""

import os
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


def install(extras):
    """Create the virtual environment if needed and install everything into it."""
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
