"""The config file: known keys are read, unknown or mistyped ones are warnings, never a crash."""

from __future__ import annotations

from iloshell.frontends.config import DEFAULT_TEXT, Config, load_config, write_default_config


def test_values_are_read(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('vi_mode = true\npager = false\nstyle = "monokai"\ntoolbar = false\n')
    config, warnings = load_config(path)
    assert warnings == []
    assert (config.vi_mode, config.pager, config.style, config.toolbar) == (
        True,
        False,
        "monokai",
        False,
    )


def test_unknown_keys_and_wrong_types_are_named(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('colour = "red"\nworkers = "many"\ninsecure = true\n')
    config, warnings = load_config(path)
    assert any("'colour'" in w for w in warnings)
    assert any("workers" in w for w in warnings)
    assert config.insecure is True and config.workers == Config().workers


def test_a_broken_file_is_a_warning(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("this is = = not toml")
    config, warnings = load_config(path)
    assert config == Config() and len(warnings) == 1


def test_the_written_default_loads_without_warnings(tmp_path):
    path = write_default_config(tmp_path / "iloshell" / "config.toml")
    assert path.read_text() == DEFAULT_TEXT
    assert load_config(path) == (Config(), [])
