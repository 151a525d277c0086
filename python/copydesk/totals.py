"""The totals of a run, as ``copydesk check`` prints them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Set

_SEVERITIES = ("error", "warning", "info", "hint")


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@dataclass
class Totals:
    """Findings by severity, articles, mentions and actors over many records.

    Add records with :meth:`add` (or combine partial totals with ``+``, as a
    Spark ``reduce`` or a Dask ``fold`` does); ``str(totals)`` is the summary
    ``copydesk check`` prints for the same articles.
    """

    articles: int = 0
    articles_with_findings: int = 0
    by_severity: Dict[str, int] = field(default_factory=dict)
    mentions: int = 0
    actors: Set[str] = field(default_factory=set)

    @property
    def findings(self) -> int:
        """All findings."""
        return sum(self.by_severity.values())

    def add(self, record: Mapping[str, Any]) -> "Totals":
        """Counts one export record; returns ``self``."""
        self.articles += 1
        findings = record.get("findings", [])
        if findings:
            self.articles_with_findings += 1
        for finding in findings:
            self.by_severity[finding["severity"]] = self.by_severity.get(finding["severity"], 0) + 1
        for mention in record.get("mentions", []):
            self.mentions += 1
            self.actors.add(mention["actor"])
        return self

    def __add__(self, other: "Totals") -> "Totals":
        by_severity = dict(self.by_severity)
        for severity, n in other.by_severity.items():
            by_severity[severity] = by_severity.get(severity, 0) + n
        return Totals(
            self.articles + other.articles,
            self.articles_with_findings + other.articles_with_findings,
            by_severity,
            self.mentions + other.mentions,
            self.actors | other.actors,
        )

    def __str__(self) -> str:
        if self.findings == 0:
            first = f"No findings in {_plural(self.articles, 'article', 'articles')}."
        else:
            parts = [
                _plural(self.by_severity[s], s, "info" if s == "info" else s + "s")
                for s in _SEVERITIES
                if s in self.by_severity
            ]
            first = (
                f"Found {_plural(self.findings, 'finding', 'findings')} ({', '.join(parts)}) in "
                f"{self.articles_with_findings} of {_plural(self.articles, 'article', 'articles')}."
            )
        linked = f"Linked {_plural(self.mentions, 'mention', 'mentions')} to {_plural(len(self.actors), 'actor', 'actors')}."
        return f"{first}\n{linked}"
