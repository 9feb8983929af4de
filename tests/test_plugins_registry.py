"""Finding plugins through entry points, and what happens when one is broken."""

import warnings
from pathlib import Path

import pytest

from pygraphics_core import hookspecs, plugins
from pygraphics_core.plugins import PluginRegistry, PluginWarning

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


def registry_of(fake_plugins):
    return PluginRegistry(search_path=[str(fake_plugins.folder)])


def test_a_plugin_gives_its_commands_and_media_functions(fake_plugins):
    fake_plugins.add("pygraphics-greeter", GREETER, version="2.5")
    found = registry_of(fake_plugins)
    (plugin,) = found.plugins
    assert (plugin.distribution, plugin.version, plugin.name) == ("pygraphics-greeter", "2.5",
                                                                   "greeter")
    assert list(found.commands()) == ["Greet"]
    assert found.media_functions()["greet"]("Ada") == "hello Ada"
    assert found.function_owner("greet") is plugin
    assert found.problems == []


def test_plugins_load_once_and_only_when_asked(fake_plugins):
    module = fake_plugins.add("pygraphics-greeter", GREETER)
    import sys
    found = registry_of(fake_plugins)
    assert module not in sys.modules
    first = found.plugins
    assert module in sys.modules
    assert found.plugins is first


def test_the_plugin_of_one_package_loads_without_the_others(fake_plugins):
    import sys
    greeter = fake_plugins.add("pygraphics-greeter", GREETER)
    other = fake_plugins.add("pygraphics-other", SECOND_GREETER)
    found = registry_of(fake_plugins)
    plugin = found.plugin_in_package(greeter.partition(".")[0])
    assert plugin.distribution == "pygraphics-greeter" and plugin.module is not None
    assert greeter in sys.modules and other not in sys.modules
    assert found.plugin_in_package("no_such_package") is None
    assert [plugin.distribution for plugin in found.plugins] == ["pygraphics-greeter",
                                                                 "pygraphics-other"]
    assert other in sys.modules


def test_a_plugin_that_fails_to_import_is_named_and_the_others_work(fake_plugins):
    fake_plugins.add("pygraphics-broken", "import not_installed_anywhere\n")
    fake_plugins.add("pygraphics-greeter", GREETER)
    found = registry_of(fake_plugins)
    with pytest.warns(PluginWarning) as caught:
        functions = found.media_functions()
    assert "greet" in functions
    message = str(caught[0].message)
    assert "'pygraphics-broken'" in message and "entry point 'broken = " in message
    assert "No module named 'not_installed_anywhere'" in message
    assert [problem.distribution for problem in found.problems] == ["pygraphics-broken"]


def test_a_hook_that_raises_is_named_and_the_others_work(fake_plugins):
    fake_plugins.add("pygraphics-raising", RAISING_HOOK)
    fake_plugins.add("pygraphics-greeter", GREETER)
    found = registry_of(fake_plugins)
    with pytest.warns(PluginWarning, match=r"pygraphics_media_functions\(\) of the PyGraphics "
                                           r"plugin 'pygraphics-raising'.*KeyError"):
        assert list(found.media_functions()) == ["greet"]


def test_two_plugins_claiming_one_name_are_both_named_and_the_first_keeps_it(fake_plugins):
    fake_plugins.add("pygraphics-greeter", GREETER)
    fake_plugins.add("pygraphics-other", SECOND_GREETER)
    found = registry_of(fake_plugins)
    with pytest.warns(PluginWarning) as caught:
        commands = found.commands()
        functions = found.media_functions()
    assert commands["Greet"].arguments[0][0] == "name"
    assert functions["greet"]("Ada") == "hello Ada"
    messages = [str(warning.message) for warning in caught]
    assert any("'pygraphics-other'" in text and "'pygraphics-greeter'" in text
               and "command 'Greet'" in text for text in messages), messages
    assert any("'pygraphics-other'" in text and "'pygraphics-greeter'" in text
               and "media function 'greet'" in text for text in messages), messages


def test_a_misspelled_hook_is_reported_instead_of_silently_never_running(fake_plugins):
    fake_plugins.add("pygraphics-typo", MISSPELLED_HOOK)
    found = registry_of(fake_plugins)
    with pytest.warns(PluginWarning, match=r"'pygraphics-typo'.*pygraphics_command"):
        found.plugins
    assert found.plugins[0].failure is not None


def test_the_say_plugin_is_found_among_the_installed_distributions():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginWarning)  # other plugins may be mid-work
        found = PluginRegistry()
        assert found.plugin_named("pygraphics-say") is not None
        assert found.commands()["Say"].commandName == "Say"
        assert found.function_owner("say").distribution == "pygraphics-say"


# -- media.<name> ------------------------------------------------------------

@pytest.fixture
def registry_with(monkeypatch, fake_plugins):
    # No GUI process is wanted here: headless mode keeps the first lookup
    # from starting one early.
    monkeypatch.setenv("PYGRAPHICS_HEADLESS", "1")

    def use(*plugin_sources):
        for distribution, code in plugin_sources:
            fake_plugins.add(distribution, code)
        monkeypatch.setattr(plugins, "_registry", registry_of(fake_plugins))
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
    registry_with(("pygraphics-say", "raise ImportError('half-installed')\n"))
    with pytest.warns(PluginWarning), pytest.raises(AttributeError) as raised:
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


# -- the checks pluggy would make, and pluggy itself ---------------------------

NEEDS_AN_ARGUMENT = """
    from pygraphics_core import hookimpl

    @hookimpl
    def pygraphics_commands(settings):
        return []
"""

A_WRAPPER = """
    from pygraphics_core import hookimpl

    @hookimpl(wrapper=True)
    def pygraphics_commands():
        return (yield)
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


@pytest.mark.parametrize("source, complaint", [
    (NEEDS_AN_ARGUMENT, r"pygraphics_commands\(\) needs the arguments settings, but the hook "
                        r"pygraphics_commands\(\) is called with none"),
    (A_WRAPPER, r"pygraphics_commands\(\) is marked as a wrapper"),
    (MISSPELLED_HOOK, r"pygraphics_command\(\) is marked @hookimpl, but PyGraphics has no hook "
                      r"named 'pygraphics_command' \(its hooks are pygraphics_commands, "),
])
def test_a_hook_pygraphics_cannot_call_keeps_its_plugin_out(fake_plugins, source, complaint):
    fake_plugins.add("pygraphics-odd", source)
    fake_plugins.add("pygraphics-greeter", GREETER)
    found = registry_of(fake_plugins)
    with pytest.warns(PluginWarning, match=r"'pygraphics-odd'.* has a hook PyGraphics cannot "
                                           r"use: " + complaint):
        commands = found.commands()
    assert list(commands) == ["Greet"]
    assert [plugin.failure is None for plugin in found.plugins] == [True, False]


def test_pluggys_own_marker_specname_and_optional_hooks_work_as_in_pluggy(fake_plugins):
    fake_plugins.add("pygraphics-waver", NAMED_BY_SPECNAME_WITH_PLUGGYS_OWN_MARKER)
    found = registry_of(fake_plugins)
    assert list(found.commands()) == ["Wave"]
    assert found.problems == []
    assert plugins.check_with_pluggy(found) == []


def test_the_hook_specifications_and_the_installed_plugins_are_pluggys():
    # A real pluggy PluginManager reads the specifications and registers
    # every installed plugin, and its hook calls answer what ours answer.
    import pluggy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginWarning)
        found = PluginRegistry()
        ours = {name: command for _, commands in found.call_each("pygraphics_commands")
                for command in commands for name in [command.commandName]}
    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    loaded = [plugin for plugin in found.plugins if plugin.module is not None]
    assert {"pygraphics-say", "pygraphics-show"} <= {plugin.distribution for plugin in loaded}
    for plugin in loaded:
        manager.register(plugin.module)
    manager.check_pending()
    theirs = {command.commandName: command
              for commands in manager.hook.pygraphics_commands() for command in commands}
    assert theirs == ours
    assert sorted(hookspecs.HOOK_NAMES) == sorted(
        name for name in vars(manager.hook) if name.startswith("pygraphics_"))


def test_the_markers_refuse_options_pluggy_does_not_have():
    with pytest.raises(TypeError, match=r"hookimpl\(\) got unknown options \['first'\]"):
        hookspecs.hookimpl(first=True)


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
    monkeypatch.setattr(plugins, "_registry", registry_of(fake_plugins))
    namespace = {"__name__": "media", "get_pixel": "media's own"}
    with pytest.warns(PluginWarning) as caught:
        plugins.add_media_functions(namespace)
    assert namespace["get_pixel"] == "media's own"
    assert namespace["wave"](None, 0, 0) == "the plugin's"
    assert "not a name" not in namespace
    messages = [str(warning.message) for warning in caught]
    assert any("'pygraphics-clash'" in text and "media has its own 'get_pixel'" in text
               for text in messages), messages
    assert any("'not a name', which is not a name Python code can write" in text
               for text in messages), messages


def test_a_standard_function_without_its_plugin_says_what_to_install_when_called(
        fake_plugins, monkeypatch):
    monkeypatch.setattr(plugins, "_registry", registry_of(fake_plugins))  # none installed
    namespace = {"__name__": "media"}
    plugins.add_media_functions(namespace)
    assert set(namespace) == {"__name__", *plugins.STANDARD_FUNCTIONS}
    expected = ("media has no function 'choose_file': it comes with the plugin "
                "'pygraphics-pickers'. Install it with: pip install pygraphics-pickers")
    assert namespace["choose_file"].__doc__ == expected
    assert namespace["choose_file"].__name__ == "choose_file"
    with pytest.raises(AttributeError) as raised:
        namespace["choose_file"]("a title")
    assert str(raised.value) == expected
