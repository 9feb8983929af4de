"""The examples in the sound modules' docstrings run, and give what they show.

(The sound functions students call live in media: test_media_api runs their
examples, with everything else help(media) shows.)
"""

import doctest
import importlib

import pytest

import media

MODULES = ["pygraphics_core.sounds", "pygraphics_core.notes", "pygraphics_core.wav_files",
           "pygraphics_core.sample_arrays"]


@pytest.mark.parametrize("module_name", MODULES)
def test_docstring_examples(module_name, tmp_path, monkeypatch):
    # Examples save files such as 'quiet.wav' in the current folder, and the
    # classes' examples are written as a student types them, after import media.
    monkeypatch.chdir(tmp_path)
    module = importlib.import_module(module_name)
    results = doctest.testmod(module, extraglobs={"media": media},
                              optionflags=doctest.ELLIPSIS)
    assert results.failed == 0
    if module_name in ("pygraphics_core.sounds", "pygraphics_core.notes"):
        assert results.attempted > 0
