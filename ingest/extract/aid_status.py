"""The status of an aid sentence: delivered, pledged, ordered, or thanks for what was given.

"would supply", "will provide", "to deliver", a Ukrainian or Russian future verb pledge;
"ordered" is an order unless it is a contract something comes "under" or orders sought;
a possibility ("could supply", "рассматривает возможность передачи") and a condition
("once Ukraine receives", "после того, как ВСУ получат") are neither.

Example:
    >>> from ddgraph.ingest.document import Article, make_document
    >>> from ddgraph.ingest.extract.context import annotate
    >>> ctx = annotate(make_document(Article("Germany will deliver IRIS-T systems to Ukraine.", "x")), use_ner=False)
    >>> aid_status(ctx.sentences[0])[0]
    'pledged'
"""

from __future__ import annotations

from ddgraph.ingest.extract.context import SentenceView
from ddgraph.ingest.extract.match import Match
from ddgraph.ingest.extract.tokens import parses_uk

_MODALS = {"will", "would", "shall", "to", "plan", "plans", "intend", "intends", "is", "are", "'ll"}


def _modal_cue(sent: SentenceView, cues: list[Match]) -> tuple[str, Match] | None:
    """The first "would supply" / "will provide" / "to deliver" (a pledge; a delivery after
    "has been"), or a Ukrainian verb in the future tense."""
    for m in cues:
        before = {t.norm for t in sent.tokens[max(0, m.i - 2) : m.i]}
        past = {t.norm for t in sent.tokens[max(0, m.i - 6) : m.i]} & {"been", "was", "were", "has", "have", "had", "did"}
        pledge = any(p.id == "pledged" and 0 <= m.i - p.j <= 1 for p in cues)  # "has pledged to transfer"
        decided = any(d.id == "decision" and 0 <= m.i - d.j <= 1 for d in cues)  # "рішення передати"
        if m.id in {"delivered", "base"} and decided:
            return "pledged", m
        if m.id in {"delivered", "base"} and before & _MODALS:  # "would supply"; but "was the first to hand over"
            return ("delivered" if past and not pledge else "pledged"), m
        if m.id == "delivered" and any("futr" in sent.tokens[k].tag or _short_future(sent.tokens[k])
                                       for k in range(m.i, m.j)):
            return "pledged", m
    return None


def _short_future(tok) -> bool:
    """Whether a Ukrainian word read first as a short infinitive is the future it also is:
    "Німеччина ... поставить ще чотири системи" (the written infinitive ends in "-ти";
    a Russian "поставить" is tagged INFN, not VERB, and stays an infinitive)."""
    return "VERB" in tok.tag and "infn" in tok.tag and tok.text.lower().endswith("ть") \
        and any("futr" in tag for _, tag in parses_uk(tok.text.lower()))


#: Words before "contract" that make it the frame of a delivery, not an order: "received from
#: Russia under the 2018 contract", "по контракту" (Russian "по" reads as "з"), "за контрактом".
_UNDER = {"under", "per", "з", "за", "згідно", "согласно"}
_ARTICLES = {"the", "a", "an", "this", "that", "its", "their"}


def _under_contract(sent: SentenceView, cue: Match) -> bool:
    """Whether an order cue is a contract that something comes under ("under the contract")."""
    k = cue.i - 1
    while k >= 0 and (sent.tokens[k].norm in _ARTICLES or sent.tokens[k].text.isdigit()):
        k -= 1
    return k >= 0 and sent.tokens[k].norm in _UNDER


#: Words before "orders" that make them a seller's hope, not an order: "help win orders in other NATO countries".
_SEEK = {"win", "winning", "seek", "seeking", "attract", "attracting", "chase"}


def _sought(sent: SentenceView, cue: Match) -> bool:
    """Whether an order cue is orders sought ("help win orders"), none placed."""
    return any(t.norm in _SEEK for t in sent.tokens[max(0, cue.i - 2) : cue.i])


#: Words that make an aid verb a possibility, not a pledge: "is considering the possibility of
#: transferring Gripen", "could supply", "рассматривает возможность передачи".
_HEDGE = {"possibility", "possible", "possibly", "could", "may", "might", "consider", "considers", "considering",
          "mull", "mulls", "mulling", "weigh", "weighs", "weighing", "можливість", "можливо", "розглядати",
          "рассматривать", "возможность", "возможно"}


def _hedged(sent: SentenceView, cue: Match) -> bool:
    """Whether an aid cue is only a possibility (:data:`_HEDGE` among the four words before it;
    "May" the month is no hedge)."""
    return any(t.norm in _HEDGE and t.text[:1].islower() for t in sent.tokens[max(0, cue.i - 4) : cue.i])


#: Words that open a condition: an aid verb after them is not a fact or a pledge of itself
#: ("if Congress approves", "once Ukraine receives"); and words that open a time clause, which
#: makes only a Ukrainian or Russian future verb a condition ("после того, как ВСУ получат
#: достаточное количество F-16"; "a day after Canberra announced it would send" is a fact).
_IF = {"if", "unless", "once", "якщо", "если", "коли-небудь"}
_WHEN = {"after", "when", "після", "после", "коли", "когда", "until", "доки", "пока"}


def _conditional(sent: SentenceView, cue: Match) -> bool:
    """Whether an aid cue stands in a condition (:data:`_IF`, or :data:`_WHEN` with a verb in
    the future tense) opened among the six words before it, with no comma between."""
    for k in range(cue.i - 1, max(-1, cue.i - 7), -1):
        word = sent.tokens[k].text.lower()
        if word in {",", ";"} and k < cue.i - 1 and sent.tokens[k - 1].text.lower() not in _WHEN | {"того"}:
            return False
        if word in _IF:
            return True
        if word in _WHEN:
            return any("futr" in sent.tokens[x].tag for x in range(cue.i, cue.j))
    return False


def condition_spans(sent: SentenceView) -> list[range]:
    """Token ranges of conditions: from an aid cue in a condition (:func:`_conditional`), or
    from "if" / "once" / "якщо"..., to the clause's end. The systems named there are not what
    the sentence's aid gives."""
    def clause_end(k: int) -> int:
        return next((x for x in range(k, len(sent.tokens)) if sent.tokens[x].text in {",", ";", "."}), len(sent.tokens))

    out = [range(m.i, clause_end(m.j)) for m in sent.of("aid") if _conditional(sent, m)]
    for k, tok in enumerate(sent.tokens[:-1]):  # "once Ukraine receives enough F-16s" (not "once again")
        if tok.text.lower() in _IF and sent.tokens[k + 1].norm != "again":
            out.append(range(k, clause_end(k)))
    return out


def _ordered_first(sent: SentenceView, ordered: list[Match]) -> list[Match]:
    """Order cues, the first one a country is the subject of first ("... the contract for K2
    tanks, under which Poland ordered 180 K2 tanks": "ordered", not "contract for")."""
    subjects = {m.j for m in sent.matches if m.kind == "country"}
    led = [m for m in ordered if m.i in subjects]
    return led[:1] + [m for m in ordered if m not in led[:1]]


def aid_status(sent: SentenceView) -> tuple[str, Match] | None:
    """(status, cue) of an aid sentence; "would supply", "will provide", "to deliver" pledge."""
    cues = sorted(sent.of("aid"), key=lambda m: m.i)
    if cues and all(m.id == "money" for m in cues):
        return "pledged", cues[0]  # "Belgium would allocate EUR 1 billion in military aid"
    money = [m for m in cues if m.id == "money"]
    cues = [m for m in cues if m.id != "money"]
    if not cues:
        return None
    cues = [m for m in cues if not (m.id == "ordered" and (_under_contract(sent, m) or _sought(sent, m)))
            and not _hedged(sent, m) and not _conditional(sent, m)]
    if not cues:
        return None
    ordered = _ordered_first(sent, [m for m in cues if m.id == "ordered"])
    funds = [m for m in cues if m.id == "pledged" and ordered and 0 <= ordered[0].i - m.j <= 2]
    if ordered and not funds and any(m.j <= ordered[0].i for m in money):
        funds = [next(m for m in money if m.j <= ordered[0].i)]  # "выделит ... 150 млн фунтов на закупку дронов"
    modal = _modal_cue(sent, cues)
    if funds and not (modal and modal[1].i < funds[0].i):
        return "pledged", funds[0]  # "Copenhagen will finance the purchase of Bohdana howitzers": a pledge to pay
    if ordered and not funds:  # "placed an order ... to be delivered from 2025": an order
        return "ordered", ordered[0]
    if modal:
        return modal
    cues = [m for m in cues if m.id != "base"]
    for status in ("ordered", "pledged", "delivered", "thanks"):
        for m in cues:
            if m.id == status:
                if status == "pledged" and m.j - m.i == 1 and sent.has("aid", "delivered"):
                    continue  # "announced ... has provided": the delivery is the fact
                return status, m
    return None
