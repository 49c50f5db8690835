"""Controlled vocabularies: values people may type, matched forgivingly.

Curators write «Учитель - учитель», «учитель–учитель» or «педагог – педагог»
for the same form; all of them resolve to one term. Defaults come from the
seed documents (see vocab_defaults.py); a project extends them in
``site_config.yml`` under ``vocabularies``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    aliases: tuple[str, ...] = ()
    group: str = ""  # e.g. «педагоги» / «обучающиеся» for mentee categories
    description: str = ""


@dataclass
class Vocabulary:
    name: str
    title: str  # Russian name of the list, for messages
    terms: list[Term]
    _index: dict[str, Term] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        self._index = {}
        for term in self.terms:
            for variant in (term.id, term.label, *term.aliases):
                self._index.setdefault(normalise(variant), term)

    def add(self, term: Term) -> None:
        existing = self.get(term.id)
        if existing is not None:
            self.terms[self.terms.index(existing)] = term
        else:
            self.terms.append(term)
        self.reindex()

    def lookup(self, text: str) -> Term | None:
        return self._index.get(normalise(text))

    def get(self, term_id: str) -> Term | None:
        return next((t for t in self.terms if t.id == term_id), None)

    def label(self, term_id: str) -> str:
        term = self.get(term_id)
        return term.label if term else term_id

    def allowed(self) -> str:
        return "; ".join(t.label for t in self.terms)


_DASHES = re.compile(r"\s*[-‐‑‒–—―]+\s*")
_QUOTES = re.compile(r"[«»\"“”„'‘’]")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Case, ё/е, dash kinds, quote kinds and repeated spaces do not matter."""
    text = str(text).casefold().replace("ё", "е")
    text = _QUOTES.sub("", text)
    text = _DASHES.sub(" - ", text)
    return _SPACES.sub(" ", text).strip()
