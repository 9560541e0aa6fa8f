"""``pip install .`` (not only editable) works and finds the ontology."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_builds_one_document(tmp_path: Path):
    """A wheel built from the checkout, installed in a fresh venv, runs 'kg build' on one file."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(wheels), str(ROOT)],
        check=True,
    )  # fmt: skip
    wheel = next(wheels.glob("militant_kg-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    # the test's own environment has the dependencies: the new venv sees them through a
    # .pth file (whose folder's own .pth files, an editable install's among them, are not
    # run), so only the wheel itself is installed and no network is needed
    site = Path(sysconfig.get_path("purelib", vars={"base": str(env_dir)}))
    own = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site / "_test_deps.pth").write_text("\n".join(sorted(own)) + "\n")
    subprocess.run(
        # --ignore-installed: the test environment may hold militant-kg itself (through the
        # .pth file), and the wheel must still be installed into the new venv
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--ignore-installed", "-q", str(wheel)],
        check=True,
    )  # fmt: skip
    doc = tmp_path / "one.txt"
    doc.write_text("Islamic State claimed responsibility for a suicide bombing in Kabul.\n")
    out = tmp_path / "exports"
    result = subprocess.run(
        [str(env_dir / "bin" / "kg"), "build", str(doc), "--out", str(out)],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "claimedBy" in (out / "graph.ttl").read_text(encoding="utf-8")
    listed = subprocess.run(
        [str(env_dir / "bin" / "kg"), "queries"], capture_output=True, text=True, cwd=tmp_path,
        check=True,
    )  # fmt: skip
    assert "claims-by-group" in listed.stdout
