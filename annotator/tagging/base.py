"""What every tagger returns: a suggestion with item-body offsets and the rule that fired."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

RULES_VERSION = "2026.11.1"


@dataclass(slots=True)
class Suggestion:
    kind: str  # speaker / location / casualty / date
    start: int  # offsets into the item body
    end: int
    text: str
    attributes: dict[str, Any] = field(default_factory=dict)
    rule: str = ""  # short id of the pattern that fired, shown to analysts as the "why"
    confidence: float = 0.5

    def as_row(self, item_id: int) -> dict[str, Any]:
        return {
            "item_id": item_id, "kind": self.kind, "start": self.start, "end": self.end, "text": self.text,
            "attributes": self.attributes, "rule": self.rule, "confidence": self.confidence,
            "rules_version": RULES_VERSION,
        }
