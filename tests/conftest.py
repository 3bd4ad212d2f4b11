"""Fixtures shared by every test: where the test data lives.

The mockups, DMTF schemas and registries the tests read come with the clone: the mockups as
``tests/data/mockups.tar.xz``, the schemas and registries as the package's own bundled copy
(``iloshell/model/dmtf/dmtf.zip``). Both are extracted once per test session into one temporary
folder laid out like ``../shared`` (``mockups/``, ``schemas/dmtf/``, ``registries/``), so the suite
runs from a fresh clone with nothing beside it. ``/work/shared`` stays the source they were copied
from (see tests/data/NOTICE.md).
"""

from __future__ import annotations

import atexit
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

import pytest

from iloshell.model.bundled import BUNDLE

DATA = Path(__file__).resolve().parent / "data"


def _extract() -> Path:
    """Unpack the test data into a folder removed when the test process ends (~0.5 s)."""
    folder = Path(tempfile.mkdtemp(prefix="iloshell-test-data-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    with tarfile.open(DATA / "mockups.tar.xz") as archive:
        kwargs = {"filter": "tar"} if hasattr(tarfile, "tar_filter") else {}
        archive.extractall(folder / "mockups", **kwargs)  # keeps the DL325's case symlinks
    with zipfile.ZipFile(BUNDLE) as archive:
        for name in archive.namelist():
            kind, _, file_name = name.partition("/")
            where = folder / ("schemas/dmtf" if kind == "schemas" else kind)
            where.mkdir(parents=True, exist_ok=True)
            (where / file_name).write_bytes(archive.read(name))
    return folder


SHARED = _extract()
MOCKUPS = SHARED / "mockups"
DL325 = MOCKUPS / "hpe-ilo5-dl325-gen10plus"
RACKMOUNT = MOCKUPS / "dmtf-public-rackmount1"
BLADED = MOCKUPS / "dmtf-public-bladed"
DMTF_SCHEMAS = SHARED / "schemas" / "dmtf"
REGISTRIES = SHARED / "registries"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The folder of test data (mockups/, schemas/dmtf/, registries/), as ../shared is laid out."""
    assert SHARED.is_dir(), f"expected the test data at {SHARED}"
    return SHARED


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory, monkeypatch):
    """Every test gets its own XDG folders: no stage, cache or history leaks between tests
    or into the developer's home."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    for name in ("ILO_URL", "ILO_USER", "ILO_PASSWORD", "NO_COLOR", "PAGER"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(scope="session")
def ca():
    """A throw-away certificate authority (trustme)."""
    import trustme

    return trustme.CA()


@pytest.fixture(scope="session")
def tls_files(ca, tmp_path_factory):
    """(certfile, keyfile, ca bundle) for a simulator on 127.0.0.1 signed by that CA."""
    folder = tmp_path_factory.mktemp("tls")
    cert = ca.issue_cert("127.0.0.1", "localhost")
    certfile, keyfile, bundle = folder / "cert.pem", folder / "key.pem", folder / "ca.pem"
    cert.cert_chain_pems[0].write_to_path(str(certfile))
    cert.private_key_pem.write_to_path(str(keyfile))
    ca.cert_pem.write_to_path(str(bundle))
    return certfile, keyfile, bundle


# -- simulators and shells: the one set of fixtures every test folder shares. A test module
# passes options through module-level names: SIMULATOR = {...} for simulate() (password=,
# mockup=), SHELL = {...} for the Shell's settings (assume_yes=True). A module whose tests only
# read shares one simulator: ``from tests.conftest import module_sim as sim``.


def _simulator(request):
    from iloshell.sim.testing import simulate

    with simulate(**getattr(request.module, "SIMULATOR", {})) as running:
        yield running


@pytest.fixture
def sim(request):
    """A fresh simulator (writes in one test never reach another)."""
    yield from _simulator(request)


@pytest.fixture(scope="module")
def module_sim(request):
    """One simulator for all the tests of a module that only read."""
    yield from _simulator(request)


@pytest.fixture
def shell(request):
    """An in-process shell logged in to the module's simulator."""
    from tests.shell.harness import Shell

    running = request.getfixturevalue("sim")
    session = Shell(running.url, **getattr(request.module, "SHELL", {}))
    yield session
    session.close()


CLI = [sys.executable, "-m", "iloshell.frontends.cli"]


def run_cli(sim, *args: str, **options) -> subprocess.CompletedProcess:
    """The real program, as a user runs it, logged in to ``sim``."""
    return subprocess.run(
        [*CLI, sim.url, "-u", sim.user, "-p", sim.password, *args],
        capture_output=True,
        text=True,
        timeout=60,
        **options,
    )
