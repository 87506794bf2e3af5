"""Shared fixtures. Qt renders offscreen; no test may open a network socket."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property tests: the `fuzz` profile (default, so `make test` runs it) tries 1,000 examples per
# property; HYPOTHESIS_PROFILE=dev runs 50 for a quick local check.
settings.register_profile("fuzz", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fuzz"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = ROOT / "sample_data"
SEED_FILES = sorted(SAMPLE_DATA.glob("*.txt"))

_real_socket = socket.socket


class NetworkBlocked(AssertionError):
    pass


class _GuardedSocket(_real_socket):
    """Any internet socket fails the test: the app must never touch the network."""

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):  # noqa: A002 - socket's own signature
        fam = socket.AF_INET if family == -1 else family
        if fileno is None and fam in (socket.AF_INET, socket.AF_INET6):
            raise NetworkBlocked(f"a code path tried to open a network socket (family {fam})")
        super().__init__(family, type, proto, fileno)


def _no_name_lookups(*args, **kwargs):
    """A DNS query is network traffic too (and leaks what is being looked up)."""
    raise NetworkBlocked(f"a code path tried to resolve a host name {args[:1]}")


_RESOLVERS = ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr")
_real_resolvers = {name: getattr(socket, name) for name in _RESOLVERS}


@pytest.fixture(autouse=True, scope="session")
def _no_network():
    socket.socket = _GuardedSocket
    for name in _RESOLVERS:
        setattr(socket, name, _no_name_lookups)
    yield
    socket.socket = _real_socket
    for name, fn in _real_resolvers.items():
        setattr(socket, name, fn)


@pytest.fixture(autouse=True)
def _no_thread_left_running():
    """Every test, not only the window's, ends with the threads it started ended, daemon threads
    included (a daemon thread still running is work the test did not wait for)."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 5
    while _new_threads(before) and time.monotonic() < deadline:
        time.sleep(0.02)
    leftover = _new_threads(before)
    assert not leftover, f"test left threads running: {leftover}"


def _new_threads(before: set[threading.Thread]) -> list[threading.Thread]:
    # A _DummyThread is a thread Python did not start (a QThread running Python code): Python
    # never learns that it ended. Window tests check those through workers.running_jobs().
    return [t for t in set(threading.enumerate()) - before
            if t.is_alive() and not isinstance(t, threading._DummyThread)]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Never touch the real per-user store or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ANNOTATOR_HOME", str(home))
    monkeypatch.setenv("ANNOTATOR_DB", str(home / "annotator.db"))
    monkeypatch.setenv("ANNOTATOR_ANALYST", "tester")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def empty_db(db_path):
    from annotator.store import open_store

    db = open_store(db_path)
    yield db
    db.close()


@pytest.fixture
def sample_db(db_path):
    """A store with the two seed pages imported (12 items)."""
    from annotator.services.importing import import_paths
    from annotator.store import open_store

    db = open_store(db_path)
    report = import_paths(db, [SAMPLE_DATA], analyst="tester")
    assert not report.failed
    yield db
    db.close()


@pytest.fixture
def sample_copy(tmp_path) -> Path:
    dest = tmp_path / "pages"
    shutil.copytree(SAMPLE_DATA, dest)
    return dest
