"""Installs like a real package: the built wheel, installed into a fresh virtual environment and
run from outside the source tree, imports pages, tags them (the gazetteer is read from inside the
installed package), exports and renders the window. Nothing here may come from the checkout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE_DATA

pytestmark = pytest.mark.packaging


def run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> str:
    """Run, require success, return stdout (stderr when stdout is empty)."""
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout or done.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """(bin folder, environment) of a fresh venv holding only the wheel; the third-party packages
    it depends on are borrowed from the test environment by a path entry (not its .pth files, so
    the development install of annotator stays out)."""
    base = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "PYTHON"))}
    env.update(ANNOTATOR_HOME=str(base / "home"), ANNOTATOR_ANALYST="wheel-test", QT_QPA_PLATFORM="offscreen",
               ANNOTATOR_STARTUP_BACKUP="off", PIP_DISABLE_PIP_VERSION_CHECK="1")
    source = base / "source"  # build from a copy: the build leaves build/ and *.egg-info behind
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".*cache*", "bench_out", "tests", "*.db*"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-v", "-w", str(base / "dist")],
                           cwd=base, env=env, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    # `make run` shows a newcomer the build's warnings (pip 24+ even with -q; -v here for any pip):
    # no setuptools wall about data folders it would ignore
    assert "would be ignored" not in built.stdout + built.stderr, built.stderr
    wheel = next((base / "dist").glob("annotator-*.whl"))
    venv = base / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], base, env)
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)], base, env)
    purelib = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], base, env).strip())
    (purelib / "borrowed_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return venv / "bin", env


def test_the_installed_package_reads_its_data_from_inside_itself(installed, tmp_path):
    bin_dir, env = installed
    out = run([str(bin_dir / "python"), "-c",
               "import annotator, annotator.paths as p; print(annotator.__file__); "
               "print(p.resource('gazetteer', 'syria.json')); print(len(p.resource('map', 'boundaries.json').read_text())); "
               "print(len(p.resource('map', 'governorates.json').read_text()))"],
              tmp_path, env)
    package_file, syria, size, governorates = out.split()[:4]
    site = str(bin_dir.parent)
    assert package_file.startswith(site) and syria.startswith(site) and "annotator/resources" in syria
    assert int(size) > 1000 and int(governorates) > 1000 and str(ROOT) not in out


def test_the_wheel_imports_tags_exports_and_opens_the_window(installed, tmp_path):
    bin_dir, env = installed
    annotator = str(bin_dir / "annotator")
    pages = tmp_path / "pages"
    shutil.copytree(SAMPLE_DATA, pages)
    store = str(tmp_path / "s.db")
    assert "0 failed" in run([annotator, "import", str(pages), "--db", store], tmp_path, env)
    run([annotator, "tag", "--db", store, "--jobs", "2"], tmp_path, env)  # workers start from the wheel too
    stats = json.loads(run([annotator, "stats", "--db", store, "--json"], tmp_path, env))
    assert '"location"' in json.dumps(stats["annotations"])  # places found: the gazetteer loaded from the package
    out = tmp_path / "out.jsonl"
    run([annotator, "export", "--db", store, "--format", "jsonl", "--out", str(out)], tmp_path, env)
    assert out.read_text(encoding="utf-8").count("\n") == 12
    shot = tmp_path / "shot.png"
    run([annotator, "gui", "--db", store, "--screenshot", str(shot)], tmp_path, env)
    assert shot.stat().st_size > 10_000


def test_the_development_install_reads_the_same_package_data():
    """An editable install maps annotator.resources onto the resources/ folder (setup.py)."""
    import importlib.util

    from annotator import paths

    spec = importlib.util.find_spec("annotator.resources")
    assert spec is not None, "stale development install: run .venv/bin/pip install -e '.[test]' again"
    assert Path(spec.origin).parent == ROOT / "resources"
    assert paths.resource("gazetteer", "syria.json").read_text(encoding="utf-8").lstrip().startswith("{")
