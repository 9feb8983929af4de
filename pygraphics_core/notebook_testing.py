"""A real Jupyter kernel to test notebook mode with (for PyGraphics' and plugins' tests).

:class:`NotebookKernel` starts an IPython kernel (``ipykernel``) with no
screen, as JupyterHub or Colab run one, and plays the notebook's part
through ``jupyter_client``: it runs a cell, collects the messages the
kernel sends for it (``display_data``, ``update_display_data``, ``stream``,
``error``...) and types the answers to the questions the cell asks
(``input_request`` → ``input_reply``), as a person in front of the
notebook would. Every wait has a time limit.

It needs the test extras ``ipykernel`` and ``jupyter_client``. With
pytest, the fixture :func:`notebook_kernel` gives one kernel per test
module (import it into the test module, or a ``conftest.py``)::

    from pygraphics_core.notebook_testing import notebook_kernel  # noqa: F401

    def test_a_colour_mixer_asks_in_the_notebook(notebook_kernel):
        run = notebook_kernel.run("import media\\nprint(media.colour_mixer('Mix?'))",
                                  answers=["y"])
        assert run.prompts[0].startswith("Mix?")
        assert run.stdout == "True\\n"
"""

from __future__ import annotations

import base64
import gc
import os
import queue
import re
import time

import pytest

__all__ = ["CellRun", "NotebookKernel", "notebook_kernel", "pngs_in"]

#: Bound on starting a kernel, in seconds.
START_TIMEOUT = 60.0
#: Bound on one cell, in seconds.
CELL_TIMEOUT = 60.0


class CellRun:
    """What one cell did: the messages the kernel sent for it, and the questions it asked."""

    def __init__(self, code: str):
        self.code = code
        #: Every message on the kernel's output channel for this cell, in order, and
        #: each ``input_request`` (with the ``answer`` typed) where it came.
        self.messages: list[dict] = []
        #: The prompt of every question (``input()``) the cell asked, in order.
        self.prompts: list[str] = []
        #: For each question: True if it was a password.
        self.hidden: list[bool] = []

    def of_type(self, *message_types: str) -> list[dict]:
        """The contents of the messages of these types, in order."""
        return [message["content"] for message in self.messages
                if message["msg_type"] in message_types]

    @property
    def displays(self) -> list[dict]:
        """The contents of the ``display_data`` messages (new outputs)."""
        return self.of_type("display_data")

    @property
    def updates(self) -> list[dict]:
        """The contents of the ``update_display_data`` messages (outputs redrawn)."""
        return self.of_type("update_display_data")

    @property
    def stdout(self) -> str:
        """Everything the cell printed."""
        return "".join(content["text"] for content in self.of_type("stream")
                       if content["name"] == "stdout")

    @property
    def error(self) -> dict | None:
        """The ``error`` message's content (``ename``, ``evalue``...) if the cell raised."""
        errors = self.of_type("error")
        return errors[0] if errors else None

    def check(self) -> CellRun:
        """Raise AssertionError, with the kernel's traceback, if the cell raised."""
        if self.error is not None:
            trace = _without_colours("\n".join(self.error["traceback"]))
            raise AssertionError(f"the cell raised {self.error['ename']}: "
                                 f"{self.error['evalue']}\n{trace}")
        return self


def display_id_of(content: dict) -> str | None:
    """The display id of a ``display_data`` or ``update_display_data`` content."""
    return content.get("transient", {}).get("display_id")


def pngs_in(content: dict) -> list[bytes]:
    """The PNG pictures a display message shows: as ``image/png`` or inside its HTML."""
    data = content.get("data", content)
    found = []
    if "image/png" in data:
        found.append(base64.b64decode(data["image/png"]))
    for encoded in re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)",
                              data.get("text/html", "")):
        found.append(base64.b64decode(encoded))
    return found


def _without_colours(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


class NotebookKernel:
    """A real IPython kernel, started with no screen, that runs cells for a test.

    ``environment`` is added to this process's environment (minus
    ``$DISPLAY`` and ``PYGRAPHICS_HEADLESS``) for the kernel; ``folder`` is
    its working folder (a notebook's kernel runs in the notebook's folder).
    """

    def __init__(self, environment: dict | None = None, folder: str | os.PathLike | None = None,
                 screen: bool = False):
        from jupyter_client.manager import start_new_kernel

        kernel_environment = {name: value for name, value in os.environ.items()
                              if name not in ("DISPLAY", "PYGRAPHICS_HEADLESS")}
        if screen and os.environ.get("DISPLAY"):
            kernel_environment["DISPLAY"] = os.environ["DISPLAY"]
        kernel_environment.update(environment or {})
        options = {"env": kernel_environment}
        if folder is not None:
            options["cwd"] = str(folder)
        # The kernel's client talks to it from threads of its own, and
        # Python collects garbage in whichever thread happens to run. A Tk
        # root that a test destroyed but that still waits in a reference
        # cycle must go now, in this thread: deleted from another one, Tcl
        # ends the whole process ("Tcl_AsyncDelete: async handler deleted by
        # the wrong thread").
        gc.collect()
        self.manager, self.client = start_new_kernel(
            kernel_name="python3", startup_timeout=START_TIMEOUT, **options)

    def run(self, code: str, answers=(), timeout: float = CELL_TIMEOUT,
            allow_input: bool = True) -> CellRun:
        """Run ``code`` as one cell; type ``answers`` (strings) to its questions, in order.

        ``answers`` may also be a function of the prompt that returns the answer.

        Returns the :class:`CellRun`. A question with no answer left fails
        the test (the kernel is interrupted so that it stops waiting).
        With ``allow_input=False`` the cell runs as ``nbconvert --execute``
        runs it: nobody can type, and ``input()`` raises.
        """
        answers = answers if callable(answers) else list(answers)
        run = CellRun(code)
        message_id = self.client.execute(code, allow_stdin=allow_input)
        deadline = time.monotonic() + timeout
        unanswered: list[str] = []
        while True:
            if time.monotonic() > deadline:
                self.manager.interrupt_kernel()
                raise AssertionError(f"the cell did not finish within {timeout} s: {code!r}")
            question = self._question()
            if question is not None:
                # What the cell sent before it asked comes first, as in a notebook.
                while self._take_output(run, message_id, timeout=0.05) is not None:
                    pass
                self._answer(run, question, answers, unanswered)
            if self._take_output(run, message_id, timeout=0.05) == "idle":
                break
        if unanswered:
            raise AssertionError(f"the cell asked {unanswered[0]!r} with no answer left")
        # The reply comes after idle: take it so that the next cell's wait is its own.
        self.client.get_shell_msg(timeout=timeout)
        return run

    def _question(self) -> dict | None:
        try:
            message = self.client.get_stdin_msg(timeout=0.01)
        except queue.Empty:
            return None
        return message if message["msg_type"] == "input_request" else None

    def _take_output(self, run: CellRun, message_id: str, timeout: float) -> str | None:
        """Take one output message of the cell: None if none came, "idle" at its end."""
        try:
            message = self.client.get_iopub_msg(timeout=timeout)
        except queue.Empty:
            return None
        if message["parent_header"].get("msg_id") != message_id:
            return "other"
        run.messages.append(message)
        if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            return "idle"
        return "output"

    def _answer(self, run: CellRun, message: dict, answers, unanswered: list) -> None:
        run.prompts.append(message["content"]["prompt"])
        run.hidden.append(bool(message["content"].get("password")))
        # Kept in order among the output messages, with the answer typed: a
        # notebook shows the question and the answer where they were asked.
        run.messages.append(dict(message, answer=None))
        if callable(answers):
            run.messages[-1]["answer"] = answers(message["content"]["prompt"])
            self.client.input(run.messages[-1]["answer"])
        elif answers:
            run.messages[-1]["answer"] = answers.pop(0)
            self.client.input(run.messages[-1]["answer"])
        else:
            unanswered.append(message["content"]["prompt"])
            self.manager.interrupt_kernel()

    def move_widget(self, comm_id: str, state: dict, timeout: float = CELL_TIMEOUT) -> CellRun:
        """Change a widget as a person would in the browser (``{"value": 3}``); return what
        the kernel sent in answer (its ``comm_msg`` updates...).

        ``comm_id`` is the widget's, from the ``comm_open`` message that made it.
        """
        run = CellRun(f"widget {comm_id} <- {state}")
        message = self.client.session.msg("comm_msg", {
            "comm_id": comm_id,
            "data": {"method": "update", "state": state, "buffer_paths": []}})
        self.client.shell_channel.send(message)
        message_id = message["header"]["msg_id"]
        deadline = time.monotonic() + timeout
        while True:
            if time.monotonic() > deadline:
                raise AssertionError(f"the kernel did not answer the widget's change within "
                                     f"{timeout} s")
            try:
                answer = self.client.get_iopub_msg(timeout=0.05)
            except queue.Empty:
                continue
            if answer["parent_header"].get("msg_id") != message_id:
                continue
            run.messages.append(answer)
            if answer["msg_type"] == "status" and answer["content"]["execution_state"] == "idle":
                return run

    def shutdown(self) -> None:
        """Stop the kernel and close the channels."""
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


@pytest.fixture(scope="module")
def notebook_kernel():
    """A real Jupyter kernel with no screen, for the tests of one module (see :class:`NotebookKernel`).

    The tests that use it are skipped where ipykernel or jupyter_client is
    not installed.
    """
    pytest.importorskip("ipykernel")
    pytest.importorskip("jupyter_client")
    kernel = NotebookKernel()
    try:
        yield kernel
    finally:
        kernel.shutdown()
