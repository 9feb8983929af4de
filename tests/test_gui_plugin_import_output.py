"""What a plugin prints when it is imported appears once, in the student's output.

Both processes import every plugin: the student's (``import media``) and
the GUI process (to register the plugins' windows). An autograder that
captures the program's output must see a plugin's import-time text once,
as the program's own, not a second copy from the GUI process.
"""

PRINTS_AT_IMPORT = """
    import sys
    print("plugin says hello on stdout")
    print("plugin says hello on stderr", file=sys.stderr)

    from pygraphics_core import amp, hookimpl
    from pygraphics_gui import ProtocolBackend, appender

    class Chirp(amp.Command):
        arguments = []
        response = []

    class Backend(ProtocolBackend):
        responders = []
        responder = appender(responders)

        @responder(Chirp)
        def chirp(self):
            print("chirp")  # printed when called: shown, once
            return {}

    @hookimpl
    def pygraphics_commands():
        return [Chirp]

    @hookimpl
    def pygraphics_backends():
        return [Backend]
"""


def test_text_a_plugin_prints_at_import_appears_once(student, gui_display, fake_plugins):
    module = fake_plugins.add("pygraphics-chirpy", PRINTS_AT_IMPORT)
    program = student(f"""
        import media
        from pygraphics_core import callRemote, client
        from {module} import Chirp
        callRemote(Chirp)
        print("GUI", client.connection().process.pid, flush=True)
    """)
    assert program.wait(timeout=30) == 0
    output = (program._buffer + program.process.stdout.read()).decode()
    errors = program.errors()
    gui_pid = int(output.split("GUI", 1)[1].split()[0])
    program.gui_pids.append(gui_pid)
    # The student's own import of the plugin printed it; the GUI process,
    # importing the same plugin, said nothing more.
    assert output.count("plugin says hello on stdout") == 1, output
    assert errors.count("plugin says hello on stderr") == 1, errors
    assert "plugin says hello" not in output.replace("plugin says hello on stdout", "", 1)
    # What a responder prints when called still reaches the student.
    assert output.count("chirp") == 1, output
