"""The wheel is portable: manylinux2014 (glibc 2.17) by its tags and by the
symbols its extension module needs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import copydesk


def wheel() -> Path:
    path = os.environ.get("COPYDESK_WHEEL")
    if not path:
        pytest.fail("set COPYDESK_WHEEL to the wheel that was installed")
    return Path(path)


def test_the_wheel_is_tagged_manylinux2014_abi3():
    with zipfile.ZipFile(wheel()) as whl:
        meta = whl.read("copydesk-0.1.0.dist-info/WHEEL").decode()
        names = set(whl.namelist())
    tags = [line.split(": ", 1)[1] for line in meta.splitlines() if line.startswith("Tag: ")]
    assert tags == ["cp38-abi3-manylinux2014_x86_64", "cp38-abi3-manylinux_2_17_x86_64"]
    assert wheel().name == "copydesk-0.1.0-cp38-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64.whl"
    assert {"copydesk/__init__.py", "copydesk/_copydesk.pyi", "copydesk/py.typed"} <= names
    assert "copydesk-0.1.0.dist-info/entry_points.txt" in names


def test_the_module_needs_nothing_newer_than_glibc_2_17():
    module = Path(copydesk._copydesk.__file__)
    symbols = subprocess.run(["objdump", "-T", str(module)], capture_output=True, text=True, check=True).stdout
    versions = {tuple(map(int, v)) for v in re.findall(r"GLIBC_(\d+)\.(\d+)", symbols)}
    assert versions and max(versions) <= (2, 17), sorted(versions)[-3:]


def test_auditwheel_agrees():
    shown = subprocess.run(
        [sys.executable, "-m", "auditwheel", "show", str(wheel())], capture_output=True, text=True, check=True
    ).stdout
    assert 'is consistent with the following platform tag: "manylinux_2_17_x86_64"' in " ".join(shown.split())
