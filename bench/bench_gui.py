"""How fast PyGraphics's GUI process feels: ``python bench/bench_gui.py``.

Three figures, each beside a baseline measured in the same run:

1. ``import media`` in a fresh Python, against ``import PIL.Image``
   (target: at most 3 times as long);
2. the first ``media.say()`` of a fresh program (which has imported
   ``media``) until its window is mapped on the screen, against a bare
   child process that starts Tk and maps one window (target: at most 2.5
   times);
3. the round trip of a trivial command (Ping) through the Tk-driven GUI
   server, against the same command through the AMP layer served by a
   plain selectors loop in a child process (target: at most 1.3 times).

Windows are seen being mapped by ``xev`` watching the X server (Linux and
other X11 systems; x11-utils). Without $DISPLAY an Xvfb is started.

All three run in a fresh virtual environment made for the run, where
PyGraphics and every standard plugin (what ``pip install "pygraphics[all]"``
gives) are installed from wheels built for the run, as a student installs
them (not editable: an editable install's import hooks cost every Python
process ~12 ms at start-up, baseline included, which no student pays);
Pillow and pluggy are copied from this environment. ``--keep`` keeps that
environment and prints where it is.

Figure 2 pays, beyond the baseline's Python + Tk start, for what both
processes do with the plugins: the student's process has loaded them at
``import media`` (figure 1), and the GUI process loads them all (pluggy,
importlib.metadata, every plugin module and its commands) while the
student's process connects, then makes every backend (importing their
windows) when the Hello arrives, before it builds the say window.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

IMPORT_RUNS = 21
MAP_RUNS = 9
ROUND_TRIPS = 2000
MAP_TIMEOUT = 20.0


class StudentInstall:
    """A fresh virtual environment with PyGraphics and its standard plugins, from wheels."""

    def __init__(self, keep: bool = False):
        import tempfile

        self.keep = keep
        self.folder = Path(tempfile.mkdtemp(prefix="pygraphics-bench-"))
        base = getattr(sys, "_base_executable", sys.executable)
        subprocess.run([base, "-m", "venv", "--without-pip", str(self.folder)], check=True)
        scripts = "Scripts" if os.name == "nt" else "bin"
        self.python = str(self.folder / scripts / ("python.exe" if os.name == "nt" else "python"))
        site_packages = Path(subprocess.run(
            [self.python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True, capture_output=True, text=True).stdout.strip())
        # Wheels built and installed as pip installs them for a student
        # (bytecode compiled); no dependencies fetched: Pillow and pluggy
        # are copied from here.
        sources = [ROOT, *sorted(path.parent for path in (ROOT / "plugins").glob("*/setup.cfg"))]
        new_build_folders = [source / "build" for source in sources
                             if not (source / "build").exists()]
        wheels = self.folder / "wheels"
        pip = [sys.executable, "-m", "pip", "--quiet", "--disable-pip-version-check"]
        try:
            subprocess.run([*pip, "wheel", "--no-deps", "--wheel-dir", str(wheels),
                            *map(str, sources)], check=True)
        finally:
            for folder in new_build_folders:  # setuptools builds inside the source
                shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([*pip, "install", "--no-deps", "--no-index", "--target",
                        str(site_packages), *map(str, sorted(wheels.glob("*.whl")))],
                       check=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""})
        import PIL
        import pluggy

        for package, distribution in [(PIL, "pillow"), (pluggy, "pluggy")]:
            folder = Path(package.__file__).parent
            for item in folder.parent.iterdir():
                if item == folder or item.name.lower().startswith(
                        (f"{distribution}.libs", f"{distribution}-")):
                    shutil.copytree(item, site_packages / item.name)

    def close(self) -> None:
        if self.keep:
            print(f"(the environment is kept in {self.folder})")
        else:
            shutil.rmtree(self.folder, ignore_errors=True)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def time_python(python: str, statement: str) -> float:
    started = time.perf_counter()
    subprocess.run([python, "-c", statement], check=True, cwd=Path(python).parent)
    return time.perf_counter() - started


def bench_import(python: str) -> tuple[float, float]:
    ours, baseline = [], []
    for _ in range(IMPORT_RUNS):  # interleaved, so that drift hits both alike
        ours.append(time_python(python, "import media"))
        baseline.append(time_python(python, "import PIL.Image"))
    return median_ms(ours), median_ms(baseline)


class MapWatcher:
    """Reports each top-level window the X server maps (through ``xev -root``)."""

    def __init__(self):
        self.process = subprocess.Popen(
            ["xev", "-root", "-event", "substructure"], stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, bufsize=0)
        self._buffer = b""
        # xev prints a line for the root window when it starts watching.
        self._read_until(b"\n", MAP_TIMEOUT)
        self.drain()

    def _read_until(self, marker: bytes, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while marker not in self._buffer:
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([self.process.stdout], [], [], max(0.0, remaining))
            if not ready:
                return False
            chunk = os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                return False
            self._buffer += chunk
        return True

    def drain(self) -> None:
        while select.select([self.process.stdout], [], [], 0.05)[0]:
            if not os.read(self.process.stdout.fileno(), 65536):
                break
        self._buffer = b""

    def wait_for_map(self) -> float:
        """Wait for the next MapNotify; return the moment (time.monotonic()) it was seen."""
        return self._wait_for(b"MapNotify")

    def wait_for_unmap(self) -> float:
        """Wait for the next UnmapNotify or DestroyNotify (a window went away)."""
        return self._wait_for(b"UnmapNotify", b"DestroyNotify")

    def _wait_for(self, *events: bytes) -> float:
        deadline = time.monotonic() + MAP_TIMEOUT
        while not any(event in self._buffer for event in events):
            if not self._read_until(b"\n", deadline - time.monotonic()) or \
                    time.monotonic() > deadline:
                raise TimeoutError(f"no {events[0].decode()} within {MAP_TIMEOUT} s")
            if not any(event in self._buffer for event in events):
                self._buffer = self._buffer[self._buffer.rfind(b"\n") + 1:]
        seen = time.monotonic()
        cut = min(self._buffer.find(event) for event in events if event in self._buffer)
        self._buffer = self._buffer[cut + 1:]
        return seen

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


BARE_TK = "import tkinter; root = tkinter.Tk(); root.mainloop()"

# A fresh student program: it has imported media, and then calls say. The
# moment of the call is reported on the system-wide monotonic clock, which
# this process reads too.
FIRST_SAY = textwrap.dedent("""
    import time
    import media
    from pygraphics_core import client
    print(time.monotonic(), flush=True)
    media.say("Hello, world!")
    print(client.connection().process.pid, flush=True)
    input()
""")


def bench_first_say(watcher: MapWatcher, python: str) -> tuple[float, float]:
    ours, baseline = [], []
    for _ in range(MAP_RUNS):
        watcher.drain()
        # Run from the environment's folder: from this one, "python -c"
        # would import media from the source tree, not the installed copy.
        program = subprocess.Popen([python, "-c", FIRST_SAY], cwd=Path(python).parent,
                                   stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, text=True)
        gui_pid = None
        try:
            called = float(program.stdout.readline())
            mapped = watcher.wait_for_map()
            ours.append(mapped - called)
            gui_pid = int(program.stdout.readline())
        finally:
            program.kill()
            program.wait()
            program.stdin.close()
            program.stdout.close()
            if gui_pid is not None:
                os.kill(gui_pid, signal.SIGKILL)  # and with it, its window
        watcher.wait_for_unmap()

        watcher.drain()
        started = time.monotonic()
        bare = subprocess.Popen([python, "-c", BARE_TK], cwd=Path(python).parent)
        baseline.append(watcher.wait_for_map() - started)
        bare.kill()
        bare.wait()
        watcher.wait_for_unmap()
    return median_ms(ours), median_ms(baseline)


SELECTORS_SERVER = textwrap.dedent("""
    import selectors, socket, sys
    from pygraphics_core import amp
    from pygraphics_core.core_commands import Ping

    listener = socket.create_server(("127.0.0.1", 0))
    print(listener.getsockname()[1], flush=True)
    connection, _ = listener.accept()
    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    dispatcher = amp.Dispatcher()
    dispatcher.register(Ping, lambda: {})
    selector = selectors.DefaultSelector()
    selector.register(connection, selectors.EVENT_READ)
    while True:
        selector.select()
        data = connection.recv(65536)
        if not data:
            break
        connection.sendall(dispatcher.data_received(data))
""")


def time_pings(call) -> float:
    for _ in range(100):  # warm up
        call()
    samples = []
    for _ in range(ROUND_TRIPS):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return median_ms(samples)


def bench_round_trip() -> tuple[float, float]:
    from pygraphics_core import amp, callRemote, client, gui_process
    from pygraphics_core.core_commands import Ping

    client.use_connection(None)
    ours = time_pings(lambda: callRemote(Ping))
    connection = client.use_connection(None)
    gui_process.stop_process(connection.process)

    server = subprocess.Popen([sys.executable, "-c", SELECTORS_SERVER], stdout=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        port = int(server.stdout.readline())
        with amp.Proxy("127.0.0.1", port, timeout=10) as proxy:
            baseline = time_pings(lambda: proxy.callRemote(Ping))
    finally:
        server.kill()
        server.wait()
    return ours, baseline


def main() -> int:
    print("(making a virtual environment with PyGraphics and its standard plugins, "
          "installed from wheels...)")
    install = StudentInstall(keep="--keep" in sys.argv[1:])
    xvfb = None
    if not os.environ.get("DISPLAY") and sys.platform not in ("win32", "darwin"):
        from pygraphics_core.virtual_display import start_xvfb

        xvfb, os.environ["DISPLAY"] = start_xvfb()
    try:
        rows = [("import media  vs  import PIL.Image", *bench_import(install.python), 3.0)]
        if shutil.which("xev") is None:
            print("(skipping the first-say figure: it watches the X server with xev, from "
                  "x11-utils, which is not installed here)")
        else:
            watcher = MapWatcher()
            try:
                rows.append(("first media.say() until mapped  vs  bare Tk child mapping a "
                             "window", *bench_first_say(watcher, install.python), 2.5))
            finally:
                watcher.close()
        rows.append(("Ping round trip through the Tk server  vs  selectors loop",
                     *bench_round_trip(), 1.3))
    finally:
        install.close()
        if xvfb is not None:
            from pygraphics_core.virtual_display import stop_xvfb

            stop_xvfb(xvfb)
    print(f"{'measurement':<72} {'ours':>9} {'baseline':>9} {'ratio':>6} {'target':>7}")
    for name, ours, baseline, target in rows:
        ratio = ours / baseline
        verdict = "ok" if ratio <= target else "SLOWER"
        print(f"{name:<72} {ours:>7.2f}ms {baseline:>7.2f}ms {ratio:>5.2f}x "
              f"{'<=' + str(target) + 'x':>7} {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
