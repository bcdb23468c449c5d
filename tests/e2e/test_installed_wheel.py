"""The cards ship inside the package: build the wheel, install it apart from the source
tree, and ask the installed companion for its library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_the_installed_wheel_carries_the_whole_library(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(wheels), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    [wheel] = wheels.glob("companion-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        shipped = [n for n in names if n.startswith("companion/activities/")]
        [licence] = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        assert archive.read(licence).startswith(b"MIT License")
        [metadata_name] = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = archive.read(metadata_name).decode()
    assert "companion/py.typed" in names
    assert "License-Expression: MIT" in metadata
    assert "Classifier: Programming Language :: Python :: 3.11" in metadata
    assert "Project-URL: Source, https://" in metadata
    assert "Requires-Dist: rich>=" in metadata  # imported directly, so declared
    sources = sorted((ROOT / "activities").rglob("*.toml"))
    assert len([n for n in shipped if n.endswith(".toml")]) == len(sources) == 72
    assert "companion/activities/nurture/lotion-hands.toml" in shipped

    target = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    elsewhere = tmp_path / "elsewhere"  # no source tree in sight
    elsewhere.mkdir()
    environment = {**os.environ, "PYTHONPATH": str(target), "COMPANION_HOME": str(tmp_path / "d")}

    def installed_companion(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "companion", *args],
            cwd=elsewhere, env=environment, capture_output=True, text=True, timeout=60,
        )  # fmt: skip

    where = subprocess.run(
        [sys.executable, "-c", "import companion; print(companion.__file__)"],
        cwd=elsewhere, env=environment, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert where.stdout.startswith(str(target))
    listed = installed_companion("activities", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)["activities"]) == 72
    checked = installed_companion("activities", "validate", str(target / "companion/activities"))
    assert (checked.returncode, checked.stdout) == (0, "All 72 card(s) are good.\n")
