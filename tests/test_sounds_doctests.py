"""The examples in the sound modules' docstrings run, and give what they show."""

import doctest
import importlib

import pytest

MODULES = ["pygraphics_core.sounds", "pygraphics_core.notes", "pygraphics_core.wav_files",
           "pygraphics_core.sample_arrays"]


@pytest.mark.parametrize("module_name", MODULES)
def test_docstring_examples(module_name, tmp_path, monkeypatch):
    # Examples save files such as 'beep.wav' in the current folder.
    monkeypatch.chdir(tmp_path)
    module = importlib.import_module(module_name)
    results = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert results.failed == 0
    if module_name in ("pygraphics_core.sounds", "pygraphics_core.notes"):
        assert results.attempted > 0


def test_every_public_sound_function_shows_an_example():
    from pygraphics_core import sounds

    for name in dir(sounds):
        function = getattr(sounds, name)
        if (callable(function) and not name.startswith("_") and not isinstance(function, type)
                and getattr(function, "__module__", None) == sounds.__name__):
            assert function.__doc__ and ">>>" in function.__doc__, name
