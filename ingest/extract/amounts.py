"""Numbers and amounts of money as news text writes them, in English, Ukrainian and Russian.

Example:
    >>> number_value("seven thousand"), number_value("7,000"), number_value("понад 2 тисячі")
    (7000, 7000, 2000)
"""

from __future__ import annotations

import re

from ingest.extract.context import Context, SentenceView

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



_CURRENCY = (r"(?:EUR|USD|GBP|€|\$|£|euros?|dollars?|pounds?(?: sterling)?|євро|доларів|долари|фунтів(?: стерлінгів)?|гривень"
             r"|евро|долларов|доллара|фунтов(?: стерлингов)?|рублей|гривен)")
_AMOUNT = (r"\d[\d,.]*\s*(?:million|billion|bn|mln|млн|млрд|мільйонів|мільярдів|мільйона|мільярда"
           r"|миллионов|миллиардов|миллиона|миллиарда)?")
_MONEY = re.compile(rf"(?:{_CURRENCY}\s?{_AMOUNT}|{_AMOUNT}\s?{_CURRENCY}|\d[\d,.]*\s?%\s+of\s+(?:its\s+)?(?:GDP|gross "
                    rf"domestic product)|\d[\d,.]*\s?%\s+(?:(?:свого|своего|її|ее|её)\s+)?ВВП)", re.I)
_AID_NOUNS = {"aid": "aid", "assistance": "assistance", "support": "support", "financing": "financing",
              "funding": "funding", "допомога": "aid", "підтримка": "support", "фінансування": "financing"}


def money_item(ctx: Context, sent: SentenceView) -> str | None:
    """Aid given as money: "would allocate EUR 1 billion in military aid" -> "military aid
    worth EUR 1 billion"; "0.25% of its GDP to military assistance" likewise."""
    text = ctx.doc.text[sent.start : sent.end]
    money = _MONEY.search(text)
    noun = next((t for t in sent.tokens if t.norm in _AID_NOUNS), None)
    if money is None or noun is None or not re.search(r"\d", money.group(0)):
        return None
    military = any(t.norm in {"military", "defence", "defense", "військовий", "оборонний"} for t in sent.tokens)
    return f"{'military ' if military else ''}{_AID_NOUNS[noun.norm]} worth {money_text(money.group(0))}"


_CURRENCY_CODES = (("EUR", ("eur", "€", "euro", "євро", "евро")), ("USD", ("usd", "$", "dollar", "долар", "доллар")),
                   ("GBP", ("gbp", "£", "pound", "фунт")), ("UAH", ("uah", "гривень", "гривн", "гривен")),
                   ("RUB", ("rub", "рубл")))
_SCALE = (("billion", ("billion", "bn", "млрд", "мільярд", "миллиард")),
          ("million", ("million", "mln", "млн", "мільйон", "миллион")))


def money_text(found: str) -> str:
    """An amount of money in one form whatever the language: currency code, number, scale.

    Example:
        >>> money_text("3 млрд фунтів стерлінгів"), money_text("€1.5bn"), money_text("0.25% of its GDP")
        ('GBP 3 billion', 'EUR 1.5 billion', '0.25% of GDP')
    """
    low = found.lower()
    if "%" in low:
        found = re.sub(r"\s+(?:свого|своего|її|ее|её)\s+", " ", found.strip())
        return re.sub(r"\s*(?:of\s+)?(?:its\s+)?(gdp|gross domestic product|ввп)", r" of \1", found, flags=re.I).replace(
            "ВВП", "GDP").replace(" %", "%").replace(",", ".")
    number = re.search(r"\d[\d,.]*\d|\d", found).group(0)
    code = next((c for c, words in _CURRENCY_CODES if any(w in low for w in words)), "")
    scale = next((name for name, words in _SCALE if any(w in low for w in words)), "")
    return " ".join(x for x in (code, number, scale) if x)
