"""copydesk for Python: actor linking, name and sourcing checks for news corpora.

The analysis is copydesk's own (the Rust core, compiled into
``copydesk._copydesk``); a record is exactly a line of
``copydesk export --format jsonl``::

    import copydesk

    ws = copydesk.Workspace("newsroom/")          # its copydesk.toml and registry
    record = ws.analyze(text, path="a.md", date="2024-03-01")
    for record in ws.analyze_many(texts):         # parallel, without the GIL
        ...
    ws.registry.lookup("Zelensky")                # the actors a form may name

Errors in the configuration or the registry raise :class:`CopydeskError`,
whose ``problems`` give each file, line and column.
"""

from __future__ import annotations

import datetime
import json
from concurrent.futures import ThreadPoolExecutor
from os import PathLike
from typing import Any, Dict, Iterable, Iterator, List, Literal, Mapping, Optional, Tuple, Union, overload

from . import _copydesk, _ship
from ._copydesk import CopydeskError, Registry
from .totals import Totals

__all__ = ["CopydeskError", "Registry", "Totals", "Workspace", "__version__"]

__version__: str = _copydesk.__version__

Date = Union[str, datetime.date, None]
"""A date: ``"YYYY-MM-DD"``, a ``datetime.date`` (or ``datetime``), or ``None``."""

Item = Union[str, Mapping[str, Any]]
"""What ``analyze_many`` takes: a text, or a mapping with ``text`` and
optionally ``path``, ``date`` and ``id`` (a line of ``--stdin-jsonl``)."""

Record = Dict[str, Any]
"""An export record: ``findings``, ``mentions``, ``metadata``, ``quotes``,
``text``, and ``path``/``id`` when given."""


def _date(date: Date) -> Optional[str]:
    if date is None or isinstance(date, str):
        return date
    if isinstance(date, datetime.date):
        return date.strftime("%Y-%m-%d")
    raise TypeError(f"date must be a 'YYYY-MM-DD' string or a datetime.date, not {type(date).__name__}")


def _item(item: Item) -> Tuple[str, Optional[str], Optional[str], Optional[str]]:
    """A batch entry: text, path, date and the id as JSON (or ``None``)."""
    if isinstance(item, str):
        return item, None, None, None
    if not isinstance(item, Mapping):
        raise TypeError(f"expected a text or a mapping with 'text', not {type(item).__name__}")
    text = item.get("text")
    if not isinstance(text, str):
        raise TypeError("an item needs a 'text' string")
    path, ident = item.get("path"), item.get("id")
    return text, None if path is None else str(path), _date(item.get("date")), None if ident is None else json.dumps(ident)


class Workspace:
    """A ``copydesk.toml``, the registry it names, and the analysis of articles.

    ``path`` is the ``copydesk.toml`` or the folder that holds it. Loading
    raises :class:`CopydeskError` when the configuration or the registry
    has an error; the error's ``problems`` give file, line and column.
    """

    def __init__(self, path: Union[str, "PathLike[str]"]) -> None:
        self._ws = _copydesk.Workspace(path)
        # Set on a workspace unpickled from another process: the files it
        # was loaded from, whose temporary folder is gone (see _ship).
        self._bundle: Optional[Tuple[str, Dict[str, bytes]]] = None

    def __reduce__(self) -> Tuple[Any, Tuple[str, Dict[str, bytes]]]:
        # Pickled as its configuration and registry files: Spark and Dask
        # ship it with the job; each process loads one copy.
        if self._bundle is not None:
            return _ship.unbundle, self._bundle
        return _ship.unbundle, _ship.bundle(self.config_path, self.root, self.registry_files)

    @property
    def root(self) -> str:
        """The folder the configuration's paths and globs are relative to.

        For a workspace unpickled in another process, the temporary folder
        it was loaded from, removed once loaded."""
        return str(self._ws.root)

    @property
    def registry_files(self) -> List[str]:
        """The registry files the configuration named."""
        return [str(p) for p in self._ws.registry_files]

    def articles(self) -> List[str]:
        """The articles ``copydesk check`` finds in the workspace's folder, sorted.

        A workspace unpickled in another process has none: articles are
        never shipped with it."""
        if self._bundle is not None:
            return []
        return [str(p) for p in self._ws.articles()]

    @property
    def config_path(self) -> str:
        """The ``copydesk.toml`` the workspace was loaded from."""
        return str(self._ws.config_path)

    @property
    def registry(self) -> Registry:
        """The workspace's registry (lookups by id and by surface form)."""
        return self._ws.registry

    @property
    def warnings(self) -> List[Dict[str, Any]]:
        """The registry's warnings: ``path``, ``line``, ``column``, ``level``, ``message``."""
        return self._ws.warnings

    def analyze(self, text: str, path: Optional[str] = None, date: Date = None) -> Record:
        """The export record of one article.

        ``path`` picks the syntax (``.md``, ``.markdown``, ``.mdx`` are
        Markdown; anything else plain text) and becomes the record's
        ``path``; ``date`` is used when the front matter gives none (as
        ``date`` in a ``--stdin-jsonl`` line). The record equals the line
        ``copydesk export --format jsonl`` writes for the same file.
        """
        return json.loads(self._ws.analyze_json(text, path, _date(date)))

    @overload
    def analyze_many(
        self, items: Iterable[Item], batch_size: int = 256, as_json: Literal[False] = False
    ) -> Iterator[Record]: ...
    @overload
    def analyze_many(self, items: Iterable[Item], batch_size: int = 256, *, as_json: Literal[True]) -> Iterator[str]: ...

    def analyze_many(
        self, items: Iterable[Item], batch_size: int = 256, as_json: bool = False
    ) -> Union[Iterator[Record], Iterator[str]]:
        """The records of many articles, in input order, lazily.

        Each item is a text or a mapping with ``text`` and optionally
        ``path``, ``date`` and ``id`` (JSON-serialisable; copied into the
        record). Articles are analysed ``batch_size`` at a time on every
        core without the GIL, the next batch while this one's records are
        handed out, so memory is bounded by two batches whatever the length
        of ``items``. With ``as_json=True`` each record is its JSON line
        (what ``copydesk export --stdin-jsonl`` writes), never parsed in
        Python: the fastest way to write records out.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = None
            for batch in _batches(items, batch_size):
                future = pool.submit(self._ws.analyze_batch_json, [_item(item) for item in batch])
                if pending is not None:
                    yield from _records(pending, as_json)
                pending = future
            if pending is not None:
                yield from _records(pending, as_json)


def _batches(items: Iterable[Item], size: int) -> Iterator[List[Item]]:
    batch: List[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _records(future: Any, as_json: bool) -> Iterator[Any]:
    lines: List[str] = future.result()
    return iter(lines) if as_json else map(json.loads, lines)
