"""Plugins are found by reading the installed distributions' files directly.

PyGraphics reads ``entry_points.txt`` and the metadata itself rather than
importing importlib.metadata (slow, on the first ``media.say``); these
tests hold it to what importlib.metadata finds, and show that anything
unusual on the search path is left to importlib.metadata.
"""

import sys
import zipfile

from pygraphics_core import hookspecs, plugins

GROUP = hookspecs.PROJECT_NAME


def test_the_installed_plugins_are_found_as_importlib_metadata_finds_them():
    scanned = plugins._scan_entry_points(None, GROUP)
    assert scanned == plugins._entry_points_from_importlib(None, GROUP)
    assert ("pygraphics-say", "say", "pygraphics_say.plugin") in [
        (name, entry, value) for name, _, entry, value in scanned]


def test_unusual_but_valid_metadata_is_read_as_importlib_metadata_reads_it(tmp_path):
    # Comments, other groups, spaces, a value with an attribute, an
    # .egg-info folder with PKG-INFO, headers after the first blank line,
    # a folder with no entry points and one in another group only.
    first = tmp_path / "First_Plugin-2.0.dist-info"
    first.mkdir()
    (first / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: First-Plugin\nVersion: 2.0\nSummary: x: y\n\n"
        "Name: not-this-one\n", encoding="utf-8")
    (first / "entry_points.txt").write_text(
        "# made by hand\n[console_scripts]\nfirst = first:main\n\n[pygraphics]\n"
        "  one=first_plugin.plugin  \n# two = skipped\ntwo = first_plugin.other:hooks.table\n"
        "[pygraphics.extra]\nthree = nothing\n", encoding="utf-8")
    second = tmp_path / "second.egg-info"
    second.mkdir()
    (second / "PKG-INFO").write_text("Metadata-Version: 1.0\nName: second\nVersion: 0.1\n",
                                     encoding="utf-8")
    (second / "entry_points.txt").write_text("[pygraphics]\nsecond = second_plugin\n",
                                             encoding="utf-8")
    (tmp_path / "empty-1.0.dist-info").mkdir()
    other = tmp_path / "other-1.0.dist-info"
    other.mkdir()
    (other / "METADATA").write_text("Name: other\nVersion: 1.0\n", encoding="utf-8")
    (other / "entry_points.txt").write_text("[pytest11]\nother = other\n", encoding="utf-8")

    search_path = [str(tmp_path), str(tmp_path / "missing")]
    scanned = plugins._scan_entry_points(search_path, GROUP)
    expected = plugins._entry_points_from_importlib(search_path, GROUP)
    assert sorted(scanned) == sorted(expected)
    assert sorted(scanned) == [
        ("First-Plugin", "2.0", "one", "first_plugin.plugin"),
        ("First-Plugin", "2.0", "two", "first_plugin.other:hooks.table"),
        ("second", "0.1", "second", "second_plugin"),
    ]


def test_a_zip_file_on_the_path_is_left_to_importlib_metadata(tmp_path):
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped-1.0.dist-info/METADATA", "Name: zipped\nVersion: 1.0\n")
        zipped.writestr("zipped-1.0.dist-info/entry_points.txt", "[pygraphics]\nz = zipped\n")
    assert plugins._scan_entry_points([str(archive)], GROUP) is None
    registry = plugins.PluginRegistry(search_path=[str(archive)])
    assert registry.found() == [{"distribution": "zipped", "version": "1.0", "name": "z",
                                 "module": "zipped"}]


def test_a_fresh_program_finds_plugins_without_importing_importlib_metadata(fake_plugins):
    import subprocess

    module = fake_plugins.add("pygraphics-quiet", "")
    program = (
        "import sys\n"
        "from pygraphics_core import plugins\n"
        "found = plugins.PluginRegistry().found()\n"
        "print('importlib.metadata' in sys.modules)\n"
        "print([entry['module'] for entry in found if entry['distribution'] == 'pygraphics-quiet'])\n")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.splitlines() == ["False", repr([module])]
