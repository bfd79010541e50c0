"""The perpetrator of a facility hit, from the actors the document found: an ordered list of named rules.

The first rule that fires sets ``FacilityMention.perpetrator``; its name and the span of the actor that
decided it go to ``FacilityMention.why["perpetrator"]``. When none fires the perpetrator stays None and
the events stage decides (the host event's perpetrator).

- ``single_perpetrator_of_sentence``: every perpetrator actor of the sentence is one actor
  (``قصفت قوات النظام مدرسة في البلدة``);
- ``single_perpetrator_of_clause``: several in the sentence, one in the facility's clause between commas
  or semicolons (``دمرت غارة روسية مشفى البلدة، فيما قتلت قوات النظام 4 مدنيين`` -> russia).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from pipeline.core.mentions import ActorMention, FacilityMention
from pipeline.core.rules import Rule, decide, rule

if TYPE_CHECKING:
    from pipeline.core.document import TextDoc


@dataclass
class PerpetratorCtx:
    """What the perpetrator rules look at for one facility."""

    facility: FacilityMention
    actors: list[ActorMention]  # the perpetrator actors of its sentence, in text order
    sent: object  # the sentence (``ns``/``ne``)
    norm: str

    def clause(self) -> tuple[int, int]:
        """The facility's clause: between the commas or semicolons around it in its sentence."""
        f, s, norm = self.facility, self.sent, self.norm
        lo = max(norm.rfind(",", s.ns, f.ns), norm.rfind(";", s.ns, f.ns), s.ns)
        hi = min((x for x in (norm.find(",", f.ne, s.ne), norm.find(";", f.ne, s.ne)) if x >= 0), default=s.ne)
        return lo, hi


def _single(actors: list[ActorMention]):
    """The one actor id of ``actors`` and the span of its first mention, else None."""
    if len({a.id for a in actors}) != 1:
        return None
    return actors[0].id, (actors[0].ns, actors[0].ne)


@rule("single_perpetrator_of_sentence", "the sentence's perpetrator actors are one actor")
def _of_sentence(ctx: PerpetratorCtx):
    return _single(ctx.actors)


@rule("single_perpetrator_of_clause", "several perpetrators in the sentence, one in the facility's clause "
      "(between commas or semicolons)")
def _of_clause(ctx: PerpetratorCtx):
    lo, hi = ctx.clause()
    return _single([a for a in ctx.actors if lo <= a.ns < hi])


FACILITY_PERPETRATOR_RULES: list[Rule[PerpetratorCtx]] = [_of_sentence, _of_clause]


def attach_perpetrators(facs: list[FacilityMention], actors: Sequence[ActorMention],
                        doc: TextDoc, norm: str) -> None:
    """Sets each facility's perpetrator by the first rule of ``FACILITY_PERPETRATOR_RULES`` that fires."""
    by_sent: dict[int, list[ActorMention]] = {}
    for a in actors:
        if a.role == "perpetrator":
            by_sent.setdefault(doc.sentence_index(a.ns), []).append(a)
    for f in facs:
        si = doc.sentence_index(f.ns)
        found = by_sent.get(si)
        if not found:
            continue
        d = decide(FACILITY_PERPETRATOR_RULES, PerpetratorCtx(f, found, doc.sentences[si], norm))
        if d is not None:
            f.perpetrator = d.value
            f.why["perpetrator"] = (d.rule, d.span)
