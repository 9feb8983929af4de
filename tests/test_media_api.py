"""The media module as a whole: PyGraphics 2.1's names, the examples in its
docstrings (run here as doctests), copy/save/save_as for pictures and sounds,
the plugin functions, and a cheap ``import media``."""

import doctest
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

import media
from pygraphics_core import headless, plugins
from pygraphics_core.sounds import Sound

NAMES_OF_21 = """
load_picture create_picture crop_picture crop get_pixel get_pixels get_width
get_height add_line add_text add_rect add_rect_filled add_oval add_oval_filled
add_polygon add_polygon_filled set_red get_red set_green get_green set_blue
get_blue get_color set_color get_x get_y distance darken lighten create_color
save save_as copy Picture Pixel Color
""".split()

PICTURE_METHODS_OF_21 = """
get_image set_title get_title get_filename has_coordinates add_text_with_style
add_line add_text add_rect add_rect_filled add_oval add_oval_filled add_polygon
add_polygon_filled get_pixel get_width get_height crop copy save save_as
show update close inspect close_inspect set_image
""".split()


def test_every_name_of_21_is_in_media():
    missing = [name for name in NAMES_OF_21 if name not in vars(media)]
    assert missing == []
    missing_methods = [name for name in PICTURE_METHODS_OF_21 if not hasattr(media.Picture, name)]
    assert missing_methods == []


def public_functions():
    return [
        function for name, function in vars(media).items()
        if inspect.isfunction(function) and not name.startswith("_")
        and function.__module__ == "media"
    ]


def test_every_function_has_a_one_line_summary_and_an_example():
    for function in public_functions():
        doc = inspect.getdoc(function)
        assert doc, f"{function.__name__} has no docstring"
        assert doc.splitlines()[0].endswith((".", ":")), function.__name__
        assert ">>> " in doc, f"{function.__name__} has no example"


# --- help(media): complete, plain text, and every example runs as typed ------------

#: What the user picks or types in the dialogs of the plugins' examples.
ANSWERS = {
    "choose_file": ["beach.png"], "choose_save_filename": ["sunset.png"],
    "choose_folder": ["."], "choose_color": [(255, 128, 0)], "ask": ["Ada"],
    "ask_password": ["secret"], "ask_number": [19], "ask_integer": [3],
    "ask_yes_no": [True], "ask_choice": ["sepia"], "ask_choices": [["red", "blue"]],
}

#: What help() must not show: doctest directives and reStructuredText markup.
MARKUP = ["# doctest:", "``", ":func:`", ":meth:`", ":class:`", ":mod:`", ":data:`",
          ":exc:`", ":attr:`", "\n.. ", "::\n"]


def ours(name):
    """True for media's own names and the standard plugins' functions.

    A course's plugin that happens to be installed where the tests run is
    its authors' business, not this suite's.
    """
    owner = plugins.registry().function_owner(name)
    return owner is None or owner.distribution in set(plugins.STANDARD_FUNCTIONS.values())


def names_in_help():
    """media's own names (its __all__) and the standard plugins' functions."""
    return [name for name in dict.fromkeys([*media.__all__, *plugins.registry().media_functions()])
            if ours(name)]


def docstrings_in_help():
    """(name, docstring) of all that help(media) shows, methods of its classes included."""
    yield "media", media.__doc__
    for name in names_in_help():
        value = getattr(media, name)
        if isinstance(value, media.Color):
            continue  # a named colour: help shows its value
        yield name, value.__doc__
        if inspect.isclass(value):
            for attribute, member in vars(value).items():
                if not attribute.startswith("_") and callable(member) and member.__doc__:
                    yield f"{name}.{attribute}", member.__doc__


@pytest.fixture
def students_folder(tmp_path, monkeypatch):
    """The folder a student works in, with a picture to choose; dialogs answered."""
    from importlib import resources
    import shutil

    shutil.copy(resources.files("pygraphics_core") / "samples" / "beach.png", tmp_path)
    monkeypatch.chdir(tmp_path)
    headless.enable(answers={name: list(values) for name, values in ANSWERS.items()})
    yield tmp_path
    headless.disable()


#: Functions whose examples work only in a Jupyter notebook; they run there,
#: in a real kernel (tests/test_notebook_mode.py runs this one's example).
NOTEBOOK_ONLY = {"use_notebook"}


def test_every_example_help_shows_runs_as_typed_after_import_media(students_folder):
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    names_with_examples = []
    for name, docstring in docstrings_in_help():
        if name in NOTEBOOK_ONLY:
            continue
        test = parser.get_doctest(docstring or "", {"media": media}, name, None, 0)
        if test.examples:
            names_with_examples.append(name)
            runner.run(test)
    results = runner.summarize(verbose=False)
    assert results.failed == 0
    for name in ["show", "update", "close", "choose_file", "say", "ask", "play", "Color",
                 "Sound", "load_sound", "get_left", "concatenate"]:
        assert name in names_with_examples, name
    assert results.attempted >= 2 * len(public_functions())


def test_help_shows_no_doctest_markers_or_markup():
    import pydoc

    shown = {"media": pydoc.render_doc(media, renderer=pydoc.plaintext)}
    for name in names_in_help():
        shown[name] = pydoc.render_doc(getattr(media, name), renderer=pydoc.plaintext)
    for name, text in shown.items():
        for markup in MARKUP:
            assert markup not in text, f"help(media.{name}) shows {markup!r}"


def test_help_of_media_lists_media_own_names_with_a_topic_index_first():
    import pydoc

    text = pydoc.render_doc(media, renderer=pydoc.plaintext)
    index = text.index("What is here, by topic")
    for topic in ["Pictures:", "Pixels:", "Colours:", "Drawing:", "Windows:", "Dialogs:",
                  "Sounds:", "Samples:"]:
        assert topic in text[index:index + 3000], topic
    for name in media.__all__:
        assert name in text, name
    for name in ["load_sound", "get_samples", "get_left", "aliceblue"]:
        assert f"\n    {name}" in text, name
    for name in ["Color", "Picture", "Pixel", "Sound", "Note", "MonoSample", "StereoSample"]:
        assert f"\n    class {name}(" in text, name


def test_the_topic_index_names_every_function_and_only_real_ones():
    index = media.__doc__.split("What is here, by topic")[1]
    listed = set(re.findall(r"\b[a-z_]+[a-z]\b", index)) & set(dir(media))
    functions = {name for name in media.__all__
                 if inspect.isfunction(getattr(media, name)) and ours(name)}
    gone = {"show_external", "get_waveform"}
    assert functions - gone - listed == set()
    assert set(plugins.STANDARD_FUNCTIONS) - listed == set()
    for name in re.findall(r"(\w+)(?:,|\.\n)", index.split("The things they work on")[0]):
        assert hasattr(media, name) or name in ("etc",), name


def test_all_holds_media_own_public_names():
    own = {name for name, value in vars(media).items()
           if not name.startswith("_") and (inspect.isfunction(value) or inspect.isclass(value))
           and name not in plugins.registry().media_functions()
           and name not in plugins.STANDARD_FUNCTIONS}
    assert own - set(media.__all__) == set()
    assert set(media.__all__) <= set(vars(media))
    assert len([name for name in media.__all__ if isinstance(getattr(media, name), media.Color)]) == 140
    assert len(media.__all__) == len(set(media.__all__))


def test_help_of_media_shows_the_plugins_functions_too():
    import pydoc

    text = pydoc.render_doc(media, renderer=pydoc.plaintext)
    for name in ["show", "update", "close", "inspect", "choose_file", "say", "play"]:
        assert f"\n    {name}(" in text, name


def test_the_fast_get_pixel_and_get_sample_do_what_their_readable_versions_say():
    # media.get_pixel and media.get_sample are one-step versions of the
    # functions their help shows (see the end of media.py): same results,
    # same errors.
    pic = media.create_picture(5, 3)
    snd = media.create_sound(4, channels=1)
    cases = [
        (media.get_pixel, [(pic, 4, 2), (pic, 0, 0), (pic, 5, 0), (pic, 2, 3), (pic, -1, 0),
                           (pic, 1.0, 0), (pic, "1", 0), (5, 0, 0), (None, 0, 0), (pic, 2, 4)]),
        (media.get_sample, [(snd, 0), (snd, 3), (snd, -1), (snd, 4), (snd, -5), (snd, 1.0),
                            (snd, "1"), (pic, 0), (None, 0)]),
    ]
    for fast, arguments in cases:
        readable = fast.__wrapped__
        assert readable.__module__ == "media" and fast.__doc__ == readable.__doc__
        for args in arguments:
            outcomes = []
            for function in (fast, readable):
                try:
                    outcomes.append(("returned", repr(function(*args))))
                except Exception as error:
                    outcomes.append((type(error).__name__, str(error)))
            assert outcomes[0] == outcomes[1], (fast.__name__, args, outcomes)


def test_importing_media_opens_nothing_and_loads_no_pillow_or_tk():
    code = (
        "import sys, threading, media\n"
        "assert 'PIL' not in sys.modules, 'Pillow imported'\n"
        "assert 'tkinter' not in sys.modules, 'tkinter imported'\n"
        "assert 'pygraphics_core.client' not in sys.modules, 'client imported'\n"
        "assert threading.active_count() == 1\n"
        "print(len(media.aliceblue.get_rgb()))\n"
    )
    finished = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip() == "3"


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="module 'media' has no attribute 'no_such_thing'"):
        media.no_such_thing


def test_a_missing_plugin_says_which_package_to_install(tmp_path):
    # Without site-packages (-S) no plugin is installed, as in a bare
    # `pip install pygraphics`: only PyGraphics and pluggy are importable.
    import pluggy

    (tmp_path / "pluggy").symlink_to(Path(pluggy.__file__).parent, target_is_directory=True)
    code = (
        "import sys; sys.path[:0] = sys.argv[1:]\n"
        "import media\n"
        "print(media.show.__doc__)\n"
        "try:\n"
        "    media.show(media.create_picture(2, 2))\n"
        "except AttributeError as error:\n"
        "    print(error)\n"
    )
    root = str(Path(media.__file__).parent)
    finished = subprocess.run([sys.executable, "-S", "-c", code, root, str(tmp_path)],
                              capture_output=True, text=True, timeout=60)
    expected = ("media has no function 'show': it comes with the plugin 'pygraphics-show'. "
                "Install it with: pip install pygraphics-show")
    assert finished.stdout.splitlines() == [expected, expected], finished.stderr


def test_a_missing_plugin_is_named_by_the_picture_methods_that_need_it(tmp_path, monkeypatch):
    monkeypatch.setattr(plugins, "_registry", plugins.PluginRegistry(search_path=[str(tmp_path)]))
    with pytest.raises(AttributeError, match="pip install pygraphics-show"):
        media.create_picture(2, 2).show()


def test_from_media_import_star_gives_the_plugins_functions_too():
    # Course notes of 2.1 start with "from media import *" and call show().
    names = {}
    exec("from media import *", names)
    assert {"show", "say", "choose_file", "load_picture", "red"} <= set(names)
    assert names["say"] is media.say


def test_help_and_tab_completion_show_the_plugins_functions():
    import pydoc
    import rlcompleter

    text = pydoc.render_doc(media, renderer=pydoc.plaintext)
    for name in ["say", "show", "update", "choose_file", "ask_number", "play"]:
        assert f"\n    {name}(" in text, name
        assert name in media.__all__ and name in dir(media)
    completer = rlcompleter.Completer({"media": media})
    assert "media.show(" in [completer.complete("media.sh", state) for state in range(5)]


def test_a_plugin_whose_front_end_imports_media_works(fake_plugins):
    # import media loads the plugins' front ends, and one of them may well
    # import media itself (a course's "show two pictures" plugin does).
    fake_plugins.add("pygraphics-twice", """
        import media
        from media import get_width, _picture

        from pygraphics_core import hookimpl

        def width_twice(pic):
            "Return twice the width of pic."
            return 2 * get_width(_picture(pic, "width_twice"))

        @hookimpl
        def pygraphics_media_functions():
            return {"width_twice": width_twice}
    """)
    code = "import media\nprint(media.width_twice(media.create_picture(3, 1)))\n"
    finished = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=60)
    assert finished.stdout.strip() == "6", finished.stderr


def test_media_is_a_plain_module_without_a_module_getattr():
    # The plugins' functions are bound when media is imported. A module
    # __getattr__ would stop CPython (3.11+) from specialising media.<name>
    # lookups, which a pixel loop makes millions of times (see
    # bench/bench_pixels.py).
    assert "__getattr__" not in vars(media)
    assert media.say.__module__ == "pygraphics_say.front_end"


# --- copy, save and save_as on pictures, sounds and other things -----------------------


def test_copy_works_on_pictures_colours_and_sounds():
    sound = Sound(seconds=0.01)
    assert isinstance(media.copy(sound), Sound) and media.copy(sound) is not sound
    assert media.copy(media.red) == media.red
    pic = media.create_picture(2, 2)
    assert media.copy(pic).to_bytes() == pic.to_bytes()


@pytest.mark.parametrize("thing", [5, "cat.jpg", [1, 2], None])
def test_copy_and_save_refuse_other_things(thing):
    with pytest.raises(TypeError, match="copy works on pictures, sounds and colours, but got"):
        media.copy(thing)
    with pytest.raises(TypeError, match="save works on pictures and sounds, but got"):
        media.save(thing)


def test_save_as_refuses_other_things_including_colours():
    with pytest.raises(TypeError, match=r"save_as works on pictures and sounds, but got \{\} \(a dict\)"):
        media.save_as({}, "x.png")
    with pytest.raises(TypeError, match=r"save_as works on pictures and sounds, but got Color\(255, 0, 0\)"):
        media.save_as(media.red, "x.png")


def test_save_as_and_save_work_on_sounds(tmp_path):
    sound = Sound(seconds=0.01)
    assert media.save_as(sound, tmp_path / "beep.wav") == tmp_path / "beep.wav"
    assert sound.get_filename() == str(tmp_path / "beep.wav")
    media.save(sound)
    assert (tmp_path / "beep.wav").stat().st_size > 44


@pytest.fixture
def headless_session():
    yield headless.enable
    headless.disable()


def test_saving_a_new_picture_asks_where(tmp_path, headless_session):
    target = tmp_path / "asked.png"
    session = headless_session(answers={"choose_save_filename": [str(target)]})
    pic = media.create_picture(3, 3, media.plum)
    assert media.save(pic) is None
    assert media.load_picture(target).to_bytes() == pic.to_bytes()
    assert pic.get_filename() == str(target)
    assert len(session.calls("choose_save_filename")) == 1


def test_save_as_without_a_name_asks_where(tmp_path, headless_session):
    target = tmp_path / "named.bmp"
    headless_session(answers={"choose_save_filename": [str(target)]})
    assert media.save_as(media.create_picture(3, 3)) == str(target)
    assert target.exists()


def test_cancelling_the_question_saves_nothing_and_says_so(tmp_path, headless_session, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    headless_session(answers={"choose_save_filename": [None]})
    pic = media.create_picture(3, 3)
    assert media.save(pic) is None
    assert "Nothing was saved" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    assert pic.get_filename() == ""


def test_saving_a_new_picture_without_the_pickers_plugin_says_to_use_save_as(tmp_path, monkeypatch):
    monkeypatch.setattr(plugins, "_registry", plugins.PluginRegistry(search_path=[str(tmp_path)]))
    with pytest.raises(ValueError, match=r"is not installed: give the name yourself, for example media.save_as\(pic, \"name.png\"\)"):
        media.save(media.create_picture(2, 2))


def test_the_show_method_of_21_shows_the_picture(headless_session):
    session = headless_session()
    pic = media.create_picture(4, 2, media.coral)
    pic.show()
    assert session.pictures[-1].tobytes() == pic.to_bytes()
