"""The PEP 517 backend of `pip wheel .` / `pip install .`: maturin's, with
portable Linux wheels by default.

maturin's backend builds wheels for the machine it runs on (tag
`linux_x86_64`, glibc of the build machine). On Linux this one asks it for
manylinux2014 (glibc 2.17) linked with zig from PyPI instead, so the wheel
`pip wheel .` makes runs on Amazon Linux 2, RHEL 7/8 and Ubuntu 18.04+.
Arguments given with `-C maturin.build-args=...` or `MATURIN_PEP517_ARGS`
are kept (e.g. `--profile dev` for a quick debug build); one that names a
`--compatibility` replaces the default.
"""

from __future__ import annotations

import shlex
import sys
from typing import Any, Dict, Mapping, Optional

import maturin
from maturin import (  # noqa: F401  (the hooks this backend re-exports unchanged)
    build_sdist,
    get_requires_for_build_sdist,
    get_requires_for_build_wheel,
    prepare_metadata_for_build_wheel,
)

PORTABLE = ["--compatibility", "manylinux2014", "--zig"]


def _settings(config_settings: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
    settings = dict(config_settings or {})
    args = maturin.get_maturin_pep517_args(settings)
    if sys.platform.startswith("linux") and "--compatibility" not in args and "--manylinux" not in args:
        args = [*PORTABLE, *args]
    settings["maturin.build-args"] = shlex.join(args)
    settings.pop("build-args", None)
    return settings


def build_wheel(
    wheel_directory: str,
    config_settings: Optional[Mapping[str, Any]] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    """A portable wheel (see the module's documentation)."""
    return maturin.build_wheel(wheel_directory, _settings(config_settings), metadata_directory)


def build_editable(
    wheel_directory: str,
    config_settings: Optional[Mapping[str, Any]] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    """An editable install (for `pip install -e .`), built for this machine."""
    return maturin.build_editable(wheel_directory, config_settings, metadata_directory)


__all__ = [
    "build_editable",
    "build_sdist",
    "build_wheel",
    "get_requires_for_build_sdist",
    "get_requires_for_build_wheel",
    "prepare_metadata_for_build_wheel",
]
