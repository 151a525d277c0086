"""Type stubs of the extension module (the Rust core); use the ``copydesk`` package."""

from os import PathLike
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

__version__: str

class CopydeskError(Exception):
    """A configuration, registry or input problem.

    ``str(error)`` is every problem as ``path:line:column: level: message``;
    ``problems`` lists them as dictionaries with those keys.
    """

    problems: List[Dict[str, Any]]

class Registry:
    """A loaded registry: actors by id and by surface form."""

    def __init__(self, paths: Sequence[Union[str, PathLike[str]]]) -> None:
        """Loads registry files (TOML or JSON Lines); raises ``CopydeskError``."""
    def actor(self, id: str) -> Optional[Dict[str, Any]]:
        """The actor with ``id``: ``id``, ``name``, ``kind``, ``aliases``,
        ``variants``, ``wikidata``, ``description``, ``roles``, ``path``."""
    def lookup(self, form: str) -> List[Dict[str, Any]]:
        """The actors a surface form may name, each with ``form`` (how it names them)."""
    def ids(self) -> List[str]:
        """Every actor id, in registry order."""
    def __len__(self) -> int: ...
    def __contains__(self, id: str) -> bool: ...

class Workspace:
    """A configuration with its registry and lexicon."""

    config_path: Path
    def __init__(self, path: Union[str, PathLike[str]]) -> None: ...
    @property
    def root(self) -> Path: ...
    @property
    def registry_files(self) -> List[Path]: ...
    def articles(self) -> List[Path]:
        """The articles ``copydesk check`` finds in the workspace's folder, sorted."""
    @property
    def registry(self) -> Registry: ...
    @property
    def warnings(self) -> List[Dict[str, Any]]: ...
    def analyze_json(self, text: str, path: Optional[str] = None, date: Optional[str] = None) -> str:
        """One export record as JSON."""
    def analyze_batch_json(self, items: List[Tuple[str, Optional[str], Optional[str], Optional[str]]]) -> List[str]:
        """Export records of ``(text, path, date, id as JSON)`` items as JSON, in order, in parallel."""

def run_cli(args: List[str]) -> int:
    """Runs the ``copydesk`` command with ``args`` (program name first); returns its exit code."""
