"""A course's own plugin answers its dialog in headless mode, through the hook."""

import warnings

import pytest

from pygraphics_core import client, headless, plugins
from pygraphics_core.plugins import PluginClashError, PluginRegistry, PluginWarning

COURSE_DIALOG = """
    from pygraphics_core import amp, callRemote, hookimpl

    class AskPet(amp.Command):
        arguments = [("prompt", amp.Unicode())]
        response = [("pet", amp.Unicode(optional=True))]

    def ask_pet(prompt):
        "Ask which pet the student has."
        return callRemote(AskPet, prompt=prompt)["pet"]

    def answer_ask_pet(session, prompt):
        pet = session.next_answer("ask_pet", prompt)
        session.record("ask_pet", command="AskPet", text=prompt, answer=pet)
        return {"pet": pet}

    @hookimpl
    def pygraphics_commands():
        return [AskPet]

    @hookimpl
    def pygraphics_media_functions():
        return {"ask_pet": ask_pet}

    @hookimpl
    def pygraphics_headless_responders():
        return {AskPet: answer_ask_pet}
"""

SECOND_ANSWER_FOR_THE_SAME_COMMAND = """
    from pygraphics_core import amp, hookimpl

    class AskPet(amp.Command):
        arguments = [("prompt", amp.Unicode())]
        response = [("pet", amp.Unicode(optional=True))]

    @hookimpl
    def pygraphics_headless_responders():
        return {AskPet: lambda session, prompt: {"pet": "dragon"}}
"""

NOT_A_DICT = """
    from pygraphics_core import hookimpl

    @hookimpl
    def pygraphics_headless_responders():
        return ["oops"]
"""


@pytest.fixture
def course_plugins(fake_plugins, monkeypatch):
    """Install made-up plugins: ``install(("pygraphics-pets", CODE), ...)`` -> their registry."""
    def install(*distributions):
        for distribution, code in distributions:
            fake_plugins.add(distribution, code)
        registry = PluginRegistry(search_path=[str(fake_plugins.folder)])
        monkeypatch.setattr(plugins, "_registry", registry)
        return registry

    before = client.use_connection(None)
    yield install
    headless.disable()
    client.use_connection(before)


def test_the_graders_answer_reaches_the_courses_own_dialog(course_plugins):
    course_plugins(("pygraphics-pets", COURSE_DIALOG))
    session = headless.enable(answers={"ask_pet": ["cat"]})
    ask_pet = plugins.media_function("ask_pet")
    assert ask_pet("Which pet?") == "cat"
    assert [(record.function, record.text, record.answer) for record in session.shown] == [
        ("ask_pet", "Which pet?", "cat")]
    with pytest.raises(headless.NoAnswerLeft, match=r"media.ask_pet\('Another\?'\)"):
        ask_pet("Another?")


def test_two_plugins_answering_one_command_are_both_named_and_neither_answers(course_plugins):
    course_plugins(("pygraphics-pets", COURSE_DIALOG),
                   ("pygraphics-zoo", SECOND_ANSWER_FOR_THE_SAME_COMMAND))
    headless.enable(answers=["cat"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(PluginClashError) as raised:
            plugins.media_function("ask_pet")("Which pet?")
    messages = [str(warning.message) for warning in caught
                if issubclass(warning.category, PluginWarning)]
    assert any("'pygraphics-zoo'" in message and "'pygraphics-pets'" in message
               and "headless responder for the command 'AskPet'" in message
               for message in messages), messages
    assert "'pygraphics-zoo'" in str(raised.value) and "none of them does" in str(raised.value)


def test_a_hook_that_returns_the_wrong_thing_is_reported_by_name(course_plugins):
    registry = course_plugins(("pygraphics-pets", COURSE_DIALOG),
                              ("pygraphics-broken", NOT_A_DICT))
    headless.enable(answers=["cat"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginWarning)
        assert plugins.media_function("ask_pet")("Which pet?") == "cat"
    assert any("'pygraphics-broken'" in problem.message and "returned list" in problem.message
               for problem in registry.problems)
