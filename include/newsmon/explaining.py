"""Plain-text explanation of one article's detection, for ``newsmon analyze --explain``.

Per event: the sentence, the topic term, the governing predicate with its CAMEO category and
object, its modifiers and why it was kept. Per dropped candidate: the same, and why it was dropped.
"""

from __future__ import annotations

from newsmon.detect import Candidate
from newsmon.records import Finding


def _modifiers(c: Candidate) -> str:
    r = c.reading
    flags = [name for name, on in (("negated", r.negated), ("hedged", r.hedged), ("background", r.background)) if on]
    return ", ".join(flags) or "none"


def _block(c: Candidate, head: str) -> list[str]:
    r = c.reading
    predicate = f"{r.predicate!r} [{r.category}]" if r.predicate else "(none)"
    if r.object:
        predicate += f" object {r.object!r}"
    return [
        f"  {head} {c.topic}" + (f" {r.kind}" if r.kind else "") + f"  (sentence {c.sentence_index})",
        f"    sentence:  {c.sentence}",
        f"    term:      {c.term!r}",
        f"    predicate: {predicate}",
        f"    modifiers: {_modifiers(c)}",
        f"    {'kept' if c.kept else 'dropped'}:   {c.why}",
    ]


def explanation(path: str, finding: Finding, trace: list[Candidate]) -> str:
    """The explanation text of one analysed page."""
    lines = [f"== {path}", f"topics: {', '.join(finding.topic_ids) or '(none)'}"]
    kept = [c for c in trace if c.kept]
    dropped = [c for c in trace if not c.kept]
    lines.append(f"events ({len(finding.events)}):")
    for c in kept:
        lines += _block(c, "EVENT")
    lines.append(f"dropped candidates ({len(dropped)}):")
    for c in dropped:
        lines += _block(c, "no event:")
    return "\n".join(lines) + "\n"
