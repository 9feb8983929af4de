"""A responder may block in a modal window (a nested Tk loop) without breaking anything."""

import time

MODAL_PLUGIN = """
    import tkinter
    from pygraphics_core import amp, hookimpl
    from pygraphics_gui import ProtocolBackend, appender
    from pygraphics_gui.windows import Window


    class AskModal(amp.Command):
        arguments = []
        response = [("answer", amp.Unicode())]


    class ModalBackend(ProtocolBackend):
        responders = []
        responder = appender(responders)

        @responder(AskModal)
        def ask(self):
            window = Window("Modal question")
            answer = {"answer": "closed"}
            tkinter.Label(window, text="Yes or no?").pack(padx=40, pady=20)

            def choose(text):
                answer["answer"] = text
                window.close()

            window.bind("<Return>", lambda event: choose("yes"))
            window.bind("<Escape>", lambda event: choose("no"))
            window.wait_window()  # a nested event loop until it closes
            return answer


    @hookimpl
    def pygraphics_commands():
        return [AskModal]


    @hookimpl
    def pygraphics_backends():
        return [ModalBackend]
"""


def text_part(screen, window):
    """The message's text, above its OK button (which looks different without focus)."""
    picture = screen.screenshot(window)
    return picture.crop((0, 0, picture.width, picture.height * 2 // 5))


def wait_for_stable_picture(screen, window, timeout=5.0):
    """Return how the window's text looks once two screenshots in a row agree."""
    deadline = time.monotonic() + timeout
    previous = text_part(screen, window)
    while True:
        time.sleep(0.05)  # letting the window finish drawing: poll, bounded
        current = text_part(screen, window)
        if current.tobytes() == previous.tobytes():
            return current
        assert time.monotonic() < deadline, "the window never stopped changing"
        previous = current


def wait_for_picture(screen, window, expected, timeout=5.0):
    deadline = time.monotonic() + timeout
    while text_part(screen, window).tobytes() != expected.tobytes():
        assert time.monotonic() < deadline, "the window was not drawn again as it was"
        time.sleep(0.02)  # waiting for the redraw to reach the screen: poll, bounded


def test_a_student_answers_a_modal_window_while_other_windows_stay_painted(
        fake_plugins, student, gui_screen):
    module = fake_plugins.add("pygraphics-modal", MODAL_PLUGIN)
    program = student(f"""
        import media
        from pygraphics_core import callRemote, client
        from {module} import AskModal
        media.say("I stay painted behind the question")
        print("GUI", client.connection().process.pid, flush=True)
        input()
        for _ in range(2):
            print("ANSWER", callRemote(AskModal)["answer"], flush=True)
        media.say("still working after two modal windows")
        print("DONE", flush=True)
        input()
    """)
    program.gui_pids.append(int(program.expect("GUI")))
    (behind,) = gui_screen.wait_for_windows("Message", 1)
    looks = wait_for_stable_picture(gui_screen, behind)
    program.send("go on")
    for corner, (key, answer) in enumerate([("Return", "yes"), ("Escape", "no")]):
        (question,) = gui_screen.wait_for_windows("Modal question", 1)
        # The question covers the message. Moved out from under it while
        # the responder waits in its nested loop, the message must be drawn
        # again, whole, by that loop.
        gui_screen._xdotool("windowmove", "--sync", behind, str(10 * corner), "0")
        wait_for_picture(gui_screen, behind, looks)
        gui_screen.press(question, key)
        assert program.expect("ANSWER") == answer
    assert program.read_line() == "DONE"
    gui_screen.wait_for_windows("Message", 2)
