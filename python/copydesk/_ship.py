"""Shipping a workspace to other processes: a ``Workspace`` pickles as its
configuration and registry files (never its articles), so Spark, Dask or
``multiprocessing`` send it with the job; each process unpacks and loads
one copy of each distinct workspace, however many tasks it runs.

The files are unpacked into a temporary folder that is removed as soon as
the workspace has loaded them: Spark and ``multiprocessing`` end their
workers with ``os._exit``, which runs no exit handler, so a folder kept
for the process's life would be left behind by every worker of every job
(a registry's size each). The loaded workspace keeps its bundle, so it
pickles again without its folder."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from typing import Any, Dict, Tuple

Files = Dict[str, bytes]
"""A workspace's files by path relative to its root (``/`` separators)."""

_loaded: Dict[str, Any] = {}
_lock = threading.Lock()


def bundle(config_path: str, root: str, registry_files: Any) -> Tuple[str, Files]:
    """The configuration (relative path) and the files a workspace needs."""
    root = os.path.realpath(root)
    files: Files = {}
    for path in [config_path, *map(str, registry_files)]:
        real = os.path.realpath(path)
        relative = os.path.relpath(real, root)
        if relative == os.pardir or relative.startswith(os.pardir + os.sep) or os.path.isabs(relative):
            raise ValueError(
                f"{path}: outside the workspace folder {root}, so it cannot be shipped with the workspace;"
                " move it under the folder of copydesk.toml"
            )
        with open(real, "rb") as f:
            files[relative.replace(os.sep, "/")] = f.read()
    return os.path.relpath(os.path.realpath(config_path), root).replace(os.sep, "/"), files


def unbundle(config: str, files: Files) -> Any:
    """The workspace of a bundle, loaded once per process and content."""
    from . import Workspace

    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    key = digest.hexdigest()
    for name in files:
        parts = name.split("/")
        if name.startswith("/") or os.path.isabs(name) or any(p in ("", ".", "..") for p in parts):
            raise ValueError(f"{name!r} is not a path inside a workspace folder")
    with _lock:
        if key not in _loaded:
            folder = tempfile.mkdtemp(prefix="copydesk-workspace-")
            try:
                for name, data in files.items():
                    target = os.path.join(folder, *name.split("/"))
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with open(target, "wb") as f:
                        f.write(data)
                workspace = Workspace(os.path.join(folder, *config.split("/")))
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            workspace._bundle = (config, files)
            _loaded[key] = workspace
        return _loaded[key]
