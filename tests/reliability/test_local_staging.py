"""Changes that could never apply are never staged (issue #10): an ``@odata.etag`` is
refused in one line, an empty merge patch is reported as changing nothing, and NaN/Infinity
typed after ``:=`` are not JSON."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "path",
    ["/Systems/1/@odata.etag", "/Systems/1/Bios/@odata.etag", "/Systems/1/Oem/Hpe/@odata.etag"],
)
def test_an_etag_is_refused(shell, path):
    result = shell.run(f"set {path}=x")
    assert result.code == 4
    assert result.err == (
        f"-c:1: not staged: {path} is the version the service gives the resource; "
        "no PATCH sets it (commit sends it as If-Match by itself)\n"
    )
    assert shell.ok("status").strip() == "nothing staged"


@pytest.mark.parametrize(
    "path", ["/Systems/1/Oem", "/Systems/1/Bios/Attributes", "/Systems/1/Boot"]
)
def test_an_empty_object_changes_nothing_and_is_not_staged(shell, path):
    result = shell.run(f"set {path}:={{}}")
    assert result.code == 0
    assert result.err == f"{path}: an empty object changes nothing; not staged\n"
    assert shell.ok("status").strip() == "nothing staged"


def test_nan_is_text_after_equals_and_refused_after_colon_equals(shell):
    refused = shell.run("set /Systems/1/AssetTag:=NaN")
    assert refused.code == 2 and "NaN is not a JSON number" in refused.err
    shell.ok("set /Systems/1/AssetTag=Infinity")
    assert '-> "Infinity"' in shell.ok("status")
    shell.ok("discard -a")
