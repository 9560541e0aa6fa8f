"""The network page driven in headless Chromium (Debian's ``chromium`` through
Playwright): it loads cleanly, shows the graph's counts, searches by alias, filters
in the page, shows facts on click and hover, and keeps hostile text inert.

Skipped when Playwright or /usr/bin/chromium is missing; ``.ci/run`` installs both.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_render import MINI, PAYLOADS, hostile_graph, sparql_counts

from kg import views
from kg.rendering import render, write_view
from kg.store import load_graph

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="needs playwright (pip install playwright)"
)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip("needs Debian's chromium (apt-get install chromium)", allow_module_level=True)

ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One Chromium for the module, with a fresh profile."""
    with tempfile.TemporaryDirectory() as profile, sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=ARGS, headless=True,
            viewport={"width": 1400, "height": 900},
        )  # fmt: skip
        yield context
        context.close()


class Page:
    """A loaded network page and everything it said on the console or asked the network."""

    def __init__(self, context: object, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-state=stable]", timeout=60_000)

    def js(self, expression: str) -> object:
        return self.page.evaluate(expression)

    def node_point(self, node_id: str) -> tuple[float, float]:
        """Where on the screen a node is drawn."""
        box = self.page.locator("#kg-network canvas").bounding_box()
        point = self.js(f"kg.network.canvasToDOM(kg.network.getPosition({node_id!r}))")
        return box["x"] + point["x"], box["y"] + point["y"]


@pytest.fixture
def open_page(browser, tmp_path) -> Iterator:
    pages: list[Page] = []

    def load(path: Path) -> Page:
        page = Page(browser, path)
        pages.append(page)
        return page

    yield load
    for page in pages:
        page.page.close()


@pytest.fixture
def mini_page(open_page, tmp_path) -> Page:
    return open_page(render(load_graph(MINI), tmp_path / "network.html"))


def test_page_loads_without_errors_or_requests(mini_page: Page):
    """No console error, no script error, and no request beyond the file itself."""
    assert mini_page.errors == []
    assert mini_page.requests == [mini_page.page.url]


def test_page_counts_equal_the_graphs(mini_page: Page):
    """The nodes and edges in the page, and the counts it shows, are the graph's."""
    nodes, edges = sparql_counts(load_graph(MINI))
    assert mini_page.js("[kg.nodeView.length, kg.edgeView.length]") == [nodes, edges]
    counts = mini_page.page.locator("#kg-counts")
    assert counts.get_attribute("data-nodes") == str(nodes)
    assert counts.get_attribute("data-edges") == str(edges)
    assert counts.inner_text() == f"{nodes} of {nodes} nodes · {edges} of {edges} edges"


def test_search_finds_a_node_by_an_alias(mini_page: Page):
    """Typing an alias lists the node; Enter selects it and shows its facts."""
    page = mini_page.page
    page.fill("#kg-search", "iskp")
    first = page.locator("#kg-results button").first
    assert first.get_attribute("data-id") == "actor/islamic-state-khorasan-province"
    assert "ISKP" in first.inner_text()
    page.press("#kg-search", "Enter")
    assert page.locator("#kg-details h2").inner_text() == "Islamic State Khorasan Province"
    assert mini_page.js("kg.network.getSelectedNodes()") == [
        "actor/islamic-state-khorasan-province"
    ]
    assert "ISIS-K" in page.locator("#kg-details dl").inner_text()


def test_relation_filter_hides_those_edges(mini_page: Page):
    """Unticking targeted hides every targeted edge, in the page, and ticking brings them back."""
    page = mini_page.page
    before = mini_page.js("kg.edgeView.length")
    targeted = mini_page.js("kg.data.edges.filter(e => e.relation === 'targeted').length")
    assert targeted == 3
    page.uncheck("#kg-relations input[data-relation=targeted]")
    assert mini_page.js("kg.edgeView.get().filter(e => e.relation === 'targeted').length") == 0
    assert mini_page.js("kg.edgeView.length") == before - targeted
    assert page.locator("#kg-counts").get_attribute("data-edges") == str(before - targeted)
    page.check("#kg-relations input[data-relation=targeted]")
    assert mini_page.js("kg.edgeView.length") == before


def test_class_filter_hides_nodes_and_their_edges(mini_page: Page):
    """Unticking Event hides the events and every edge that touches one."""
    page = mini_page.page
    page.uncheck("#kg-classes input[data-cls=Event]")
    assert mini_page.js("kg.nodeView.get().filter(n => n.id.startsWith('event/')).length") == 0
    touching = mini_page.js(
        "kg.edgeView.get().filter(e => e.from.startsWith('event/') || e.to.startsWith('event/'))"
    )
    assert touching == []


def test_date_range_hides_events_outside_it(mini_page: Page):
    """From 2024 on, only the 2024 event stays among the events; undated nodes stay."""
    page = mini_page.page
    page.fill("#kg-since", "2024")
    events = mini_page.js("kg.nodeView.getIds().filter(id => id.startsWith('event/'))")
    assert events == ["event/2024-09-02-kabul-suicide-bombing"]
    assert "actor/russia" in mini_page.js("kg.nodeView.getIds()")
    page.fill("#kg-since", "")
    assert len(mini_page.js("kg.nodeView.getIds()")) == len(mini_page.js("kg.data.nodes"))


def test_clicking_a_node_shows_its_facts(mini_page: Page):
    """A click on the Kabul bombing shows its class, date and both casualty reports."""
    x, y = mini_page.node_point("event/2024-09-02-kabul-suicide-bombing")
    mini_page.page.mouse.click(x, y)
    details = mini_page.page.locator("#kg-details")
    assert details.locator("h2").inner_text() == "Suicide bombing in Kabul, 2024-09-02"
    text = details.inner_text()
    assert "SuicideBombing" in text and "2024-09-02" in text
    assert "at least 6 killed, at least 13 injured (Kabul police)" in text
    assert "at least 45 killed (Islamic State)" in text
    assert "IS claims Kabul suicide bombing" in text, "the report's document is named"


def test_hovering_a_node_shows_a_summary(mini_page: Page):
    """Hovering shows a tooltip with the node's names."""
    x, y = mini_page.node_point("actor/islamic-state-khorasan-province")
    mini_page.page.mouse.move(x, y)
    tooltip = mini_page.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert "Islamic State Khorasan Province" in tooltip.inner_text()
    assert "ISKP" in tooltip.inner_text()


def test_an_edge_shows_its_evidence_sentences_and_documents(mini_page: Page):
    """The claim edge lists both sentences and the documents they come from."""
    edge = mini_page.js(
        "kg.data.edges.find(e => e.relation === 'claimedBy' && e.to === 'actor/islamic-state').id"
    )
    mini_page.js(f"kg.showEdge({edge!r})")
    text = mini_page.page.locator("#kg-details").inner_text()
    assert "Islamic State (IS) on Tuesday claimed responsibility" in text
    assert "ISIL, which claimed the Kabul bombing in September" in text
    assert "Putin calls Taliban an ally" in text and "IS claims Kabul suicide bombing" in text


def test_hostile_document_text_stays_inert(open_page, tmp_path):
    """Script tags, onerror images and quotes from documents show as text and never run."""
    page = open_page(render(hostile_graph(), tmp_path / "hostile.html"))
    assert page.errors == []
    page.page.fill("#kg-search", "onerror")
    page.page.press("#kg-search", "Enter")
    details = page.page.locator("#kg-details")
    assert details.locator("h2").inner_text() == PAYLOADS[0]
    assert PAYLOADS[1] in details.inner_text()
    edge = page.js("kg.data.edges.find(e => e.evidence.length).id")
    page.js(f"kg.showEdge({edge!r})")
    assert PAYLOADS[2] in details.inner_text()
    x, y = page.node_point("actor/islamic-state")
    page.page.mouse.move(x, y)
    page.page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5_000)
    page.page.wait_for_timeout(200)
    assert page.js("window.__pwned") is None
    assert page.js("document.querySelectorAll('img, svg, iframe, body script').length") == 3
    assert page.errors == []


def test_actor_network_page(open_page, tmp_path):
    """The actor view draws the actors and the derived edges, and says which view it is."""
    view = views.actor_network(views.project(load_graph(MINI)))
    page = open_page(write_view(view, tmp_path / "actors.html"))
    assert page.js("[kg.nodeView.length, kg.edgeView.length]") == [len(view.nodes), len(view.edges)]
    assert page.page.locator("#kg-title").inner_text() == "Actor network"
    assert page.errors == []


def test_a_view_past_the_physics_limit_draws_with_physics_off(open_page, tmp_path):
    """Six hundred nodes: precomputed layout, no physics, every node drawn, no error."""
    from rdflib import Literal
    from rdflib.namespace import RDF, RDFS

    from kg.graph import new_graph
    from kg.namespaces import MKG, MKR

    graph = new_graph()
    for i in range(600):
        actor = MKR[f"actor/a{i}"]
        graph.add((actor, RDF.type, MKG.ArmedGroup))
        graph.add((actor, RDFS.label, Literal(f"Group {i}")))
        graph.add((actor, MKG.alliedWith, MKR[f"actor/a{(i * 7 + 1) % 600}"]))
    page = open_page(render(graph, tmp_path / "big.html", limit=0))
    assert page.js("kg.data.meta.physics") is False
    assert page.js("[kg.nodeView.length, kg.edgeView.length]") == [600, 600]
    assert page.errors == []
