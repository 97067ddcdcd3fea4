"""Numbers and amounts of money as news text writes them, in English, Ukrainian and Russian.

Example:
    >>> number_value("seven thousand"), number_value("7,000"), number_value("понад 2 тисячі")
    (7000, 7000, 2000)
"""

from __future__ import annotations

import re

from ddgraph.ingest.extract.context import Context, SentenceView

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
          "fifty": 50, "hundred": 100, "hundreds": 100, "thousand": 1000, "thousands": 1000,
          "тисяча": 1000, "тисячі": 1000, "тисяч": 1000, "сотні": 100, "мільйон": 1_000_000}
NUMBER = re.compile(r"(\d[\d,.\s]*\d|\d)(?:\s+(thousand|тисяч[іа]?|тысяч[иа]?|million))?|"
                     r"((?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty)"
                     r"(?:\s+(?:hundred|thousand))?)", re.I)
MORE = re.compile(r"\b(more than|over|about|almost|nearly|понад|більше|майже|близько|более|свыше|почти|около)\s*$",
                   re.I)


def number_value(text: str) -> int | None:
    """Integer value of a number written in digits or words (first one found)."""
    m = NUMBER.search(text)
    if not m:
        return None
    if m.group(1):
        value = int(re.sub(r"[,.\s]", "", m.group(1)))
        mult = m.group(2)
        if mult:
            value *= 1_000_000 if mult.lower() == "million" else 1000
        return value
    value = 1
    for word in m.group(3).lower().split():
        value = value * NUMBER_WORDS[word] if word in {"hundred", "thousand"} else NUMBER_WORDS[word]
    return value



_CURRENCY = (r"(?:EUR|USD|GBP|DKK|NOK|SEK|CAD|AUD|JPY|CHF|PLN|CZK|C\$|A\$|€|\$|£|¥"
             r"|(?:(?:Danish|Norwegian)\s+)?kron(?:er|e)|(?:Swedish\s+)?kron(?:or|a)|(?:Japanese\s+)?yen"
             r"|(?:Swiss\s+)?francs?|zlotys?|złoty(?:ch)?|korun(?:a|y)?"
             r"|(?:(?:Canadian|Australian|US|U\.S\.)\s+)?dollars?|euros?|pounds?(?: sterling)?"
             r"|євро|доларів|долари|фунтів(?: стерлінгів)?|гривень|крон"
             r"|евро|долларов|доллара|фунтов(?: стерлингов)?|рублей|гривен)")
_AMOUNT = (r"\d[\d,.]*\s*(?:million|billion|bn|mln|млн|млрд|мільйонів|мільярдів|мільйона|мільярда"
           r"|миллионов|миллиардов|миллиона|миллиарда)?")
_PERCENT = r"\d[\d,.]*\s?(?:%|percent\b|per cent\b|відсотк\w*|процент\w*)"
_MONEY = re.compile(rf"(?:{_CURRENCY}\s?{_AMOUNT}|{_AMOUNT}\s?{_CURRENCY}|{_PERCENT}\s+of\s+(?:its\s+)?(?:GDP|gross "
                    rf"domestic product)|{_PERCENT}\s+(?:(?:свого|своего|її|ее|её)\s+)?ВВП)", re.I)
_AID_NOUNS = {"aid": "aid", "assistance": "assistance", "support": "support", "financing": "financing",
              "funding": "funding", "допомога": "aid", "підтримка": "support", "фінансування": "financing"}


#: "a package of mine-clearing equipment worth ...", "a $175 million security assistance package"
_PACKAGE_OF = re.compile(r"\bpackage of ((?:[a-z][\w-]*\s){0,3}?[a-z][\w-]*)\s+(?:worth|valued at|totall?ing)\b")
_PACKAGE_AFTER = re.compile(r"^\s*((?:[a-z][\w-]*\s){0,3}?)package\b")
_PACKAGE_STOP = {"new", "a", "an", "the", "first", "second", "third", "further", "another", "additional", "latest"}


def _package(text: str, money: re.Match) -> str | None:
    """What a package of aid worth ``money`` holds, as its sentence says it ("mine-clearing
    equipment", "security assistance"); "" for a package said no more of; None for no package."""
    found = _PACKAGE_OF.search(text) or _PACKAGE_AFTER.search(text[money.end():])
    if found is None:
        return None
    words = [w for w in found.group(1).split() if w.lower() not in _PACKAGE_STOP]
    return " ".join(words)


def _money(text: str) -> re.Match | None:
    """The first amount of money in ``text`` that has a number (not "billions of euros")."""
    found = _MONEY.search(text)
    return found if found and re.search(r"\d", found.group(0)) else None


def money_in(text: str) -> str | None:
    """The first amount of money in ``text``, in :func:`money_text` form.

    Example:
        >>> money_in("to contribute 50 million euros to the fund"), money_in("no sum")
        ('EUR 50 million', None)
    """
    found = _money(text)
    return money_text(found.group(0)) if found else None


def money_item(ctx: Context, sent: SentenceView) -> tuple[str, bool] | None:
    """Aid given as money, and whether it is a package (what is handed over, not only the
    money for it): "would allocate EUR 1 billion in military aid" -> "military aid worth
    EUR 1 billion"; "0.25% of its GDP to military assistance" likewise; "a package of
    mine-clearing equipment worth 10 million euros" -> "mine-clearing equipment package
    worth EUR 10 million"."""
    text = ctx.doc.text[sent.start : sent.end]
    money = _money(text)
    if money is None:
        return None
    package = _package(text, money) if ctx.language == "en" else (
        "" if any(t.norm in {"пакет", "транш"} for t in sent.tokens) else None)  # "пакет помощи на сумму ..."
    if package is not None:
        return f"{package or 'aid'} package worth {money_text(money.group(0))}", True
    noun = next((t for t in sent.tokens if t.norm in _AID_NOUNS), None)
    if noun is None:
        return None
    military = any(t.norm in {"military", "defence", "defense", "військовий", "оборонний"} for t in sent.tokens)
    return f"{'military ' if military else ''}{_AID_NOUNS[noun.norm]} worth {money_text(money.group(0))}", False


#: Currency codes by the words that name them, the more specific first ("Canadian dollars" before "dollars").
_CURRENCY_CODES = (("CAD", ("cad", "c$", "canadian dollar")), ("AUD", ("aud", "a$", "australian dollar")),
                   ("NOK", ("nok", "norwegian krone", "norwegian kroner")), ("SEK", ("sek", "krona", "kronor")),
                   ("DKK", ("dkk", "krone", "kroner", "данських крон", "датских крон")),
                   ("EUR", ("eur", "€", "euro", "євро", "евро")), ("USD", ("usd", "$", "dollar", "долар", "доллар")),
                   ("GBP", ("gbp", "£", "pound", "фунт")), ("UAH", ("uah", "гривень", "гривн", "гривен")),
                   ("RUB", ("rub", "рубл")), ("JPY", ("jpy", "¥", "yen")), ("CHF", ("chf", "franc")),
                   ("PLN", ("pln", "zloty", "złoty")), ("CZK", ("czk", "koruna", "koruny")))
_SCALE = (("billion", ("billion", "bn", "млрд", "мільярд", "миллиард")),
          ("million", ("million", "mln", "млн", "мільйон", "миллион")))


def money_text(found: str) -> str:
    """An amount of money in one form whatever the language: currency code, number, scale.

    Example:
        >>> money_text("3 млрд фунтів стерлінгів"), money_text("€1.5bn"), money_text("0.25% of its GDP")
        ('GBP 3 billion', 'EUR 1.5 billion', '0.25% of GDP')
        >>> money_text("4 billion Danish kroner"), money_text("0.25 percent of its GDP")
        ('DKK 4 billion', '0.25% of GDP')
    """
    low = found.lower()
    if re.search(r"%|percent|per cent|відсот|процент", low):
        found = re.sub(r"\s*(?:percent|per cent|відсотк\w*|процент\w*)", "%", found, flags=re.I)
        found = re.sub(r"\s+(?:свого|своего|її|ее|её)\s+", " ", found.strip())
        return re.sub(r"\s*(?:of\s+)?(?:its\s+)?(gdp|gross domestic product|ввп)", r" of \1", found, flags=re.I).replace(
            "ВВП", "GDP").replace(" %", "%").replace(",", ".")
    number = re.search(r"\d[\d,.]*\d|\d", found).group(0)
    code = next((c for c, words in _CURRENCY_CODES if any(w in low for w in words)), "")
    scale = next((name for name, words in _SCALE if any(w in low for w in words)), "")
    return " ".join(x for x in (code, number, scale) if x)


_CONTRIBUTION = re.compile(r"\bcontribut(?:ions?|ed|e|ing)\b(?:\s+(?:of\s+)?[^,;.]{0,40}?)?\s+to\s+(?:the\s+)?"
                           r"((?:[A-Z][\w'’-]*)(?:\s+(?:(?:of|for|the|and)\s+)*[A-Z][\w'’-]*)*)")


def contribution_item(ctx: Context, sent: SentenceView) -> str | None:
    """"contribution to NAME" for a contribution to a named fund or programme, else None."""
    found = _CONTRIBUTION.search(ctx.doc.text[sent.start : sent.end]) if ctx.language == "en" else None
    if found is None or any(m.kind == "country" and m.start == sent.start + found.start(1) for m in sent.matches):
        return None  # "contributed to Ukraine's defence": no fund
    money = money_in(found.group(0))
    return f"contribution to {found.group(1)}" + (f" worth {money}" if money else "")
