"""Real-length article text for ``make_corpus.py --style real``.

A :class:`RealWriter` writes one page for a meeting of :meth:`Corpus.meetings`
the way Ukrainian wire services do (Ukrinform, UNN, Interfax-Ukraine): a lead
sentence with the meeting, then 5-9 paragraphs drawn from the template banks of
``templates_real.yaml`` (the talks in other words, quotes of both sides, the
war and the front with numbers, an earlier meeting of one of the two, the
partner's earlier aid packages, defence industry, "Earlier, Ukrinform reported
that ..." about another person of the pool, a closing line with the source),
framed by page furniture (headline lists, "Read also", tags, "Latest news").

Templates are plain text with slots in braces, filled innermost first:

``{name}``          a value of the article context (:meth:`RealWriter.context`);
                    some are drawn anew at each use (name forms, verbs, topics)
``{~a|b|c}``        one of the alternatives, at random
``{h?his|her}``     by the gender of a person of the article: h host, g guest,
                    o another person of the pool, e the one whose earlier meeting
                    is told and p the one e met then

Ukrainian case forms come from ``Person.uk_case`` with the corrections that the
short style predates (``-ов``/``-ін`` surnames, ``-ець``, ``-ія``, ``-ова``),
and from small rules for adjectives, city locatives and numbers below. All
randomness comes from the corpus generator, so the text depends only on the
seed.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import yaml

TEMPLATES = Path(__file__).with_name("templates_real.yaml")
LEX = Path(__file__).resolve().parents[1] / "data" / "lexicon"
SLOT = re.compile(r"\{([^{}]+)\}")
UK_V = re.compile(r"(?<=[аеєиіїоуюя]) у (?=[АЕЄИІЇОУЮЯаеєиіїоуюя])")
MONTHS_EN = "January February March April May June July August September October November December".split()
MONTHS_UK = "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня".split()
MONTHS_UK_LOC = "січні лютому березні квітні травні червні липні серпні вересні жовтні листопаді грудні".split()
# office: English titles (US spelling; British by swapping "Defense"), Ukrainian (nom, gen, ins)
TITLES_EN = {
    "defence": ["Defense Minister", "Minister of Defense"],
    "foreign": ["Foreign Minister", "Minister of Foreign Affairs"],
    "deputy": ["Deputy Defense Minister", "Deputy Minister of Defense"],
    "staff": ["Chief of the General Staff"],
    "ambassador": ["Ambassador"],
}
TITLES_UK = {
    "defence": [("міністр оборони", "міністра оборони", "міністром оборони"),
                ("глава оборонного відомства", "глави оборонного відомства", "главою оборонного відомства")],
    "foreign": [("міністр закордонних справ", "міністра закордонних справ", "міністром закордонних справ"),
                ("глава МЗС", "глави МЗС", "главою МЗС")],
    "deputy": [("заступник міністра оборони", "заступника міністра оборони", "заступником міністра оборони")],
    "staff": [("начальник Генерального штабу", "начальника Генерального штабу", "начальником Генерального штабу")],
    "ambassador": [("посол", "посла", "послом")],
}
CASES = {"nom": 0, "gen": 1, "acc": 1, "ins": 2}  # titles are masculine animate nouns: accusative = genitive
GEN_FIX = {"france": "Франції", "egypt": "Єгипту", "iran": "Ірану", "switzerland": "Швейцарії"}
LOC_FIX = {"Відень": "Відні", "Афіни": "Афінах", "Доха": "Досі", "місто Люксембург": "місті Люксембург",
           "Кишинів": "Кишиневі", "авіабаза Рамштайн": "авіабазі Рамштайн", "Бразиліа": "Бразиліа",
           "Рейк'явік": "Рейк'явіку", "Київ": "Києві", "Тайбей": "Тайбеї"}
USD_COUNTRIES = {"united-states", "canada", "japan", "australia", "united-kingdom", "south-korea", "turkey",
                 "new-zealand", "norway", "israel", "taiwan", "saudi-arabia", "qatar", "united-arab-emirates"}
OUTLETS = [  # English name, Ukrainian name, "as it reported", dative ("in an interview to")
    ("Ukrinform", "Укрінформ", "Як повідомляв Укрінформ", "Укрінформу"),
    ("UNN", "УНН", "Як повідомляло УНН", "УНН"),
    ("Interfax-Ukraine", "Інтерфакс-Україна", "Як повідомляло агентство «Інтерфакс-Україна»",
     "агентству «Інтерфакс-Україна»"),
    ("Ukrainska Pravda", "«Українська правда»", "Як повідомляла «Українська правда»", "«Українській правді»"),
    ("RBC-Ukraine", "РБК-Україна", "Як повідомляло РБК-Україна", "РБК-Україна"),
    ("Army Inform", "АрміяInform", "Як повідомляла АрміяInform", "АрміяInform"),
]
NOT_PARTNERS = {"china", "iran", "north-korea", "syria", "belarus", "russia"}
# Russian losses reported by the General Staff, roughly: (date, killed and wounded)
LOSSES = [(date(2022, 3, 1), 5700), (date(2022, 12, 31), 100000), (date(2023, 12, 31), 355000),
          (date(2024, 12, 31), 790000), (date(2026, 1, 1), 1200000)]


# -- Ukrainian forms ------------------------------------------------------------------------
def uk_name(p, case: str, part: str = "last") -> str:
    """The surname (or first name) of ``p`` in nom / gen / acc / ins."""
    w = p.uk_last if part == "last" else p.uk_first
    if case == "nom":
        return w
    if case == "acc":
        if not p.female:
            return uk_name(p, "gen", part)
        for end, acc in (("ова", "ову"), ("ська", "ську"), ("а", "у"), ("я", "ю")):
            if w.endswith(end):
                return w[: -len(end)] + acc
        return w
    gen = case == "gen"
    if w == "Любов":
        return "Любові" if gen else "Любов'ю"
    if p.female and w.endswith(("ова", "ева", "єва")) and part == "last":
        return w[:-1] + ("ої" if gen else "ою")
    if w.endswith("я") and (p.female or w == "Ілля"):
        soft = w[-2] in "аеєиіїоуюя"
        return w[:-1] + (("ї" if soft else "і") if gen else ("єю" if soft else "ею"))
    if not p.female:
        if part == "last" and p.country == "ukraine" and re.search("(ов|ев|єв|ін)$", w):
            return w + ("а" if gen else "им")  # Умєров: Умєрова, Умєровим
        if w.endswith("ець"):
            return w[:-3] + ("ця" if gen else "цем")
        if w == "Ігор":
            return "Ігоря" if gen else "Ігорем"
        if part == "first" and w.endswith("о") and w[-2] not in "лрк":
            return w  # Гвідо, Ганно: not declined
    return p.uk_case(case, part)


def uk_adj(word: str, form: str) -> str:
    """A hard adjective in -ий ("німецький") in the form m, f, pl, gen_m ... loc_f (see ``endings``)."""
    endings = {"m": "ий", "f": "а", "pl": "і", "gen_m": "ого", "gen_f": "ої", "gen_pl": "их", "ins_m": "им",
               "dat_pl": "им", "ins_f": "ою", "ins_pl": "ими", "loc_m": "ому", "loc_f": "ій"}
    return word[:-2] + endings[form] if word.endswith("ий") else word


def uk_loc(city: str) -> str:
    """``у`` + this: the locative of a capital ("Берлін" -> "Берліні", "Прага" -> "Празі")."""
    if city in LOC_FIX:
        return LOC_FIX[city]
    if city[-1] in "оіеуи" or city.endswith("'є"):
        return city  # Осло, Гельсінкі, Баку, Скоп'є: not declined
    if city.endswith("ія"):
        return city[:-1] + "ї"
    if city.endswith("а"):
        stem = city[:-1]
        return stem[:-1] + {"г": "з", "к": "ц", "х": "с"}.get(stem[-1], stem[-1]) + "і"
    if city.endswith(("ь", "я")):
        return city[:-1] + "і"  # Брюсселі, Подгориці
    if city.endswith("й"):
        return city[:-1] + "ї"
    if city.endswith("к"):
        return city + "у"  # Дамаску
    return city + "і"


def money(rnd, cid: str, lang: str, big: bool) -> str:
    """An aid amount: "EUR 1.4 billion" / "1,4 млрд євро" (``big``) or "USD 350 million" / "350 млн доларів"."""
    usd = cid in USD_COUNTRIES
    if big:
        value = f"{rnd.randint(10, 80) / 10:g}"
        unit_en, unit_uk = "billion", "млрд"
    else:
        value = str(rnd.choice([25, 40, 50, 60, 75, 100, 120, 150, 200, 250, 300, 400, 500, 600, 700, 850]))
        unit_en, unit_uk = "million", "млн"
    if lang == "en":
        cur = ("USD" if usd else "EUR") if rnd.random() < 0.6 else ("$" if usd else "€")
        return f"{cur}{value} {unit_en}" if len(cur) == 1 else f"{cur} {value} {unit_en}"
    return f"{value.replace('.', ',')} {unit_uk} {'доларів' if usd else 'євро'}"


def number(n: int, lang: str) -> str:
    """Thousands grouped: "698,570" in English, "698 570" in Ukrainian."""
    return f"{n:,}".replace(",", " " if lang == "uk" else ",")


def losses(day: date) -> int:
    """Russian losses reported around ``day``, interpolated."""
    for (d0, n0), (d1, n1) in zip(LOSSES, LOSSES[1:]):
        if day <= d1:
            return n0 + (n1 - n0) * max(0, (day - d0).days) // (d1 - d0).days
    return LOSSES[-1][1]


def en_date(d: date, today: date, prep: bool = True) -> str:
    """"on 12 March" (this year) or "on 12 March 2024"; "in March 2024" when ``prep`` is "in"."""
    year = "" if d.year == today.year else f" {d.year}"
    return f"on {d.day} {MONTHS_EN[d.month - 1]}{year}" if prep else f"in {MONTHS_EN[d.month - 1]}{year}"


def uk_date(d: date, today: date, exact: bool = True) -> str:
    """"12 березня" / "12 березня 2024 року", or "у березні" / "у березні 2024 року"."""
    year = "" if d.year == today.year else f" {d.year} року"
    return f"{d.day} {MONTHS_UK[d.month - 1]}{year}" if exact else f"у {MONTHS_UK_LOC[d.month - 1]}{year}"


def join(items: list[str], lang: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + (" and " if lang == "en" else " та ") + items[-1]


def label(s: str) -> str:
    """A topic label inside a sentence: "Air defense" -> "air defense", "NATO and EU integration" kept."""
    return s if s[:2].isupper() else s[:1].lower() + s[1:]


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class RealWriter:
    """Writes real-style pages for the meetings of a :class:`Corpus`, with its random generator."""

    def __init__(self, corpus) -> None:
        self.c = corpus
        self.rnd = corpus.rnd
        self.t = yaml.safe_load(TEMPLATES.read_text(encoding="utf-8"))
        orgs = yaml.safe_load((LEX / "organizations.yaml").read_text(encoding="utf-8"))
        self.companies: dict[str, list[str]] = {}
        for o in orgs:
            if o.get("kind") == "company":
                self.companies.setdefault(o.get("country") or "", []).append(o["en"])
        self.aid_systems = [s for s in corpus.systems
                            if s.get("country") not in (None, "russia", "north-korea", "iran", "ukraine")]
        self.partners = [v for k, v in corpus.countries.items() if k not in NOT_PARTNERS and k != "ukraine"]
        self.ctx: dict = {}
        self.people: dict = {}

    # -- filling templates ---------------------------------------------------------------
    def fill(self, text: str, capital: bool = True) -> str:
        for _ in range(6):
            new = SLOT.sub(self._slot, text)
            if new == text:
                break
            text = new
        text = re.sub(r"  +", " ", text.strip())
        text = UK_V.sub(" в ", text)  # "у Ер-Ріяді" after a vowel -> "в Ер-Ріяді"
        return cap(text) if capital else text

    def _slot(self, m: re.Match) -> str:
        key = m.group(1)
        if key.startswith("~"):
            return self.rnd.choice(key[1:].split("|"))
        if len(key) > 1 and key[1] == "?":
            masc, fem = key[2:].split("|")
            return fem if self.people[key[0]].female else masc
        value = self.ctx[key]
        return value() if callable(value) else value

    def pick(self, section: str, lang: str, used: set) -> str:
        bank = self.t[section][lang]
        fresh = [i for i in range(len(bank)) if (section, i) not in used] or list(range(len(bank)))
        i = self.rnd.choice(fresh)
        used.add((section, i))
        return self.fill(bank[i])

    # -- names and titles ----------------------------------------------------------------
    def title_en(self, p, us: bool, country: bool = True) -> str:
        c = self.c.countries[p.country]
        t = self.rnd.choice(TITLES_EN[p.office])
        if p.office == "ambassador" and p.country != "ukraine":
            t = "Ambassador to Ukraine"
        if not us:
            t = t.replace("Defense", "Defence")
        if not country:
            return t
        demonym = (c.get("demonym") or {}).get("en") or c["en"]
        the = "the " if c["en"] in ("United States", "United Kingdom", "Netherlands") else ""
        forms = [f"{demonym} {t}"]
        if not the:
            forms.append(f"{c['en']}'s {t}")
        if "Ukraine" not in t:
            forms.append(f"{t} of {the}{c['en']}")
        if p.country == "ukraine":
            forms.append(t)  # a bare title: Ukrainian outlets leave the country out for their own officials
        return self.rnd.choice(forms)

    def title_uk(self, p, case: str, country: bool = True) -> str:
        nom, gen, ins = self.rnd.choice(TITLES_UK[p.office])
        t = (nom, gen, ins)[CASES[case]]
        if not country:
            return t
        dem = self.c.countries[p.country]["demonym"]["uk"]
        adj = uk_adj(dem, {"nom": "m", "gen": "gen_m", "acc": "gen_m", "ins": "ins_m"}[case])
        if p.country == "ukraine":
            return self.rnd.choice([f"{t} України", f"{adj} {t}", t])  # a bare title is Ukraine's
        where = f"{t} {self.country_gen(p.country)}"
        if p.office == "ambassador":
            return where + " в Україні"
        return self.rnd.choice([where, where, f"{adj} {t}"])

    def country_gen(self, cid: str) -> str:
        return GEN_FIX.get(cid) or self.c.country_gen(cid)

    def person_en(self, key: str, p, us: bool) -> dict:
        full = self.c.name_en(p)
        return {key.upper(): full, key: p.en_last,
                key.upper() + "T": lambda: self.title_en(p, us),
                key + "t": lambda: self.title_en(p, us, country=False)}

    def person_uk(self, key: str, p) -> dict:
        out = {}
        for case in ("nom", "gen", "acc", "ins"):
            sfx = "" if case == "nom" else "_" + case
            out[key.upper() + sfx] = f"{uk_name(p, case, 'first')} {uk_name(p, case)}"
            out[key + sfx] = uk_name(p, case)
            out[key.upper() + "T" + sfx] = (lambda c=case: self.title_uk(p, c))
            out[key + "t" + sfx] = (lambda c=case: self.title_uk(p, c, country=False))
        return out


    # -- the article context -------------------------------------------------------------
    def context(self, m: dict, lang: str, lag: int, outlet: tuple, us: bool) -> dict:
        """The slot values of one article (fixed strings, or callables drawn at each use)."""
        r, c, t = self.rnd, self.c, self.t
        h, g, day = m["host"], m["guest"], m["day"]
        busy = [h, g] + m["team"]
        o = r.choice([p for p in c.persons if all(p is not x for x in busy)])
        e = r.choice([h, g])
        p = r.choice([x for x in (c.foreign if e.country == "ukraine" else c.ukr[:6]) if x is not g])
        self.people = dict(h=h, g=g, o=o, e=e, p=p)
        foreign_one = e if e.country != "ukraine" else p
        e_place = r.choice([x for x in (c.countries[foreign_one.country].get("capital"), "kyiv", "brussels",
                                        "ramstein-air-base") if x and x in c.places and x != m["place"]["id"]])
        topics = [t["topics"][x["id"]][lang] for x in m["topics"]]
        said = [r.choice(x) for x in topics]

        def topic() -> str:  # a phrase for one of the meeting's topics, another one each time if it can
            fresh = [x for phrases in topics for x in phrases if x not in said]
            said.append(r.choice(fresh or [x for phrases in topics for x in phrases]))
            return said[-1]

        dem = c.countries[g.country]["demonym"][lang]
        generic = f"{dem} manufacturers" if lang == "en" else uk_adj(dem, "pl") + " виробники"
        year = day.year - 2022
        ctx = {
            "when": c.when(m, lag, lang),
            "topics": join(said, lang),
            "topic": topic,
            "topic_cap": lambda: cap(topic()),
            "topic_any": lambda: r.choice(r.choice(list(t["topics"].values()))[lang]),
            "sys": (m["aid"] or {}).get(lang, ""),
            "sys2": lambda: r.choice(self.aid_systems)[lang],
            "amount": lambda: money(r, g.country, lang, big=False),
            "amount_big": lambda: money(r, g.country, lang, big=True),
            "ordinal": lambda: r.choice(t["ordinals_" + lang]),
            "losses": number(round(losses(day), -3), lang),
            "losses_day": str(r.randint(300, 900) if year < 2 else r.randint(700, 1600)),
            "clashes": str(r.randint(80, 260)),
            "drones": str(r.randint(*[(10, 60), (20, 150), (50, 200), (100, 700)][min(year, 3)])),
            "missiles": str(r.randint(2, 40)),
            "injured": str(r.choice([5, 6, 7, 8, 9, 11, 12, 15, 17, 19, 25, 36, 48])),
            "outlet": outlet[0 if lang == "en" else 1],
            "company": lambda: r.choice(self.companies.get(g.country) or [generic]),
            "company_any": lambda: r.choice([x for k, v in self.companies.items() if k for x in v]),
            "ua_company": lambda: r.choice(["Ukroboronprom", "Fire Point", "Ukrspecsystems"]),
            "xp": lambda: (lambda x: x.en_last if lang == "en" else x.uk_last)(r.choice(c.persons)),
            "xn": lambda: str(r.randint(2, 40)),
            "xc": lambda: r.choice(self.partners)[lang],
            "xt": lambda: label(r.choice(c.topics)[lang]),
            "qh": lambda: self.fill(r.choice(t["qh"][lang]), capital=False),
            "qg": lambda: self.fill(r.choice(t["qg"][lang]), capital=False),
            "o_did": lambda: self.fill(r.choice(t["o_did"][lang]), capital=False),
            "o_said": lambda: self.fill(r.choice(t["o_said"][lang]), capital=False),
        }
        dates = {k: day - timedelta(days=r.randint(lo, hi)) for k, lo, hi in
                 (("e", 12, 300), ("o", 3, 120), ("pkg", 20, 400))}
        places = dict(e=c.places[e_place], dirs=r.sample(t["directions"], 2), region=r.choice(t["regions"]),
                      city=r.choice(t["cities"]))
        ctx.update(self.words_en(m, us, dates, places) if lang == "en" else self.words_uk(m, outlet, dates, places))
        ctx["e_date_cap"] = cap(ctx["e_date"])
        return ctx

    def words_en(self, m: dict, us: bool, dates: dict, places: dict) -> dict:
        """The English slots: names and titles, the partner country, dates and places."""
        r, c, day = self.rnd, self.c, m["day"]
        h, g = m["host"], m["guest"]
        cc = c.countries[g.country]
        the = "the " if cc["en"] in ("United States", "United Kingdom", "Netherlands") else ""
        gc, gcs = the + cc["en"], the + cc["en"] + ("'" if cc["en"].endswith("s") else "'s")
        ctx = {}
        for key, x in self.people.items():
            ctx.update(self.person_en(key, x, us))
        counterpart = h.office == g.office and h.office in ("defence", "foreign") and r.random() < 0.5
        (d1, d2), region, city, e_place = places["dirs"], places["region"], places["city"], places["e"]
        return ctx | {
            "G_cp": (f"{'her' if h.female else 'his'} {cc['demonym']['en']} counterpart {ctx['G']}" if counterpart
                     else lambda: f"{self.title_en(g, us)} {ctx['G']}"),
            "gc": gc, "Gc": cap(gc), "gcs": gcs, "Gcs": cap(gcs), "gdem": cc["demonym"]["en"],
            "place": m["place"]["en"], "mod": "Defense" if us else "Defence",
            "lead_topics": r.choice(["", ", discussing {topics}", " to discuss {topics}"]),
            "topic_lbl": lambda: label(r.choice(m["topics"])["en"]),
            "pkg_date": en_date(dates["pkg"], day, prep=r.random() < 0.5),
            "pkg_when": cap(en_date(dates["pkg"], day, prep=False)),
            "e_date": self.past(dates["e"], day, "en"), "o_date": self.past(dates["o"], day, "en"),
            "e_where": ("at " if e_place.get("kind") == "base" else "in ") + e_place["en"],
            "dir": d1[0], "dir2": d2[0], "region": region[0], "city": city[0],
            "team": join([f"{self.title_en(x, us, country=False)} {c.name_en(x)}" for x in m["team"]], "en"),
        }

    def words_uk(self, m: dict, outlet: tuple, dates: dict, places: dict) -> dict:
        """The Ukrainian slots: names and titles in their cases, adjectives of the partner country, dates, places."""
        r, day = self.rnd, m["day"]
        h, g, team = m["host"], m["guest"], m["team"]
        dem = self.c.countries[g.country]["demonym"]["uk"]
        ctx = {}
        for key, x in self.people.items():
            ctx.update(self.person_uk(key, x))
        ctx.update({f"gadj{'' if f == 'm' else '_' + f}": uk_adj(dem, f)
                    for f in ("m", "f", "pl", "gen_m", "gen_f", "gen_pl", "dat_pl", "ins_m", "ins_f", "ins_pl")})
        counterpart = h.office == g.office and h.office in ("defence", "foreign") and r.random() < 0.5
        she = bool(team) and team[0].female
        (d1, d2), region, city = places["dirs"], places["region"], places["city"]
        colleague = f"зі {'своєю' if g.female else 'своїм'} {uk_adj(dem, 'ins_f' if g.female else 'ins_m')} колегою"
        return ctx | {
            "z_G_cp": (f"{colleague} {ctx['G_ins']}" if counterpart
                       else lambda: f"з {self.title_uk(g, 'ins')} {ctx['G_ins']}"),
            "gc": self.c.countries[g.country]["uk"], "gc_gen": self.country_gen(g.country),
            "place": m["place"]["uk"], "loc": uk_loc(m["place"]["uk"]),
            "outlet_rep": outlet[2], "outlet_dat": outlet[3],
            "lead_topics": r.choice(["", ", обговоривши {topics}", " – йшлося про {topics}"]),
            "pkg_date": uk_date(dates["pkg"], day, exact=r.random() < 0.5),
            "pkg_when": cap(uk_date(dates["pkg"], day, exact=False)),
            "e_date": self.past(dates["e"], day, "uk"), "o_date": self.past(dates["o"], day, "uk"),
            "e_loc": uk_loc(places["e"]["uk"]),
            "dir": uk_adj(d1[1], "loc_m"), "dir2": uk_adj(d2[1], "loc_m"), "region": uk_adj(region[1], "loc_f"),
            "city": city[1],
            "team": join([f"{self.title_uk(x, 'nom', country=False)} {x.uk_first} {x.uk_last}" for x in team], "uk"),
            "team_in": "увійшли" if len(team) > 1 else "увійшла" if she else "увійшов",
            "team_took": ("взяли" if len(team) > 1 else "взяла" if she else "взяв") + " участь",
            "xc_gen": lambda: self.country_gen(r.choice(self.partners)["id"]),
        }

    def past(self, d: date, today: date, lang: str) -> str:
        """An earlier date: "last month" / "минулого місяця", or a date or month (with the year if another)."""
        if (today.year * 12 + today.month) - (d.year * 12 + d.month) == 1 and self.rnd.random() < 0.4:
            return "last month" if lang == "en" else "минулого місяця"
        exact = self.rnd.random() < 0.6
        return en_date(d, today, prep=exact) if lang == "en" else uk_date(d, today, exact=exact)

    # -- the article ---------------------------------------------------------------------
    def plan(self, m: dict, lang: str, closing: bool) -> list[str]:
        """The template sections of the paragraphs after the lead, in order (5-9 of them; Ukrainian
        takes fewer words for the same things, so its stories get a paragraph more on average)."""
        r = self.rnd
        n = r.choice([5, 7, 8, 8, 9, 9, 9, 9] if lang == "en" else [6, 7, 8, 9, 9, 9])
        chosen = ["discussion", r.choice(["quote_host", "quote_guest"])]
        chosen += ["team"] * bool(m["team"]) + ["signed"] * m["signed"]
        if m["aid"]:
            chosen.append("aid_pledged" if m["pledged"] else "aid_delivered")
        optional = ["discussion_more", "quote_host", "quote_guest", "industry", "aid_history", "war",
                    "earlier_meeting", "earlier_reported", "misc"]
        if m["guest"].country in NOT_PARTNERS:
            optional.remove("aid_history")
        r.shuffle(optional)
        chosen += optional[: max(0, n - len(chosen) - closing)]
        talk = chosen[1:2] + [s for s in chosen[2:] if s not in ("aid_history", "war", "earlier_meeting",
                                                                  "earlier_reported")]
        r.shuffle(talk)
        setting = [s for s in chosen if s in ("aid_history", "war")]
        back = [s for s in chosen if s in ("earlier_meeting", "earlier_reported")]
        r.shuffle(back)
        end = (["closing"] + back if r.random() < 0.5 else back + ["closing"]) if closing else back
        return ["discussion"] + talk + setting + end

    def article(self, m: dict, lang: str) -> tuple[str, int]:
        """The page of one article about meeting ``m``, and the word count of its main text."""
        r = self.rnd
        lag = r.choice([0, 0, 1, 1, 2])
        pub = m["day"] + timedelta(days=lag)
        outlet = r.choice(OUTLETS)
        us = r.random() < 0.6
        self.ctx = self.context(m, lang, lag, outlet, us)
        used: set = set()
        kind = m["kind"] if m["kind"] != "in-person" else ("in-kyiv" if m["place"]["id"] == "kyiv" else "in-person")
        lead = self.pick("lead_" + kind, lang, used)
        tail = r.random() < 0.5
        if tail:
            lead += " " + self.pick("lead_tail", lang, used)
        body = [lead]
        marker = False
        for section in self.plan(m, lang, closing=not tail or r.random() < 0.3):
            if section.startswith("earlier") and not marker and r.random() < 0.3:
                body.append(None)  # a "Recall" line before the background
                marker = True
            body.append(self.pick(section, lang, used))
        if lang == "en" and not us:  # British spelling, but not in names ("Defense Forces")
            body = [p and p.replace("defense", "defence") for p in body]
        words = sum(len(p.split()) for p in body if p)
        return self.page(body, m, lang, pub, outlet), words

    # -- the page ------------------------------------------------------------------------
    def headlines(self, lang: str, k: int) -> list[str]:
        return [self.fill(self.rnd.choice(self.t["headline"][lang])) for _ in range(k)]

    def page(self, body: list, m: dict, lang: str, pub: date, outlet: tuple) -> str:
        """``body`` (None marks a "Recall" line) framed by a header and furniture of one of a few site layouts."""
        r = self.rnd
        en = lang == "en"
        title = body[0].split(". ")[0].rstrip(".")  # the lead as a headline when it is short enough
        if r.random() < 0.7 or len(title.split()) > 16:
            title = self.pick("title", lang, set())
        at = f"{r.randint(7, 22):02d}:{r.randint(0, 59):02d}"
        views = r.randint(100, 99999)
        lines = self.headlines(lang, r.choice([0, 0, 2, 4, 6, 10]))
        layout = r.randrange(3)
        if en:
            lines += [[title, "", f"{at} {pub:%d.%m.%Y}", "", f"Kyiv • {outlet[0]}", "", f" • {views} views"],
                      [f"{at} {pub:%d.%m.%Y}", "", title, "", f"{r.randint(1, 3)} min read", title],
                      [title, "", title, "", f"Kyiv  •  {outlet[0]}", "", f" • {views} views", "",
                       body[1].split(". ")[0].rstrip(".") + ".", "",  # a summary, its stamp, then the story
                       f"{MONTHS_EN[pub.month - 1]} {pub.day}, {pub.year} {at}", "", "Details"]][layout]
        else:
            lines += [[title, "", f"{pub.day} {MONTHS_UK[pub.month - 1]} {pub.year}, {at}", "", f"Переглядів: {views}"],
                      [title, "", f"{at}, {pub:%d.%m.%Y}", "",
                       "Фото: " + r.choice(["Міноборони", "пресслужба Міноборони", "Генштаб ЗСУ"])],
                      [f"{pub:%d.%m.%Y} {at}", "", title, "", "Деталі"]][layout]
        paragraphs = [p if p else ("Recall" if en else "Нагадаємо") for p in body]
        for _ in range(r.choice([0, 1, 1, 2])):
            link = ("Read also: " if en else "Читайте також: ") + self.headlines(lang, 1)[0]
            if r.random() < 0.3:
                link = link.replace(": ", "\n", 1)
            pos = r.randint(1, len(paragraphs) - 1)
            if paragraphs[pos - 1] not in ("Recall", "Нагадаємо"):
                paragraphs.insert(pos, link)
        lines += [""] + "\n\n".join(paragraphs).split("\n") + [""]
        tags = [x["id"] for x in m["topics"]] + [m["host"].en_last.lower()]
        if r.random() < 0.8:
            lines += ["Tags: #" + " #".join(tags) if en else "Теги: " + ", ".join(x["uk"] for x in m["topics"]), ""]
        if en and r.random() < 0.4:
            lines += ["MORE ABOUT", ""]
            for k, h in enumerate(self.headlines(lang, r.randint(3, 9))):
                stamp = pub - timedelta(days=k // 2)
                lines += [f"{r.randint(7, 22):02d}:{r.randint(0, 59):02d} {stamp:%d.%m.%Y}", h, "", h, ""]
        lines += ["Latest news" if en else r.choice(["Останні новини", "Більше новин"]), ""]
        lines += self.headlines(lang, r.randint(2, 10))
        if en and r.random() < 0.3:
            lines += ["", "HOT NEWS", ""] + self.headlines(lang, r.randint(3, 6)) + ["", "AD", "AD"]
        return "\n".join(lines) + "\n"
