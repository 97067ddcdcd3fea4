"""The name rules used to compare a graph with a gold file: the only fuzziness the evaluation allows.

Names are compared after :func:`norm` (no diacritics, casefolded, hyphens as
spaces), office titles after :func:`norm_title`, organisations and aid item
descriptions by their content words (:func:`word_similarity`,
:func:`item_matches`).

Example:
    >>> norm("Sébastien  Lecornu")
    'sebastien lecornu'
    >>> norm_title("the Minister of Defense & Veterans")
    'minister of defence and veterans'
"""

from __future__ import annotations

import re
import unicodedata

_DASHES = re.compile(r"[\s\-\u2010-\u2015\u2212_]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "`": "'", "\u2018": "'"})
_SPELLING = {"defense": "defence", "defenses": "defences"}
_STOPWORDS = frozenset(
    "a an the of and or for to in on at by with from as than that this these those is are "
    "was were be its their his her our "
    "і й та в у з із зі на до для про що як а але від по за".split()
)


def norm(text: str) -> str:
    """Normalise a name: NFKD, no diacritics, casefold, one space for runs of spaces/hyphens.

    Example:
        >>> norm("Horbatiuk-Ivanenko ") == norm("horbatiuk  ivanenko")
        True
    """
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_APOSTROPHES))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _DASHES.sub(" ", plain.casefold()).strip()


_TITLE_NOISE = {"federal"}


def norm_title(text: str, country: str | None = None) -> str:
    """Normalise an office title for comparison.

    :func:`norm`, "&" -> "and", defense -> defence, "for" -> "of", no leading "the",
    no "Federal" (a country's own word for its ministers), and no trailing
    "of <country>" (when ``country`` is given) or "to <country>" (a posting).

    Example:
        >>> norm_title("The Minister of Defense") == norm_title("minister of defence")
        True
        >>> norm_title("Commander-in-Chief of the Armed Forces of Ukraine", "Ukraine")
        'commander in chief of the armed forces'
        >>> norm_title("Federal Minister for Foreign Affairs") == norm_title("Minister of Foreign Affairs")
        True
        >>> norm_title("Ambassador of the United States to Ukraine", "United States")
        'ambassador'
    """
    words = [_SPELLING.get(w, w) for w in norm(str(text).replace("&", " and ")).split()]
    words = ["of" if w == "for" else w for w in words if w not in _TITLE_NOISE]
    if words and words[0] == "the":
        words = words[1:]
    title = " ".join(words)
    if country:
        for suffix in (f" of {norm(country)}", f" of the {norm(country)}"):
            if title.endswith(suffix):
                title = title[: -len(suffix)]
            title = title.replace(suffix + " to ", " to ")  # "Ambassador of India to X" = India's "Ambassador to X"
    return re.sub(r" to (the )?\w+$", "", title) if " to " in title else title


def content_words(text: str) -> frozenset[str]:
    """Return the normalised words of ``text`` without stop words ("7,000" stays one word).

    Example:
        >>> sorted(content_words("training of more than 7,000 Ukrainian soldiers"))
        ['7000', 'more', 'soldiers', 'training', 'ukrainian']
    """
    text = re.sub(r"(?<=\d)[,\u202f\u00a0 ](?=\d{3}\b)", "", norm(text))
    return frozenset(_SPELLING.get(w, w) for w in re.findall(r"\w+", text) if w not in _STOPWORDS)


def word_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the content words of two labels.

    Example:
        >>> round(word_similarity("French defense companies", "reps of French defence companies"), 2)
        0.75
    """
    wa, wb = content_words(a), content_words(b)
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


def item_matches(gold_item: str, label: str | None = None, description: str | None = None) -> bool:
    """Tell whether a store aid item (a system label or a description) is the gold item.

    Labels must be equal after :func:`norm`, or the gold name must be the store
    label's family name (its first words: "AMX" names the "AMX-10 RC", "Leopard" the
    "Leopard 2"); a gold note in brackets after the name ("Marder (25)") is left out
    for labels; a description matches when it holds at least 60% of the gold item's
    content words (of the gold item, or of its name without the note). The gold may name the
    kind after the label: "Patriot missiles" is the "Patriot".

    Example:
        >>> item_matches("CAESAR", label="Caesar")
        True
        >>> item_matches("AMX", label="AMX-10 RC"), item_matches("AMX", label="AMRAAM")
        (True, False)
        >>> item_matches("Marder (25)", label="Marder"), item_matches("Marder (25)", label="Leopard 1")
        (True, False)
        >>> item_matches("Patriot missiles (30)", label="Patriot"), item_matches("artillery rounds (tens of thousands)",
        ...                                                                   description="artillery rounds")
        (True, True)
        >>> item_matches("Leopard 1A5 tanks", label="Leopard 1"), item_matches("Patriot PAC-3", label="Patriot")
        (False, False)
        >>> item_matches("training of more than 7,000 Ukrainian soldiers",
        ...              description="training of 7,000 Ukrainian soldiers")
        True
    """
    head = gold_item.split(" (")[0].strip()  # "Marder (25)": the item is the Marder, the brackets say how many
    if label is not None and any(norm(label) == norm(g) or norm(label).startswith(norm(g) + " ")
                                 or _named_kind(g, label) for g in {gold_item, head} if g):
        return True
    if description is None:
        return False
    if norm(description) in {norm(gold_item), norm(head)}:
        return True
    return any(bool(wanted) and len(wanted & content_words(description)) / len(wanted) >= 0.6
               for wanted in (content_words(gold_item), content_words(head)))


def _named_kind(gold: str, label: str) -> bool:
    """Whether the gold item is the label followed by lower-case words that say what kind of
    thing it is: "Patriot missiles", "Vallon VMR3 metal detectors" name the "Patriot", the
    "Vallon VMR3"."""
    rest = gold[len(label):] if norm(gold).startswith(norm(label) + " ") else ""
    return bool(rest.strip()) and rest[:1] == " " and rest.strip() == rest.strip().lower()
