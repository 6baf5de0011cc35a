"""Small dependency-tree helpers that several stages read over a sentence's parse (one definition each)."""

from __future__ import annotations

from spacy.tokens import Token


def first_conjunct(token: Token) -> Token:
    """The first word of the coordination ``token`` belongs to ("murders" in "murders and kidnappings"),
    whose dependency relation is the whole list's; ``token`` itself when it is not a conjunct."""
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return first
