"""Decisions as ordered lists of small named rules.

A :class:`Rule` is a record, like Duckling's rules: a ``name`` that reads like the shape it matches,
a one-line ``doc``, and a ``test`` that looks at a context and returns ``(value, span)`` when it fires
(``span``: the normalized offsets of the words that triggered it) or ``None``. :func:`decide` walks
the list in order; the first rule that fires sets the value, and its name and span are what the
report's ``why`` records, so every number can be traced to the rule behind it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Generic, Optional, Sequence, TypeVar

C = TypeVar("C")

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Rule(Generic[C]):
    name: str
    doc: str
    test: Callable[[C], Optional[tuple[Any, Span]]]


@dataclass(frozen=True, slots=True)
class Decision:
    value: Any
    rule: str
    span: Span


def decide(rules: Sequence[Rule[C]], ctx: C) -> Decision | None:
    """The decision of the first rule in ``rules`` that fires on ``ctx``, else None."""
    for rule in rules:
        hit = rule.test(ctx)
        if hit is not None:
            value, span = hit
            return Decision(value, rule.name, span)
    return None


def rule(name: str, doc: str):
    """Decorator: ``@rule("period_cue", "…")`` turns a test function into a :class:`Rule`."""
    def wrap(fn: Callable[[C], Optional[tuple[Any, Span]]]) -> Rule[C]:
        return Rule(name, doc, fn)
    return wrap
