"""Finding plugins through entry points with pluggy, what happens when one is broken,
and the one rule for names that two plugins give."""

import sys
import warnings
from pathlib import Path

import pytest

from pygraphics_core import amp, hookspecs, plugins
from pygraphics_core.plugins import PluginClashError, PluginRegistry, PluginWarning

GREETER = """
    from pygraphics_core import amp, hookimpl

    class Greet(amp.Command):
        arguments = [("name", amp.Unicode())]
        response = []

    def greet(name):
        "Say hello to name."
        return "hello " + name

    @hookimpl
    def pygraphics_commands():
        return [Greet]

    @hookimpl
    def pygraphics_media_functions():
        return {"greet": greet}
"""

SECOND_GREETER = """
    from pygraphics_core import amp, hookimpl

    class Greet(amp.Command):
        arguments = []
        response = []

    @hookimpl
    def pygraphics_commands():
        return [Greet]

    @hookimpl
    def pygraphics_media_functions():
        return {"greet": lambda name: "hi " + name}
"""

RAISING_HOOK = """
    from pygraphics_core import hookimpl

    @hookimpl
    def pygraphics_media_functions():
        raise KeyError("forgot a setting")
"""

MISSPELLED_HOOK = """
    from pygraphics_core import hookimpl

    @hookimpl
    def pygraphics_command():
        return []
"""


def registry_of(*folders):
    """A registry of the plugins in these folders only (made-up ones, not the installed)."""
    return PluginRegistry(search_path=[str(folder) for folder in folders])


def fresh_folder(fake_plugins, monkeypatch, name):
    """Another folder of made-up plugins, beside the ``fake_plugins`` one, importable."""
    folder = fake_plugins.folder.parent / name
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    return type(fake_plugins)(folder)


# -- loading, through pluggy and importlib.metadata ---------------------------------

def test_a_plugin_gives_its_commands_and_media_functions(fake_plugins):
    fake_plugins.add("pygraphics-greeter", GREETER, version="2.5")
    found = registry_of(fake_plugins.folder)
    (plugin,) = found.plugins
    assert (plugin.distribution, plugin.version, plugin.name) == ("pygraphics-greeter", "2.5",
                                                                   "greeter")
    assert list(found.commands()) == ["Greet"]
    assert found.media_functions()["greet"]("Ada") == "hello Ada"
    assert found.function_owner("greet") is plugin
    assert found.problems == []


def test_the_markers_are_pluggys_and_each_plugin_is_registered_with_one_plugin_manager(
        fake_plugins):
    import pluggy

    assert isinstance(hookspecs.hookimpl, pluggy.HookimplMarker)
    assert isinstance(hookspecs.hookspec, pluggy.HookspecMarker)
    assert hookspecs.hookimpl.project_name == hookspecs.PROJECT_NAME == "pygraphics"
    module = fake_plugins.add("pygraphics-greeter", GREETER)
    found = registry_of(fake_plugins.folder)
    assert isinstance(found.manager, pluggy.PluginManager)
    assert found.manager.get_plugin("pygraphics-greeter:greeter") is sys.modules[module]
    # pluggy's own call of the hook answers what PyGraphics's does.
    assert found.manager.hook.pygraphics_commands() == [list(found.commands().values())]


def test_one_registry_per_process_made_on_first_use(fake_plugins, monkeypatch):
    module = fake_plugins.add("pygraphics-greeter", GREETER)
    assert module not in sys.modules
    first = plugins.registry()
    assert module in sys.modules
    assert plugins.registry() is first


def test_plugins_are_loaded_in_the_order_of_their_names_wherever_they_are_installed(
        fake_plugins, monkeypatch):
    early = fresh_folder(fake_plugins, monkeypatch, "early")
    late = fresh_folder(fake_plugins, monkeypatch, "late")
    late.add("pygraphics-aaa", GREETER)
    early.add("pygraphics-zzz", SECOND_GREETER)
    for order in [(early.folder, late.folder), (late.folder, early.folder)]:
        found = registry_of(*order)
        assert [plugin.distribution for plugin in found.plugins] == ["pygraphics-aaa",
                                                                     "pygraphics-zzz"]
        assert all(plugin.module is not None for plugin in found.plugins)


@pytest.mark.parametrize("source, cause", [
    ("import not_installed_anywhere\n", "No module named 'not_installed_anywhere'"),
    ("raise SystemExit('not on this computer')\n", "SystemExit('not on this computer')"),
    ("import sys\nsys.exit(2)\n", "SystemExit(2) (it called exit())"),
])
def test_a_plugin_that_fails_to_import_is_named_and_the_others_work(fake_plugins, source, cause):
    fake_plugins.add("pygraphics-broken", source)
    fake_plugins.add("pygraphics-greeter", GREETER)
    with pytest.warns(PluginWarning) as caught:
        found = registry_of(fake_plugins.folder)
    assert "greet" in found.media_functions()
    message = str(caught[0].message)
    assert "'pygraphics-broken'" in message and "entry point 'broken = " in message
    assert "could not be imported" in message and cause in message
    assert [problem.distribution for problem in found.problems] == ["pygraphics-broken"]
    assert found.plugin_named("pygraphics-broken").failure.startswith("could not be imported")


def test_ctrl_c_while_a_plugin_loads_still_stops_the_program(fake_plugins):
    fake_plugins.add("pygraphics-slow", "raise KeyboardInterrupt\n")
    with pytest.raises(KeyboardInterrupt):
        registry_of(fake_plugins.folder)


@pytest.mark.parametrize("raised, cause", [
    ('KeyError("forgot a setting")', "KeyError: 'forgot a setting'"),
    ("SystemExit(4)", "SystemExit(4)"),
])
def test_a_hook_that_raises_is_named_and_the_others_work(fake_plugins, raised, cause):
    fake_plugins.add("pygraphics-raising", RAISING_HOOK.replace('KeyError("forgot a setting")',
                                                                raised))
    fake_plugins.add("pygraphics-greeter", GREETER)
    found = registry_of(fake_plugins.folder)
    with pytest.warns(PluginWarning) as caught:
        assert list(found.media_functions()) == ["greet"]
    (warning,) = caught
    assert ("The hook pygraphics_media_functions() of the PyGraphics plugin "
            "'pygraphics-raising'") in str(warning.message)
    assert cause in str(warning.message)


def test_a_misspelled_hook_is_refused_by_pluggy_and_named(fake_plugins):
    fake_plugins.add("pygraphics-typo", MISSPELLED_HOOK)
    with pytest.warns(PluginWarning) as caught:
        found = registry_of(fake_plugins.folder)
    message = str(caught[0].message)
    assert "'pygraphics-typo'" in message and "was refused by pluggy" in message
    assert "unknown hook 'pygraphics_command'" in message
    assert "(the hooks of PyGraphics are pygraphics_commands, " in message
    assert found.plugins[0].failure is not None
    assert found.manager.get_plugins() == set()


def test_the_say_plugin_is_found_among_the_installed_distributions():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginWarning)  # other plugins may be mid-work
        found = PluginRegistry()
        assert found.plugin_named("pygraphics-say") is not None
        assert found.commands()["Say"].commandName == "Say"
        assert found.function_owner("say").distribution == "pygraphics-say"


# -- one rule for every name two plugins give ----------------------------------

def test_two_plugins_giving_one_name_both_lose_it_whatever_the_order(fake_plugins, monkeypatch):
    first = fresh_folder(fake_plugins, monkeypatch, "first")
    second = fresh_folder(fake_plugins, monkeypatch, "second")
    first.add("pygraphics-greeter", GREETER)
    # tryfirst changes the order pluggy calls hooks in; it changes nothing here.
    second.add("pygraphics-other", SECOND_GREETER.replace("@hookimpl\n",
                                                          "@hookimpl(tryfirst=True)\n"))
    outcomes = []
    for order in [(first.folder, second.folder), (second.folder, first.folder)]:
        found = registry_of(*order)
        with pytest.warns(PluginWarning) as caught:
            commands, functions = found.commands(), found.media_functions()
        messages = sorted(str(warning.message) for warning in caught)
        outcomes.append((sorted(commands), sorted(functions), messages))
        assert "Greet" not in commands and "greet" not in functions
        assert any("'pygraphics-greeter'" in text and "'pygraphics-other'" in text
                   and "all give the command 'Greet', so none of them does" in text
                   for text in messages), messages
        assert found.command_clash("Greet") is not None
        assert "'pygraphics-other'" in found.function_clash("greet")
    assert outcomes[0] == outcomes[1]


def test_a_command_named_like_pygraphics_own_stays_pygraphics_own(fake_plugins):
    fake_plugins.add("pygraphics-pinger", """
        from pygraphics_core import amp, hookimpl

        class Ping(amp.Command):
            arguments = []
            response = []

        @hookimpl
        def pygraphics_commands():
            return [Ping]
    """)
    found = registry_of(fake_plugins.folder)
    with pytest.warns(PluginWarning, match=r"'pygraphics-pinger'.*gives the command 'Ping', "
                                           r"but 'Ping' is PyGraphics's own"):
        assert found.commands() == {}


def test_a_name_two_plugins_give_is_refused_when_used(registry_with):
    registry_with(("pygraphics-greeter", GREETER), ("pygraphics-other", SECOND_GREETER))
    with pytest.warns(PluginWarning, match="all give the media function 'greet'"), \
            pytest.raises(PluginClashError) as raised:
        plugins.media_function("greet")
    assert str(raised.value).startswith("media.greet cannot be used: The PyGraphics plugins "
                                        "'pygraphics-greeter'")
    assert "Uninstall all but one of these plugins." in str(raised.value)
    # And the command they both define is sent nowhere.
    from pygraphics_core import client

    greet = type("Greet", (amp.Command,), {"arguments": [], "response": []})
    with pytest.warns(PluginWarning, match="all give the command 'Greet'"), \
            pytest.raises(PluginClashError, match="cannot send the command 'Greet'"):
        client.callRemote(greet)


# -- pluggy's rules, as pluggy applies them -------------------------------------

NEEDS_AN_ARGUMENT = """
    from pygraphics_core import hookimpl

    @hookimpl
    def pygraphics_commands(settings):
        return []
"""

A_WRAPPER = """
    from pygraphics_core import amp, hookimpl

    class Wave(amp.Command):
        arguments = []
        response = []

    @hookimpl(wrapper=True)
    def pygraphics_commands():
        return (yield)

    @hookimpl
    def pygraphics_media_functions():
        return {"wave": lambda: "waving"}
"""

NAMED_BY_SPECNAME_WITH_PLUGGYS_OWN_MARKER = """
    import pluggy

    from pygraphics_core import amp

    hookimpl = pluggy.HookimplMarker("pygraphics")

    class Wave(amp.Command):
        arguments = []
        response = []

    @hookimpl(specname="pygraphics_commands", tryfirst=True)
    def my_commands(extra=None):
        return [Wave]

    @hookimpl(optionalhook=True)
    def pygraphics_hook_of_a_later_version():
        return []
"""

A_MARKED_CALLABLE_OBJECT = """
    from pygraphics_core import amp, hookimpl

    class Wave(amp.Command):
        arguments = []
        response = []

    class Commands:
        def __call__(self):
            return [Wave]

    # pluggy takes functions and methods as hooks, not other callables.
    pygraphics_commands = hookimpl(Commands())
"""


def test_a_hook_that_wants_arguments_is_refused_by_pluggy(fake_plugins):
    fake_plugins.add("pygraphics-odd", NEEDS_AN_ARGUMENT)
    fake_plugins.add("pygraphics-greeter", GREETER)
    with pytest.warns(PluginWarning, match=r"'pygraphics-odd'.*was refused by pluggy: "
                                           r"PluginValidationError: .*settings"):
        found = registry_of(fake_plugins.folder)
    assert list(found.commands()) == ["Greet"]
    assert [plugin.failure is None for plugin in found.plugins] == [True, False]


def test_pluggys_wrapper_specname_optionalhook_and_callable_rules_hold(fake_plugins):
    fake_plugins.add("pygraphics-waver", NAMED_BY_SPECNAME_WITH_PLUGGYS_OWN_MARKER)
    fake_plugins.add("pygraphics-wrapper", A_WRAPPER)
    fake_plugins.add("pygraphics-object", A_MARKED_CALLABLE_OBJECT)
    found = registry_of(fake_plugins.folder)
    assert list(found.commands()) == ["Wave"]
    assert found.command_owner("Wave").distribution == "pygraphics-waver"
    assert found.media_functions()["wave"]() == "waving"
    assert found.problems == []
    # What PyGraphics answers is what a plain pluggy call answers.
    assert [command.commandName for answer in found.manager.hook.pygraphics_commands()
            for command in answer] == ["Wave"]


def test_the_installed_plugins_answer_through_pluggy_as_they_do_through_pygraphics():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginWarning)
        found = PluginRegistry()
    loaded = {plugin.distribution for plugin in found.plugins if plugin.module is not None}
    assert {"pygraphics-say", "pygraphics-show"} <= loaded
    theirs = {command.commandName: command
              for commands in found.manager.hook.pygraphics_commands() for command in commands}
    assert theirs == found.commands()
    assert sorted(hookspecs.HOOK_NAMES) == sorted(
        name for name in vars(found.manager.hook) if name.startswith("pygraphics_"))
    answers_of = {plugin.distribution: answer
                  for plugin, answer in found.call_each("pygraphics_media_functions")}
    assert set(answers_of["pygraphics-say"]) == {"say"}


def test_the_markers_refuse_what_pluggy_refuses():
    with pytest.raises(TypeError):
        hookspecs.hookimpl(first=True)


# -- the hooks themselves ------------------------------------------------------

def hook_names():
    return [name for name in dir(hookspecs) if name.startswith("pygraphics_")]


@pytest.mark.parametrize("name", hook_names())
def test_every_hook_is_documented_for_plugin_authors(name):
    docstring = getattr(hookspecs, name).__doc__ or ""
    assert len(docstring.split()) >= 30, f"{name} needs a docstring a plugin author can act on"
    assert "Return" in docstring


@pytest.mark.parametrize("name", hook_names())
def test_every_hook_is_implemented_by_some_test(name):
    # A hook that nothing under test implements could break unnoticed: it
    # must be implemented in a test, or by a standard plugin (under
    # plugins/, whose own tests then run it).
    tests = Path(__file__).parent
    standard_plugins = tests.parent / "plugins"
    sources = [path.read_text(encoding="utf-8") for pattern in ("test_*.py", "conftest.py")
               for path in tests.rglob(pattern)]
    sources += [path.read_text(encoding="utf-8")
                for path in standard_plugins.glob("*/*/plugin.py")
                if any(path.parent.parent.glob("tests/test_*.py"))]
    assert any(f"def {name}(" in source for source in sources), \
        f"neither a test nor a tested standard plugin implements the hook {name}"


def test_the_clash_rule_is_written_where_plugin_authors_read():
    docs = Path(__file__).parent.parent / "docs"
    assert "Who gets a name" in hookspecs.__doc__
    assert "clash-rule" in (docs / "course-staff.rst").read_text(encoding="utf-8")


# -- media.<name> ------------------------------------------------------------

@pytest.fixture
def registry_with(monkeypatch, fake_plugins):
    # No GUI process is wanted here: headless mode keeps the first lookup
    # from starting one early.
    monkeypatch.setenv("PYGRAPHICS_HEADLESS", "1")

    def use(*plugin_sources):
        for distribution, code in plugin_sources:
            fake_plugins.add(distribution, code)
        monkeypatch.setattr(plugins, "_registry", registry_of(fake_plugins.folder))
    return use


def test_a_standard_function_whose_plugin_is_missing_says_what_to_install(registry_with):
    registry_with()
    with pytest.raises(AttributeError) as raised:
        plugins.media_function("show")
    assert str(raised.value) == ("media has no function 'show': it comes with the plugin "
                                 "'pygraphics-show'. Install it with: pip install pygraphics-show")
    for name, distribution in [("choose_file", "pygraphics-pickers"), ("say", "pygraphics-say"),
                               ("ask_number", "pygraphics-ask"), ("play", "pygraphics-sound")]:
        with pytest.raises(AttributeError, match=f"pip install {distribution}$"):
            plugins.media_function(name)


def test_a_standard_function_whose_plugin_is_broken_says_so(registry_with):
    with pytest.warns(PluginWarning):
        registry_with(("pygraphics-say", "raise ImportError('half-installed')\n"))
    with pytest.raises(AttributeError) as raised:
        plugins.media_function("say")
    assert "'pygraphics-say', which is installed but could not be imported" in str(raised.value)
    assert "half-installed" in str(raised.value)


def test_an_unknown_name_is_a_plain_attribute_error(registry_with):
    registry_with(("pygraphics-greeter", GREETER))
    with pytest.raises(AttributeError) as raised:
        plugins.media_function("lod_picture")
    assert str(raised.value) == "module 'media' has no attribute 'lod_picture'"
    assert plugins.media_function("greet")("Bo") == "hello Bo"


def test_the_names_plugins_add_are_listed_for_tab_completion(registry_with):
    registry_with(("pygraphics-greeter", GREETER))
    assert plugins.media_function_names() == ["greet"]


def test_every_function_of_the_standard_plugins_says_which_plugin_to_install():
    """A student without a standard plugin is told its name for every function it adds."""
    from pygraphics_core.plugins import STANDARD_FUNCTIONS, PluginRegistry

    registry = PluginRegistry()
    standard = {path.name for path in (Path(__file__).parent.parent / "plugins").iterdir()
                if (path / "setup.cfg").exists()}
    seen = set()
    for plugin, functions in registry.call_each("pygraphics_media_functions"):
        if plugin.distribution not in standard:
            continue
        seen.add(plugin.distribution)
        wrong = {name: STANDARD_FUNCTIONS.get(name) for name in functions
                 if STANDARD_FUNCTIONS.get(name) != plugin.distribution}
        assert wrong == {}, f"{plugin.distribution} adds functions the table misses"
    assert seen == standard



# -- what import media gets ---------------------------------------------------

CLASHING = """
    from pygraphics_core import hookimpl

    def get_pixel(pic, x, y):
        return "the plugin's"

    @hookimpl
    def pygraphics_media_functions():
        return {"get_pixel": get_pixel, "not a name": get_pixel, "wave": get_pixel}
"""


def test_media_gets_the_plugins_functions_and_keeps_its_own_names(fake_plugins, monkeypatch):
    fake_plugins.add("pygraphics-clash", CLASHING)
    monkeypatch.setattr(plugins, "_registry", registry_of(fake_plugins.folder))
    namespace = {"__name__": "media", "__all__": ["get_pixel"], "get_pixel": "media's own"}
    with pytest.warns(PluginWarning) as caught:
        plugins.add_media_functions(namespace)
    assert namespace["get_pixel"] == "media's own"
    assert namespace["wave"](None, 0, 0) == "the plugin's"
    assert "not a name" not in namespace
    # help(media) and "from media import *" list what plugins add.
    assert namespace["__all__"] == ["get_pixel", *sorted(["wave",
                                                          *plugins.STANDARD_FUNCTIONS])]
    messages = [str(warning.message) for warning in caught]
    assert any("'pygraphics-clash'" in text and "gives the media function 'get_pixel', but "
               "'get_pixel' is PyGraphics's own" in text for text in messages), messages
    assert any("'not a name', which is not a name Python code can write" in text
               for text in messages), messages


def test_a_standard_function_without_its_plugin_says_what_to_install_when_called(
        fake_plugins, monkeypatch):
    monkeypatch.setattr(plugins, "_registry", registry_of(fake_plugins.folder))  # none
    namespace = {"__name__": "media"}
    plugins.add_media_functions(namespace)
    assert set(namespace) == {"__name__", "__all__", *plugins.STANDARD_FUNCTIONS}
    expected = ("media has no function 'choose_file': it comes with the plugin "
                "'pygraphics-pickers'. Install it with: pip install pygraphics-pickers")
    assert namespace["choose_file"].__doc__ == expected
    assert namespace["choose_file"].__name__ == "choose_file"
    with pytest.raises(AttributeError) as raised:
        namespace["choose_file"]("a title")
    assert str(raised.value) == expected


def test_a_function_two_plugins_give_says_so_when_called(fake_plugins, monkeypatch):
    fake_plugins.add("pygraphics-greeter", GREETER)
    fake_plugins.add("pygraphics-other", SECOND_GREETER)
    monkeypatch.setattr(plugins, "_registry", registry_of(fake_plugins.folder))
    namespace = {"__name__": "media"}
    with pytest.warns(PluginWarning):
        plugins.add_media_functions(namespace)
    assert "greet" in namespace["__all__"]
    assert "'pygraphics-other'" in namespace["greet"].__doc__
    with pytest.raises(PluginClashError, match="media.greet cannot be used"):
        namespace["greet"]("Ada")
