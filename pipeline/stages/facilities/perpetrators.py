"""The perpetrator of a facility hit, from the actors the document found: an ordered list of named rules.

An actor inside a facility's own words (``مبنى فرع أمن الدولة``) owns it and is read by no rule. The first
rule that fires sets ``FacilityMention.perpetrator``; its name and the span of the actor that
decided it go to ``FacilityMention.why["perpetrator"]``. When none fires the perpetrator stays None and
the events stage decides (the host event's perpetrator).

- ``single_perpetrator_of_sentence``: every perpetrator actor of the sentence is one actor
  (``قصفت قوات النظام مدرسة في البلدة``);
- ``single_perpetrator_of_clause``: several in the sentence, one in the facility's clause between commas
  or semicolons (``دمرت غارة روسية مشفى البلدة، فيما قتلت قوات النظام 4 مدنيين`` -> russia);
- ``single_perpetrator_before_facility``: none or several in the clause, but those before the facility in
  its sentence are one actor (the attacker named first; a later clause tells another attack);
- ``single_agent_before_facility``: no perpetrator in the sentence; the actors before the facility that
  the actors stage gave no role (a subject before a verb it did not read as harm: ``شنت طائرة روسية
  غارات فانهار مبنى``), not a victim, not an area's controller (after_modifier_marker),
  not part of a facility's name (``مبنى فرع أمن الدولة``), not the speaker of a verb of reporting (``أعلنت قسد أن ...``), are one actor.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from pipeline.core import settings as S
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
    agents: list[ActorMention] = field(default_factory=list)  # actors of the sentence with no role read

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


@rule("single_perpetrator_before_facility", "several perpetrators in the sentence, none or several in the "
      "facility's clause; those before the facility are one actor")
def _before(ctx: PerpetratorCtx):
    f = ctx.facility
    return _single([a for a in ctx.actors if a.ne <= f.ns])


@rule("single_agent_before_facility", "no perpetrator in the sentence; the actors before the facility with "
      "no role read (not a victim, a controller or a speaker) are one actor")
def _agent_before(ctx: PerpetratorCtx):
    if ctx.actors:
        return None
    f = ctx.facility
    return _single([a for a in ctx.agents if a.ne <= f.ns])


FACILITY_PERPETRATOR_RULES: list[Rule[PerpetratorCtx]] = [_of_sentence, _of_clause, _before, _agent_before]


def attach_perpetrators(facs: list[FacilityMention], actors: Sequence[ActorMention],
                        doc: TextDoc, norm: str) -> None:
    """Sets each facility's perpetrator by the first rule of ``FACILITY_PERPETRATOR_RULES`` that fires."""
    by_sent: dict[int, list[ActorMention]] = {}
    agents: dict[int, list[ActorMention]] = {}
    for a in actors:
        if any(f.ns < a.ne and a.ns < f.ne for f in facs):
            continue  # an actor inside a facility's name owns it (مبنى فرع أمن الدولة): not who attacked
        if a.role == "perpetrator":
            by_sent.setdefault(doc.sentence_index(a.ns), []).append(a)
        elif a.role == "other" and a.role_rule in (None, "no_role_rule") and a.id != "unknown" and \
                not _not_agent(doc, a):
            agents.setdefault(doc.sentence_index(a.ns), []).append(a)
    for f in facs:
        si = doc.sentence_index(f.ns)
        found, agent = by_sent.get(si, []), [a for a in agents.get(si, []) if a.ne <= f.ns]
        if not found and not agent:
            continue
        d = decide(FACILITY_PERPETRATOR_RULES, PerpetratorCtx(f, found, doc.sentences[si], norm, agent))
        if d is not None:
            f.perpetrator = d.value
            f.why["perpetrator"] = (d.rule, d.span)


def _not_agent(doc: TextDoc, a: ActorMention) -> bool:
    """The actor is the subject of a verb of reporting right before it, or after a word of attribution or
    clashes (agent_blockers: بحسب قسد، اشتباكات بين ...; ownership is the actors' modifier role), or a group
    counted after من (5 من الميليشيات): not who attacked."""
    from pipeline.core.phrases import word_forms
    from pipeline.stages.facilities.targets import is_count
    from pipeline.stages.facilities.terms import _data

    data = _data()
    toks = [t for t in doc.tokens(max(0, a.ns - S.FACILITY_SCAN_CHARS), a.ns) if t.is_word and t.e <= a.ns]
    if not toks:
        return False
    if len(toks) > 1 and toks[-1].text in data.number_links and is_count(toks[-2].text):
        return True  # a counted group of the dead or wounded: منهم 4 من الميليشيات
    return any(f in data.source_verbs or f in data.agent_blockers for f in word_forms(toks[-1].text))
