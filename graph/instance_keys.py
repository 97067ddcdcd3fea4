"""The encodings of the instance layer that readers decode: meeting keys and ``dd:statedIn`` values.

A meeting's key (:func:`meeting_key`) is a sortable 14-character string that the
instance layer stores on each subject of a facet (participant, topic, place,
country, pair, and a pair's topic in one year); a person's ``dd:statedIn`` value
(:func:`stats_literal`) counts the articles stating one of their names, offices or
ranks; a pair's ``dd:topicCount`` value (:func:`topic_count_literal`) counts its
meetings on one topic in one year. The query side decodes
both, so this module imports neither rdflib nor the writer's code.

Example:
    >>> decode_key(meeting_key("2024-09-02", "on", "happened", MEETING_NS + "d6252a825add"))[0]
    '2024-09-02'
"""

from __future__ import annotations

import base64
import hashlib
from datetime import date as dt_date
from datetime import timedelta

import pyoxigraph as ox

from ddgraph.graph.namespaces import ID_NS, TOPIC_NS

MEETING_NS = ID_NS + "meeting/"
PAIR_NS = ID_NS + "pair/"
COUNTRY_NS = ID_NS + "country/"
_EPOCH = dt_date(1900, 1, 1)
_STATUS_CODE = {"happened": "h", "reported": "r", "planned": "p", "denied": "d"}


def meeting_key(date: str | None, qualifier: str | None, status: str | None, meeting: str) -> str:
    """The sortable 14-character key of a meeting in a facet's index: its date as the number
    of days since 1900-01-01 in five digits (99999 when undated), one letter for its status
    (upper case when the date is stated, lower case when it only bounds the meeting), and
    eight characters for the meeting (:func:`key_id`). Oxigraph stores strings this short
    inline, so that a facet's keys are scanned, compared and sorted without reading any
    string table.

    Example:
        >>> meeting_key("2024-09-02", "on", "happened", MEETING_NS + "d6252a825add")
        '45535H1iUqglrd'
        >>> decode_key('45535H1iUqglrd')
        ('2024-09-02', 'on', 'happened', 'https://w3id.org/ddgraph/id/meeting/d6252a825add')
    """
    code = _STATUS_CODE.get(status or "", "x")
    code = code.upper() if qualifier == "on" else code
    return f"{date_key(date) if date else '99999'}{code}{key_id(meeting)}"


def key_id(meeting: str) -> str:
    """The 8 characters that stand for a meeting in its keys: the 48 bits of a ddgraph meeting
    IRI's last segment in URL-safe base64; for any other IRI "~" and a digest (which its
    ``dd:keyId`` resolves).

    Example:
        >>> key_id(MEETING_NS + "d6252a825add"), key_id("urn:x")[0]
        ('1iUqglrd', '~')
    """
    tail = meeting[len(MEETING_NS):] if meeting.startswith(MEETING_NS) else ""
    if len(tail) == 12 and all(c in "0123456789abcdef" for c in tail):
        return base64.urlsafe_b64encode(bytes.fromhex(tail)).decode("ascii")
    digest = hashlib.blake2b(meeting.encode("utf-8"), digest_size=6).digest()
    return "~" + base64.urlsafe_b64encode(digest).decode("ascii")[:7]


def decode_key(key: str) -> tuple[str | None, str | None, str, str]:
    """(date, qualifier, status, meeting IRI) of a :func:`meeting_key`; the IRI is "~..." (the
    key id, see :func:`key_id`) for a meeting whose IRI the key cannot hold."""
    day, code, ident = key[:5], key[5], key[6:]
    date = None if day == "99999" else (_EPOCH + timedelta(days=int(day))).isoformat()
    status = {"h": "happened", "r": "reported", "p": "planned", "d": "denied"}.get(code.lower(), "happened")
    qualifier = "on" if code.isupper() else ("not after" if date else None)
    iri = ident if ident.startswith("~") else MEETING_NS + base64.urlsafe_b64decode(ident).hex()
    return date, qualifier, status, iri


def date_key(date: str) -> str:
    """The key prefix of an ISO date: days since 1900-01-01, five digits (for a period's bounds).

    Example:
        >>> date_key("2024-12-31"), date_key("1812-01-01")
        ('45655', '00000')
    """
    try:
        days = (dt_date.fromisoformat(date[:10]) - _EPOCH).days
    except ValueError:
        return "99999"
    return f"{min(max(days, 0), 99998):05d}"


def stats_literal(pred: str, count: int, first: str | None, last: str | None, value) -> ox.Literal:
    """A ``dd:statedIn`` value: how many articles state (person, pred, value), first and last dates.

    Example:
        >>> stats_literal("altLabel", 3, "2024-01-02", None, ox.Literal("Umerov", language="en")).value
        'altLabel|3|2024-01-02||"Umerov"@en'
    """
    return ox.Literal(f"{pred}|{count}|{first or ''}|{last or ''}|{value}")


def parse_stats(text: str) -> tuple[str, int, str | None, str | None, str]:
    """(predicate local name, count, first date, last date, value as N-Triples) of a ``dd:statedIn`` value.

    Example:
        >>> parse_stats('altLabel|3|2024-01-02||"a|b"@en')
        ('altLabel', 3, '2024-01-02', None, '"a|b"@en')
    """
    pred, count, first, last, value = text.split("|", 4)
    return pred, int(count), first or None, last or None, value


def key_year(key: str) -> str:
    """The year of a :func:`meeting_key`'s date, "undated" for an undated meeting.

    Example:
        >>> key_year("45535H1iUqglrd"), key_year("99999h1iUqglrd")
        ('2024', 'undated')
    """
    date = decode_key(key)[0]
    return date[:4] if date else "undated"


def pair_topic_node(pair: str, year: str, topic: str) -> str | None:
    """The facet that holds the keys of one pair's meetings on one topic in one year
    (``dd:pairTopicKey``), None for a topic outside the ddgraph topic scheme.

    Example:
        >>> pair_topic_node(PAIR_NS + "france--ukraine", "2024", TOPIC_NS + "air-defense")[len(PAIR_NS):]
        'france--ukraine/2024/air-defense'
    """
    if not topic.startswith(TOPIC_NS):
        return None
    return f"{pair}/{year}/{topic[len(TOPIC_NS):]}"


def split_pair_topic_node(node: str) -> tuple[str, str, str]:
    """(pair IRI, year, topic IRI) of a :func:`pair_topic_node`."""
    pair, year, slug = node.rsplit("/", 2)
    return pair, year, TOPIC_NS + slug


def topic_count_literal(year: str, topic: str, count: int, first_key: str) -> ox.Literal:
    """A pair's ``dd:topicCount`` value: how many of its meetings discussed ``topic`` in
    ``year``, and the key of the earliest (the example a lookup shows).

    Example:
        >>> topic_count_literal("2024", TOPIC_NS + "air-defense", 12, "45535H1iUqglrd").value
        '2024|12|45535H1iUqglrd|https://w3id.org/ddgraph/topic/air-defense'
    """
    return ox.Literal(f"{year}|{count}|{first_key}|{topic}")


def parse_topic_count(text: str) -> tuple[str, int, str, str]:
    """(year, count, key of the earliest meeting, topic IRI) of a ``dd:topicCount`` value.

    Example:
        >>> parse_topic_count("2024|12|45535H1iUqglrd|https://w3id.org/ddgraph/topic/air-defense")[:3]
        ('2024', 12, '45535H1iUqglrd')
    """
    year, count, first_key, topic = text.split("|", 3)
    return year, int(count), first_key, topic
