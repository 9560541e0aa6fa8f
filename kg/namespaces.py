"""The vocabularies of the graph: the closed ``MKG`` ontology namespace, ``MKR`` for
resources, and the prefix table every serialisation binds (so Turtle never shows ``ns1``)."""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = ["MKG", "MKR", "PREFIXES", "SEM", "WD", "bind"]


class MKG(DefinedNamespace):
    """Terms of ``ontology/mkg.ttl``; an unknown term is an error (``_fail``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/militant-kg/ontology#")

    # classes: actors
    Actor: URIRef
    ArmedGroup: URIRef
    State: URIRef
    Government: URIRef
    SecurityForce: URIRef
    Organization: URIRef
    Person: URIRef
    Community: URIRef
    # classes: events
    Event: URIRef
    Attack: URIRef
    Bombing: URIRef
    SuicideBombing: URIRef
    Shooting: URIRef
    RocketAttack: URIRef
    Assassination: URIRef
    Kidnapping: URIRef
    ArmedAssault: URIRef
    Operation: URIRef
    Airstrike: URIRef
    Raid: URIRef
    Arrest: URIRef
    Killing: URIRef
    # classes: the rest
    Place: URIRef
    Document: URIRef
    CasualtyReport: URIRef
    # relations
    claimedBy: URIRef
    attributedTo: URIRef
    targeted: URIRef
    killed: URIRef
    alliedWith: URIRef
    memberOf: URIRef
    leaderOf: URIRef
    branchOf: URIRef
    place: URIRef
    locatedIn: URIRef
    date: URIRef
    reportedIn: URIRef
    casualties: URIRef
    deaths: URIRef
    injuries: URIRef
    minimum: URIRef
    reportedBy: URIRef
    # evidence
    sentence: URIRef
    charStart: URIRef
    charEnd: URIRef
    confidence: URIRef
    method: URIRef
    # descriptive additions
    role: URIRef
    datePrecision: URIRef
    placeKind: URIRef
    contentHash: URIRef
    # network scores written by `kg analyze --write`
    degree: URIRef
    betweenness: URIRef
    pagerank: URIRef
    community: URIRef


MKR = Namespace("https://w3id.org/militant-kg/id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, Namespace] = {
    "mkg": Namespace(str(MKG._NS)),
    "mkr": MKR,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "skos": Namespace(str(SKOS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "prov": Namespace(str(PROV)),
    "dcterms": Namespace(str(DCTERMS)),
    "sem": SEM,
    "wd": WD,
}


def bind(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph
