"""The closed ``MKG`` namespace and ``ontology/mkg.ttl`` describe the same vocabulary."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS

from kg.namespaces import MKG, PREFIXES, SEM, bind
from kg.resources import ontology_dir

MKG_NS = str(MKG._NS)
DECLARATIONS = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDF.Property,
}
PROPERTY_KINDS = {OWL.ObjectProperty, OWL.DatatypeProperty}
ACTOR_CLASSES = ["ArmedGroup", "State", "Government", "SecurityForce", "Organization", "Person"]
ATTACK_TYPES = [
    "Bombing",
    "SuicideBombing",
    "Shooting",
    "RocketAttack",
    "Assassination",
    "Kidnapping",
    "ArmedAssault",
]
OPERATION_TYPES = ["Airstrike", "Raid", "Arrest", "Killing"]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_dir() / "mkg.ttl", format="turtle")


def _mkg_terms(nodes: object) -> set[URIRef]:
    return {n for n in nodes if isinstance(n, URIRef) and str(n).startswith(MKG_NS)}


def _declared(ontology: Graph) -> set[URIRef]:
    return _mkg_terms(s for s, o in ontology.subject_objects(RDF.type) if o in DECLARATIONS)


def _properties(ontology: Graph) -> list[URIRef]:
    found = {s for kind in PROPERTY_KINDS for s in ontology.subjects(RDF.type, kind)}
    return sorted(_mkg_terms(found))


def test_mkg_and_ontology_declare_the_same_terms(ontology: Graph) -> None:
    """Every MKG member is declared in mkg.ttl, and every mkg: declaration is in MKG."""
    in_code = set(dir(MKG))
    declared = _declared(ontology)
    missing = sorted(in_code - declared)
    extra = sorted(declared - in_code)
    assert not missing, f"in kg/namespaces.py MKG but not declared in mkg.ttl: {missing}"
    assert not extra, f"declared in mkg.ttl but not in kg/namespaces.py MKG: {extra}"


def test_ontology_mentions_no_undeclared_mkg_term(ontology: Graph) -> None:
    """No mkg: IRI appears anywhere in mkg.ttl (say, a misspelt range) that MKG lacks."""
    used = _mkg_terms(term for triple in ontology for term in triple)
    unknown = sorted(used - set(dir(MKG)))
    assert not unknown, f"mkg.ttl uses terms that MKG lacks: {unknown}"


def test_unknown_term_raises() -> None:
    """MKG is closed: asking for a term it does not define is an AttributeError."""
    with pytest.raises(AttributeError, match="NoSuchTerm"):
        _ = MKG.NoSuchTerm


def test_known_term_is_its_iri() -> None:
    """A member of MKG is the IRI of the term in the mkg: namespace."""
    assert MKG.claimedBy == URIRef("https://w3id.org/militant-kg/ontology#claimedBy")
    assert MKG.claimedBy in MKG


def test_allied_with_is_symmetric(ontology: Graph) -> None:
    """mkg:alliedWith is an owl:SymmetricProperty between actors."""
    assert (MKG.alliedWith, RDF.type, OWL.SymmetricProperty) in ontology
    assert ontology.value(MKG.alliedWith, RDFS.domain) == MKG.Actor
    assert ontology.value(MKG.alliedWith, RDFS.range) == MKG.Actor


@pytest.mark.parametrize("predicate", [RDFS.domain, RDFS.range, RDFS.label, RDFS.comment])
def test_every_property_has_domain_range_label_and_comment(
    ontology: Graph, predicate: URIRef
) -> None:
    """Each object and datatype property states its domain, range, label and comment."""
    properties = _properties(ontology)
    assert properties
    lacking = [p for p in properties if ontology.value(p, predicate) is None]
    assert not lacking, f"properties without {ontology.qname(predicate)}: {lacking}"


def test_every_class_has_label_and_comment(ontology: Graph) -> None:
    """Each mkg: class has an English rdfs:label and rdfs:comment."""
    classes = sorted(_mkg_terms(ontology.subjects(RDF.type, OWL.Class)))
    lacking = [
        c
        for c in classes
        for predicate in (RDFS.label, RDFS.comment)
        if not any(
            isinstance(o, Literal) and o.language == "en" for o in ontology.objects(c, predicate)
        )
    ]
    assert not lacking, f"classes without an English label or comment: {lacking}"


def test_every_mkg_term_is_a_class_or_a_property(ontology: Graph) -> None:
    """The ontology types each term either owl:Class or one kind of property, not both."""
    for term in sorted(dir(MKG)):
        kinds = set(ontology.objects(term, RDF.type)) & {OWL.Class, *PROPERTY_KINDS}
        assert len(kinds) == 1, f"{term} is typed {sorted(kinds)}"


def test_class_hierarchy_follows_the_model(ontology: Graph) -> None:
    """Actor classes sit under mkg:Actor, attack types under mkg:Attack, operations under
    mkg:Operation, and both of those under mkg:Event, as spec/model.md draws them."""
    expected = {
        **dict.fromkeys([*ACTOR_CLASSES, "Community"], MKG.Actor),
        **dict.fromkeys(ATTACK_TYPES, MKG.Attack),
        **dict.fromkeys(OPERATION_TYPES, MKG.Operation),
        "Attack": MKG.Event,
        "Operation": MKG.Event,
    }
    for name, parent in expected.items():
        assert (MKG[name], RDFS.subClassOf, parent) in ontology, f"{name} under {parent}"


def test_aligns_with_sem_and_prov(ontology: Graph) -> None:
    """Events, actors and places specialise SEM's; documents are prov:Entity."""
    assert (MKG.Event, RDFS.subClassOf, SEM.Event) in ontology
    assert (MKG.Actor, RDFS.subClassOf, SEM.Actor) in ontology
    assert (MKG.Place, RDFS.subClassOf, SEM.Place) in ontology
    assert (MKG.place, RDFS.subPropertyOf, SEM.hasPlace) in ontology
    assert (MKG.Document, RDFS.subClassOf, PROV.Entity) in ontology


@pytest.mark.parametrize(
    ("prop", "members"),
    [
        (MKG.targeted, {MKG.Event, MKG.Actor}),
        (MKG.killed, {MKG.Event, MKG.Actor}),
        (MKG.reportedIn, {MKG.Event, MKG.Actor}),
    ],
)
def test_either_or_domains_are_unions(ontology: Graph, prop: URIRef, members: set) -> None:
    """Where the model says "Event or Actor", the domain is an owl:unionOf of both."""
    domain = ontology.value(prop, RDFS.domain)
    assert isinstance(domain, BNode)
    union = ontology.value(domain, OWL.unionOf)
    assert set(ontology.items(union)) == members


def test_date_range_is_the_three_precisions(ontology: Graph) -> None:
    """mkg:date ranges over xsd:date, xsd:gYearMonth and xsd:gYear."""
    from rdflib.namespace import XSD  # imported here: pytest probes module names, and XSD warns

    datatype = ontology.value(MKG.date, RDFS.range)
    union = ontology.value(datatype, OWL.unionOf)
    assert set(ontology.items(union)) == {XSD.date, XSD.gYearMonth, XSD.gYear}


def test_ontology_header_has_version_and_license(ontology: Graph) -> None:
    """The owl:Ontology node carries a version and a license."""
    (header,) = ontology.subjects(RDF.type, OWL.Ontology)
    assert ontology.value(header, OWL.versionInfo) is not None
    assert ontology.value(header, DCTERMS.license) is not None


def test_bind_uses_the_project_prefixes() -> None:
    """bind() gives every prefix of PREFIXES, so Turtle output never shows ns1."""
    graph = bind(Graph())
    bound = dict(graph.namespaces())
    for prefix, ns in PREFIXES.items():
        assert str(bound[prefix]) == str(ns)
