"""Which copy of a plugin is installed, and what PyGraphics says when it is the wrong one.

The installs are real ``.dist-info`` folders with pip's ``direct_url.json``
(PEP 610), as ``pip install`` and ``pip install -e`` leave them; the
end-to-end story, with pip itself, is in test_template_new_plugin.py.
"""

import json
import textwrap

import pytest

from pygraphics_core.plugin_installs import installed_copy_problem, plugin_project
from pygraphics_core.plugins import PluginRegistry


def install(site, name, module, *, editable_from=None, copy_from=None):
    """Leave in ``site`` what pip leaves for an install of ``name`` (entry point ``module``)."""
    info = site / f"{name.replace('-', '_')}-0.1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1.0\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[pygraphics]\nregion = {module}\n",
                                           encoding="utf-8")
    if editable_from is not None:
        record = {"url": editable_from.as_uri(), "dir_info": {"editable": True}}
    elif copy_from is not None:
        record = {"url": copy_from.as_uri(), "dir_info": {}}
    else:
        return  # from an index: no direct_url.json
    (info / "direct_url.json").write_text(json.dumps(record), encoding="utf-8")


def project(folder, name="pygraphics-lab-region", module="pygraphics_lab_region"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text(textwrap.dedent(f"""
        [project]
        name = "{name}"
        version = "0.1.0"

        [project.entry-points.pygraphics]
        region = "{module}"
    """), encoding="utf-8")
    return folder


@pytest.fixture
def site(tmp_path, monkeypatch):
    folder = tmp_path / "site-packages"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    return folder


def test_a_project_names_its_distribution_and_plugin_modules(tmp_path):
    assert plugin_project(project(tmp_path / "a")) == ("pygraphics-lab-region",
                                                        ["pygraphics_lab_region"])
    setup_cfg = tmp_path / "b"
    setup_cfg.mkdir()
    (setup_cfg / "setup.cfg").write_text(textwrap.dedent("""
        [metadata]
        name = pygraphics-colour-mixer

        [options.entry_points]
        pygraphics =
            colour_mixer = pygraphics_colour_mixer.plugin
    """), encoding="utf-8")
    assert plugin_project(setup_cfg) == ("pygraphics-colour-mixer",
                                         ["pygraphics_colour_mixer.plugin"])
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "setup.cfg").write_text("[metadata]\nname = not-a-plugin\n")
    assert plugin_project(tmp_path / "c") is None


def test_the_folder_installed_in_editable_mode_is_right(tmp_path, site):
    folder = project(tmp_path / "pygraphics-lab-region")
    install(site, "pygraphics-lab-region", "pygraphics_lab_region", editable_from=folder)
    assert installed_copy_problem(folder) is None


@pytest.mark.parametrize("how, said", [
    ("copy", "a copy that pip installed without -e"),
    ("index", "a copy that pip installed without -e"),
    ("elsewhere", "installed in editable mode from another folder"),
])
def test_any_other_install_is_refused_saying_which_and_what_to_do(tmp_path, site, how, said):
    folder = project(tmp_path / "pygraphics-lab-region")
    other = project(tmp_path / "old" / "pygraphics-lab-region")
    install(site, "pygraphics-lab-region", "pygraphics_lab_region",
            editable_from=other if how == "elsewhere" else None,
            copy_from=folder if how == "copy" else None)
    problem = installed_copy_problem(folder)
    assert said in problem
    assert f"pip install -e {folder.resolve()}" in problem


def test_not_installed_says_to_install_it(tmp_path, site):
    folder = project(tmp_path / "pygraphics-lab-region")
    assert "is not installed" in installed_copy_problem(folder)


def test_metadata_a_build_left_in_the_folder_is_no_install(tmp_path, site, monkeypatch):
    # pip install . leaves pygraphics_lab_region.egg-info in the folder; run from
    # there, Python finds it first, but the GUI processes never do.
    folder = project(tmp_path / "pygraphics-lab-region")
    install(site, "pygraphics-lab-region", "pygraphics_lab_region", editable_from=folder)
    install(folder, "pygraphics-lab-region", "pygraphics_lab_region")
    monkeypatch.syspath_prepend(str(folder))
    assert installed_copy_problem(folder) is None


def test_an_entry_point_naming_a_module_that_is_gone_says_to_reinstall(tmp_path, site):
    # An editable plugin whose module was renamed after pip read its entry point.
    folder = project(tmp_path / "pygraphics-lab-region")
    install(site, "pygraphics-lab-region", "pygraphics_lab_region_renamed.plugin",
            editable_from=folder)
    with pytest.warns(UserWarning):
        found = PluginRegistry(search_path=[str(site)])
    [problem] = found.problems
    assert "No module named 'pygraphics_lab_region_renamed'" in problem.message
    assert ("Its entry point names the module 'pygraphics_lab_region_renamed.plugin', which is "
            "not in "
            f"{folder}") in problem.message
    assert f"install it again so that pip reads them: pip install -e {folder}" in problem.message


def test_a_module_the_plugin_imports_that_is_missing_is_not_about_reinstalling(tmp_path, site):
    (site / "pygraphics_lab_region_needy.py").write_text("import a_library_nobody_installed\n")
    folder = project(tmp_path / "pygraphics-lab-region")
    install(site, "pygraphics-lab-region", "pygraphics_lab_region_needy", editable_from=folder)
    with pytest.warns(UserWarning):
        found = PluginRegistry(search_path=[str(site)])
    [problem] = found.problems
    assert "No module named 'a_library_nobody_installed'" in problem.message
    assert "install it again" not in problem.message
