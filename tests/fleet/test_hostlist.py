"""Host lists, ranges and --gather grouping: plain functions on plain text."""

from __future__ import annotations

import pytest

from iloshell.errors import UsageError
from iloshell.frontends.hostlist import HostEntry, expand, fold, gather, parse_file, parse_list


def test_ranges_expand_pdsh_style_keeping_zero_padding():
    assert expand("ilo-[01-03].lab") == ["ilo-01.lab", "ilo-02.lab", "ilo-03.lab"]
    assert expand("10.0.0.[1-2,9]") == ["10.0.0.1", "10.0.0.2", "10.0.0.9"]
    assert expand("r[1-2]n[1-2]") == ["r1n1", "r1n2", "r2n1", "r2n2"]


def test_a_list_splits_at_commas_outside_brackets_and_drops_repeats():
    names = [e.address for e in parse_list("a, ilo-[1,3] ,b,A")]
    assert names == ["a", "ilo-1", "ilo-3", "b"]


@pytest.mark.parametrize("bad", ["ilo-[3-1]", "ilo-[a-b]", "ilo-[1-2", "ilo-[1-999999999]"])
def test_bad_ranges_are_one_line_usage_errors(bad):
    with pytest.raises(UsageError):
        parse_list(bad)


def test_a_file_has_comments_urls_and_per_line_credentials():
    text = "# lab\nilo-[1-2] user=ops password-env=OPS_PW\n\nhttps://10.0.0.5:8443/  # spare\n"
    assert parse_file(text) == [
        HostEntry("ilo-1", "ops", "OPS_PW"),
        HostEntry("ilo-2", "ops", "OPS_PW"),
        HostEntry("https://10.0.0.5:8443/"),
    ]
    with pytest.raises(UsageError, match="hosts:1"):
        parse_file("ilo-1 pasword=x")


def test_labels_are_the_host_and_port_as_written():
    assert HostEntry("https://admin@10.0.0.5:8443/redfish").label == "10.0.0.5:8443"
    assert HostEntry("ilo-07.lab").label == "ilo-07.lab"


def test_fold_makes_ranges_again():
    assert fold(["ilo-01", "ilo-02", "ilo-03", "ilo-07"]) == "ilo-[01-03,07]"
    assert fold(["10.0.0.1", "10.0.0.2", "spare"]) == "10.0.0.[1-2],spare"
    assert fold(["ilo-9", "ilo-10"]) == "ilo-[9-10]"


def test_gather_groups_identical_texts_biggest_first():
    grouped = gather([("a1", "x\n"), ("a2", "y\n"), ("a3", "y\n")])
    assert grouped == [(["a2", "a3"], "y\n"), (["a1"], "x\n")]
