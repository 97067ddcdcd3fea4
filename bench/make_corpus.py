"""Write a synthetic corpus of defense-diplomacy news pages for the ingest benchmark.

Usage:
    .venv/bin/python bench/make_corpus.py N OUT_DIR [--seed S] [--style short|real] [--stats]

``N`` articles (about 60% English, 40% Ukrainian) report meetings between a
pool of a few hundred persons: a few dozen real officials and invented ones
built from ``data/lexicon`` (countries, offices, first names) with generated
surnames, each with a Latin and a Cyrillic spelling and Ukrainian case forms
("з Пісторіусом", "Умєрова"). Meetings take place between 2022 and 2025; most
are reported by several articles (in either language, with different spellings
and relative dates), discuss terms of ``topics.yaml``, and some come with aid
(``systems.yaml``), delegations or signed documents. Pages carry furniture:
headline lists, "Read also" links, tags and "Latest news" / "Останні новини".

Two styles report the same meetings (for one seed the meeting list is the same):

``short`` (the default)  the lead and a few fixed sentences: about 50 words of main
                         text, 120 with the furniture. Its output must not change
                         (benchmarks rely on it).
``real``                 a wire story of about 300 words of main text (median 280-340;
                         about 400 with the furniture) written by ``bench/real_text.py``
                         from the banks of ``bench/templates_real.yaml``: the talks in
                         other words, quotes, the front, an earlier meeting, aid history,
                         industry, "Earlier, Ukrinform reported ..."; more furniture and
                         several site layouts.

``--stats`` prints the word counts of the main text (min / median / p90 / max),
the share of each language and the number of meetings. The output depends only
on ``N``, the seed and the style.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.real_text import RealWriter  # noqa: E402
from ddgraph.graph.translit import kmu2010  # noqa: E402

LEX = ROOT / "data" / "lexicon"
OUTLETS = ["Ukrinform", "UNN", "Interfax-Ukraine", "Ukrainska Pravda", "RBC-Ukraine", "Army Inform"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAYS_UK = ["у понеділок", "у вівторок", "у середу", "у четвер", "у п'ятницю", "у суботу", "у неділю"]
MONTHS_EN = "January February March April May June July August September October November December".split()
MONTHS_UK = "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня".split()
# office: (English title, Ukrainian nominative, Ukrainian instrumental)
OFFICES = {
    "defence": ("Defence Minister", "міністр оборони", "міністром оборони"),
    "foreign": ("Foreign Minister", "міністр закордонних справ", "міністром закордонних справ"),
    "deputy": ("Deputy Defence Minister", "заступник міністра оборони", "заступником міністра оборони"),
    "staff": ("Chief of the General Staff", "начальник Генерального штабу", "начальником Генерального штабу"),
    "ambassador": ("Ambassador", "посол", "послом"),
}
REAL = [  # en first, en surname, uk first, uk surname, country, office, female
    ("Rustem", "Umerov", "Рустем", "Умєров", "ukraine", "defence", False),
    ("Oleksii", "Reznikov", "Олексій", "Резніков", "ukraine", "defence", False),
    ("Denys", "Shmyhal", "Денис", "Шмигаль", "ukraine", "defence", False),
    ("Dmytro", "Kuleba", "Дмитро", "Кулеба", "ukraine", "foreign", False),
    ("Andrii", "Sybiha", "Андрій", "Сибіга", "ukraine", "foreign", False),
    ("Oleksandr", "Syrskyi", "Олександр", "Сирський", "ukraine", "staff", False),
    ("Boris", "Pistorius", "Борис", "Пісторіус", "germany", "defence", False),
    ("Sébastien", "Lecornu", "Себастьєн", "Лекорню", "france", "defence", False),
    ("Lloyd", "Austin", "Ллойд", "Остін", "united-states", "defence", False),
    ("Pete", "Hegseth", "Піт", "Гегсет", "united-states", "defence", False),
    ("John", "Healey", "Джон", "Гілі", "united-kingdom", "defence", False),
    ("Ruben", "Brekelmans", "Рубен", "Брекелманс", "netherlands", "defence", False),
    ("Dovilė", "Šakalienė", "Довіле", "Шакалене", "lithuania", "defence", True),
    ("Hanno", "Pevkur", "Ганно", "Певкур", "estonia", "defence", False),
    ("Guido", "Crosetto", "Гвідо", "Крозетто", "italy", "defence", False),
    ("Annalena", "Baerbock", "Анналена", "Бербок", "germany", "foreign", True),
    ("Johann", "Wadephul", "Йоганн", "Вадефуль", "germany", "foreign", False),
    ("Antti", "Häkkänen", "Антті", "Хяккянен", "finland", "defence", False),
]
UK_SYL = ["ко", "ва", "лен", "бор", "ми", "тар", "гор", "ден", "сю", "пав", "ри", "шев", "ход", "гри", "ман", "ли", "кар"]
UK_END = ["енко", "чук", "ський", "ук", "ишин", "ович", "ак", "ець"]
EN_SYL = ["ber", "lin", "gar", "mo", "ros", "tel", "van", "dri", "ke", "sol", "mar", "han", "ten", "bru", "fal", "no"]
EN_END = ["mann", "sen", "ić", "escu", "ard", "elli", "son", "berg", "ová", "as"]
LAT2CYR = dict(zip("abcdefghijklmnoprstuvwyzéáćoö", "абкдефгхіжклмнопрстуввизеачоо"))


def load(name: str):
    return yaml.safe_load((LEX / name).read_text(encoding="utf-8"))


@dataclass
class Person:
    en_first: str
    en_last: str
    uk_first: str
    uk_last: str
    country: str
    office: str
    female: bool

    def uk_case(self, case: str, part: str = "last") -> str:
        """Ukrainian genitive ("gen") or instrumental ("ins") of the surname or first name."""
        w = self.uk_last if part == "last" else self.uk_first
        if self.female:
            if w.endswith("ська"):
                return w[:-1] + ("ої" if case == "gen" else "ою")
            if w.endswith("а") or w.endswith("я"):
                return w[:-1] + ("и" if case == "gen" else ("ою" if w.endswith("а") else "єю"))
            return w
        rules = [("ський", "ського", "ським"), ("енко", "енка", "енком"), ("ь", "я", "ем"), ("й", "я", "єм"),
                 ("га", "ги", "гою"), ("а", "и", "ою"), ("о", "а", "ом")]
        for end, gen, ins in rules:
            if w.endswith(end):
                if end == "о" and part == "last":
                    return w  # Крозетто
                return w[: -len(end)] + (gen if case == "gen" else ins)
        if w[-1] in "юеуі":
            return w
        return w + ("а" if case == "gen" else "ом")


class Corpus:
    """Pools of persons, places, topics and systems, and the article writer."""

    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.countries = {c["id"]: c for c in load("countries.yaml")}
        self.places = {p["id"]: p for p in load("places.yaml")}
        self.topics = load("topics.yaml")
        self.systems = [s for s in load("systems.yaml") if s.get("uk")]
        names = load("first_names.yaml")["names"]
        female_from = next(i for i, row in enumerate(names) if row[0] == "Olena")
        self.first = [(row[0], next((x for x in row[1:] if _cyr(x)), row[0]), i >= female_from, row)
                      for i, row in enumerate(names)]
        self.persons = [Person(*r) for r in REAL]
        foreign = [c for c, v in self.countries.items()
                   if c not in ("ukraine", "russia", "belarus") and v.get("defence_ministry")]
        for cid in foreign:
            for office in ("defence", "defence", "foreign", "deputy", "staff"):
                self.persons.append(self.invent(cid, office))
        for office in ["deputy"] * 20 + ["staff"] * 6 + ["ambassador"] * 14:
            self.persons.append(self.invent("ukraine", office))
        self.ukr = [p for p in self.persons if p.country == "ukraine"]
        self.foreign = [p for p in self.persons if p.country != "ukraine"]

    def invent(self, country: str, office: str) -> Person:
        en_first, uk_first, female, _ = self.rnd.choice(self.first)
        if country == "ukraine":
            uk_last = "".join(self.rnd.choice(UK_SYL) for _ in range(self.rnd.randint(1, 2))) + self.rnd.choice(UK_END)
            uk_last = uk_last[0].upper() + uk_last[1:]
            if female and uk_last.endswith("ський"):
                uk_last = uk_last[:-2] + "а"
            return Person(en_first, kmu2010(uk_last), uk_first, uk_last, country, office, female)
        en_last = "".join(self.rnd.choice(EN_SYL) for _ in range(self.rnd.randint(1, 2))) + self.rnd.choice(EN_END)
        en_last = en_last[0].upper() + en_last[1:]
        uk_last = "".join(LAT2CYR.get(ch, ch) for ch in en_last.lower())
        return Person(en_first, en_last, uk_first, uk_last[0].upper() + uk_last[1:], country, office, female)

    # -- names and titles ------------------------------------------------------------
    def name_en(self, p: Person) -> str:
        first = p.en_first
        if p.country == "ukraine" and self.rnd.random() < 0.15:  # Russian-derived or other spellings
            row = next((r for f, _, _, r in self.first if f == p.en_first), [first])
            first = self.rnd.choice([x for x in row if not _cyr(x)] or [first])
        last = p.en_last
        if last.endswith("yi") and self.rnd.random() < 0.3:
            last = last[:-2] + "y"
        return f"{first} {last}"

    def title_en(self, p: Person) -> str:
        c = self.countries[p.country]
        demonym = (c.get("demonym") or {}).get("en") or c["en"]
        title = OFFICES[p.office][0]
        return self.rnd.choice([f"{demonym} {title}", f"{c['en']}'s {title}"])

    def country_gen(self, cid: str) -> str:
        c = self.countries[cid]
        ministry = (c.get("defence_ministry") or {}).get("uk", "")
        return ministry.split("оборони ", 1)[1] if "оборони " in ministry else c["uk"]

    def title_uk(self, p: Person, case: str = "nom") -> str:
        title = OFFICES[p.office][1 if case == "nom" else 2]
        where = "України" if p.country == "ukraine" else self.country_gen(p.country)
        return f"{title} {where}" + (" в Україні" if p.office == "ambassador" and p.country != "ukraine" else "")

    def place(self, host: Person, guest: Person) -> dict:
        cid = self.rnd.choice([host.country, host.country, guest.country])
        capital = self.countries[cid].get("capital")
        return self.places.get(capital or "kyiv") or self.places["kyiv"]

    # -- pages ------------------------------------------------------------------------
    def meetings(self, n_articles: int) -> list[dict]:
        out, total = [], 0
        start = date(2022, 3, 1)
        while total < n_articles:
            host = self.rnd.choice(self.ukr[:6] * 6 + self.ukr)
            guest = self.rnd.choice(self.foreign)
            day = start + timedelta(days=self.rnd.randrange(1400))
            topics = self.rnd.sample(self.topics, self.rnd.randint(1, 3))
            kind = self.rnd.choices(["in-person", "phone", "video"], [6, 2, 1])[0]
            aid = self.rnd.choice(self.systems) if self.rnd.random() < 0.35 else None
            team = self.rnd.sample(self.ukr[6:], self.rnd.randint(1, 2)) if self.rnd.random() < 0.3 else []
            n = min(self.rnd.choice([1, 1, 2, 2, 2, 3, 3, 4, 5]), n_articles - total)
            out.append(dict(host=host, guest=guest, day=day, topics=topics, kind=kind, aid=aid, team=team,
                            place=self.place(host, guest), articles=n, pledged=self.rnd.random() < 0.5,
                            signed=self.rnd.random() < 0.1))
            total += n
        return out

    def headline(self, lang: str) -> str:
        p, t = self.rnd.choice(self.persons), self.rnd.choice(self.topics)
        if lang == "en":
            return self.rnd.choice([f"{p.en_last} discusses {t['en_terms'][0]} with partners",
                                    f"{self.countries[p.country]['en']} to boost {t['en'].lower()} spending",
                                    "Weather: frosts expected in the west", "Fuel prices rise for the third week"])
        return self.rnd.choice([f"{p.uk_last} обговорив {t['uk_terms'][0]} з партнерами",
                                f"{self.countries[p.country]['uk']} збільшить витрати: {t['uk'].lower()}",
                                "Погода: на заході очікуються заморозки", "Ціни на пальне зростають третій тиждень"])

    def article(self, m: dict, lang: str) -> str:
        lag = self.rnd.choice([0, 0, 1, 1, 2])
        pub = m["day"] + timedelta(days=lag)
        body = self.body_en(m, lag) if lang == "en" else self.body_uk(m, lag)
        furniture = [self.headline(lang) for _ in range(self.rnd.randint(0, 6))]
        when = f"{self.rnd.randint(7, 22):02d}:{self.rnd.randint(0, 59):02d}"
        if lang == "en":
            head = [f"{when} {pub:%d.%m.%Y}", "", f"Kyiv • {self.rnd.choice(OUTLETS)}", "",
                    f" • {self.rnd.randint(100, 99999)} views"]
            tail = ["Tags: #" + " #".join(t["id"] for t in m["topics"]), "", "Latest news", ""]
        else:
            head = [f"{pub.day} {MONTHS_UK[pub.month - 1]} {pub.year}, {when}", "",
                    f"Переглядів: {self.rnd.randint(100, 99999)}"]
            tail = ["Теги: " + ", ".join(t["uk"] for t in m["topics"]), "", "Останні новини", ""]
        tail += [self.headline(lang) for _ in range(self.rnd.randint(2, 6))]
        title = self.headline(lang) if self.rnd.random() < 0.2 else body[0].split(".")[0]
        return "\n".join(furniture + [title, ""] + head + [""] + "\n\n".join(body).split("\n") + [""] + tail) + "\n"

    def when(self, m: dict, lag: int, lang: str) -> str:
        d = m["day"]
        if lang == "en":
            return self.rnd.choice([["today", "yesterday", f"on {WEEKDAYS_EN[d.weekday()]}"][lag],
                                    f"on {d.day} {MONTHS_EN[d.month - 1]}"])
        return self.rnd.choice([["сьогодні", "вчора", WEEKDAYS_UK[d.weekday()]][lag], f"{d.day} {MONTHS_UK[d.month - 1]}"])

    def body_en(self, m: dict, lag: int) -> list[str]:
        h, g, r = m["host"], m["guest"], self.rnd
        hn, gn, when = self.name_en(h), self.name_en(g), self.when(m, lag, "en")
        place = m["place"]["en"]
        verb = {"in-person": f"met with {self.title_en(g)} {gn} in {place}",
                "phone": f"had a phone call with {self.title_en(g)} {gn}",
                "video": f"held a video conference with {self.title_en(g)} {gn}"}[m["kind"]]
        terms = [r.choice(t["en_terms"]) for t in m["topics"]]
        out = [f"Ukraine's {OFFICES[h.office][0]} {hn} {verb} {when}.",
               f"The parties discussed {', '.join(terms[:-1]) + ' and ' if len(terms) > 1 else ''}{terms[-1]}.",
               f'"We are grateful to {self.countries[g.country]["en"]} for its steady support," {h.en_last} said.']
        if r.random() < 0.4:
            out.append(f"Read also: {self.headline('en')}")
        if m["team"]:
            members = ", ".join(f"{OFFICES[p.office][0]} {self.name_en(p)}" for p in m["team"])
            out.append(f"The Ukrainian delegation also included {members}.")
        if m["aid"]:
            c, s = self.countries[g.country]["en"], m["aid"]["en"]
            out.append(f"{c} will provide Ukraine with additional {s} systems, {g.en_last} said." if m["pledged"]
                       else f"{c} has already delivered {s} systems to Ukraine.")
        if m["signed"]:
            out.append(f"{h.en_last} and {g.en_last} signed a memorandum of understanding on defence cooperation.")
        out.append(f"{g.en_last} stressed that support for Ukraine remains a priority.")
        return out

    def body_uk(self, m: dict, lag: int) -> list[str]:
        h, g, r = m["host"], m["guest"], self.rnd
        hn, when = f"{h.uk_first} {h.uk_last}", self.when(m, lag, "uk")
        gi = f"{g.uk_case('ins', 'first')} {g.uk_case('ins')}"
        title = self.title_uk(h)
        head = f"{title[0].upper()}{title[1:]} {hn}"
        place = m["place"]["uk"]
        loc = place[:-2] + "ії" if place.endswith("ія") else place[:-1] + "і" if place[-1] in "аья" else place + "і"
        if m["place"]["id"] == "kyiv":
            loc = "Києві"
        lead = {"in-person": f"{head} {when} у {loc} провів зустріч з {self.title_uk(g, 'ins')} {gi}.",
                "phone": f"{head} {when} провів телефонну розмову з {self.title_uk(g, 'ins')} {gi}.",
                "video": f"{head} {when} провів відеоконференцію з {self.title_uk(g, 'ins')} {gi}."}[m["kind"]]
        if r.random() < 0.3:
            lead = f"{hn} та {g.uk_first} {g.uk_last} {when} провели переговори" + (
                f" у {loc}." if m["kind"] == "in-person" else " у телефонному режимі.")
        terms = [r.choice(t["uk_terms"]) for t in m["topics"]]
        out = [lead, f"Під час зустрічі з {g.uk_case('ins')} сторони обговорили {', '.join(terms)}.",
               f"«Ми вдячні партнерам за підтримку», – заявив {h.uk_last}."]
        if r.random() < 0.4:
            out.append(f"Читайте також: {self.headline('uk')}")
        if m["team"]:
            out.append("До складу делегації увійшли " + ", ".join(
                f"{self.title_uk(p)} {p.uk_first} {p.uk_last}" for p in m["team"]) + ".")
        if m["aid"]:
            c, s = self.countries[g.country]["uk"], m["aid"]["uk"]
            out.append(f"{c} надасть Україні додаткові системи {s}." if m["pledged"] else f"{c} передала Україні {s}.")
        if m["signed"]:
            out.append(f"{h.uk_last} і {g.uk_last} підписали меморандум про оборонну співпрацю.")
        out.append(f"За словами {h.uk_case('gen')}, підтримка партнерів залишається ключовою.")
        return out


def _cyr(s: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in s)


@dataclass
class CorpusStats:
    """What ``write_corpus`` wrote: articles, meetings, per-article main-text word counts and languages."""

    articles: int = 0
    meetings: int = 0
    words: list[int] = field(default_factory=list)
    langs: list[str] = field(default_factory=list)

    def report(self) -> str:
        def dist(words: list[int]) -> str:
            w = sorted(words)
            q = lambda f: w[min(len(w) - 1, int(f * len(w)))]  # noqa: E731
            return f"min {w[0]} / median {q(0.5)} / p90 {q(0.9)} / max {w[-1]}"

        en = [w for w, lang in zip(self.words, self.langs) if lang == "en"]
        uk = [w for w, lang in zip(self.words, self.langs) if lang == "uk"]
        n = len(self.words)
        return (f"articles {self.articles}, meetings {self.meetings}\n"
                f"main-text words: {dist(self.words)}\n"
                + (f"  en: {dist(en)}\n" if en else "") + (f"  uk: {dist(uk)}\n" if uk else "")
                + f"languages: en {len(en)} ({100 * len(en) / n:.0f} %), uk {len(uk)} ({100 * len(uk) / n:.0f} %)")


def write_corpus(n: int, out: Path, seed: int = 1, style: str = "short") -> CorpusStats:
    """Write ``n`` article files of ``style`` ("short" or "real") into ``out``; return what was written."""
    if style not in ("short", "real"):
        raise ValueError(f"unknown style {style!r}")
    corpus = Corpus(seed)
    out.mkdir(parents=True, exist_ok=True)
    stats = CorpusStats()
    meetings = corpus.meetings(n)
    writer = RealWriter(corpus) if style == "real" else None
    for m in meetings:
        for _ in range(m["articles"]):
            lang = "en" if corpus.rnd.random() < 0.6 else "uk"
            if writer is None:
                text = corpus.article(m, lang)
                words = len(_main_text_short(text).split())
            else:
                text, words = writer.article(m, lang)
            (out / f"{stats.articles:05d}_{lang}.txt").write_text(text, encoding="utf-8")
            stats.articles += 1
            stats.words.append(words)
            stats.langs.append(lang)
    stats.meetings = len(meetings)
    return stats


def _main_text_short(page: str) -> str:
    """The main text of a short-style page: after the views counter, before the tags; no "Read also"."""
    lines = page.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith((" • ", "Переглядів: ")))
    stop = next(i for i, line in enumerate(lines) if line.startswith(("Tags:", "Теги:")))
    return " ".join(line for line in lines[start + 1 : stop] if not line.startswith(("Read also", "Читайте також")))


def make_corpus(n: int, out: Path, seed: int = 1, style: str = "short") -> int:
    """Write ``n`` article files into ``out``; return the number written."""
    return write_corpus(n, out, seed, style).articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--style", choices=("short", "real"), default="short",
                    help="short: ~50 words of main text (default, unchanged); real: ~300-word wire stories")
    ap.add_argument("--stats", action="store_true", help="print word counts, languages and meetings")
    args = ap.parse_args()
    stats = write_corpus(args.n, args.out_dir, args.seed, args.style)
    print(stats.articles)
    if args.stats:
        print(stats.report())


if __name__ == "__main__":
    main()
