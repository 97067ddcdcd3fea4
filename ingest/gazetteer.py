"""The lexicon as RDF: every known country, place, organisation and weapon system with
its English label and all its names, for the store's default graph.

Articles only carry the forms they use; the gazetteer lets a query (or a curator)
find "Türkiye", "Туреччина" or "DGA" whatever an article wrote.

Example:
    >>> nt = gazetteer_ntriples()
    >>> '<https://w3id.org/ddgraph/id/country/turkey> <http://www.w3.org/2004/02/skos/core#altLabel> "Türkiye"@en .' in nt
    True
"""

from __future__ import annotations

from rdflib import RDF, RDFS, SKOS, Literal, URIRef

from ddgraph.graph.iri import lexicon_iri
from ddgraph.graph.ontology import DD
from ddgraph.graph.rdf import from_rdflib, to_ntriples
from ddgraph.ingest.lexicon import load_lexicon

_CLASSES = {
    "country": (DD.Country, DD.Place),
    "place": (DD.Place,),
    "organization": (DD.Organization,),
    "system": (DD.WeaponSystem,),
}


def gazetteer_triples() -> dict[str, set[tuple]]:
    """Subject IRI -> its triples, for every lexicon entry with a class above."""
    lex = load_lexicon()
    out: dict[str, set[tuple]] = {}
    for kind, table in (("country", lex.countries), ("place", lex.places),
                        ("organization", lex.organizations), ("system", lex.systems)):
        for term in table.values():
            node = URIRef(lexicon_iri(kind, term.id))
            triples: set[tuple] = {(node, RDF.type, cls) for cls in _CLASSES[kind]}
            triples.add((node, RDFS.label, Literal(term.en, lang="en")))
            names = {(term.uk, "uk"), *((a, "en") for a in term.en_aliases), *((a, "uk") for a in term.uk_aliases)}
            for name, lang in names:
                if name and (name, lang) != (term.en, "en"):
                    triples.add((node, SKOS.altLabel, Literal(name, lang=lang)))
            country = term.attr("country")
            if country and kind != "country":
                triples.add((node, DD.ofCountry, URIRef(lexicon_iri("country", country))))
            out[str(node)] = triples
    return out


def gazetteer_ntriples() -> str:
    """All gazetteer triples as sorted N-Triples."""
    return to_ntriples(from_rdflib(set().union(*gazetteer_triples().values())))
