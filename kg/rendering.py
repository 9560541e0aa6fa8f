"""The interactive HTML network: one self-contained page that works offline.

The page is ``kg/templates/network.html`` with the vis-network bundle that pyvis ships
inlined, our script and style, and the view as a JSON blob the script reads. Nothing
from a document ever reaches the HTML as markup: the JSON escapes ``<``, ``>`` and
``&``, the script writes text with ``textContent``, vis-network shows string tooltips
with ``innerText``, and a Content-Security-Policy lets only the page's own two scripts
run (by hash) and forbids every network fetch.

Up to ``PHYSICS_LIMIT`` nodes the page starts from a precomputed layout and lets
vis-network's physics settle it (nodes can be dragged and spring back); past it the
layout is final and physics is off, which is what keeps ten thousand nodes usable.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import random
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from rdflib import Graph

from kg.files import atomic_writer
from kg.views import ACTOR_CLASSES, View, centrality, select_view

__all__ = [
    "CLASS_STYLES",
    "PHYSICS_LIMIT",
    "RELATION_STYLES",
    "layout",
    "page_data",
    "render",
    "script_json",
    "write_view",
]

PHYSICS_LIMIT = 300
"""Above this many nodes the precomputed layout is final and physics is off."""

CLASS_STYLES: dict[str, dict[str, str]] = {
    "ArmedGroup": {"label": "Armed group", "color": "#d62728", "shape": "dot"},
    "State": {"label": "State", "color": "#1f77b4", "shape": "square"},
    "Government": {"label": "Government", "color": "#17becf", "shape": "square"},
    "SecurityForce": {"label": "Security force", "color": "#2ca02c", "shape": "triangle"},
    "Organization": {"label": "Organisation", "color": "#9467bd", "shape": "diamond"},
    "Person": {"label": "Person", "color": "#ff7f0e", "shape": "dot"},
    "Community": {"label": "Community", "color": "#8c564b", "shape": "star"},
    "Actor": {"label": "Other actor", "color": "#bcbd22", "shape": "dot"},
    "Event": {"label": "Event", "color": "#e377c2", "shape": "hexagon"},
    "Place": {"label": "Place", "color": "#7f7f7f", "shape": "triangleDown"},
    "Resource": {"label": "Untyped", "color": "#c7c7c7", "shape": "dot"},
}
"""Colour and vis-network shape of each node class, in legend order."""

RELATION_STYLES: dict[str, dict[str, Any]] = {
    "claimedBy": {"color": "#d62728", "dashes": False, "arrows": True},
    "attributedTo": {"color": "#ff9896", "dashes": True, "arrows": True},
    "targeted": {"color": "#ff7f0e", "dashes": False, "arrows": True},
    "killed": {"color": "#111111", "dashes": False, "arrows": True},
    "alliedWith": {"color": "#2ca02c", "dashes": False, "arrows": False},
    "memberOf": {"color": "#1f77b4", "dashes": True, "arrows": True},
    "leaderOf": {"color": "#9467bd", "dashes": False, "arrows": True},
    "branchOf": {"color": "#8c564b", "dashes": True, "arrows": True},
    "place": {"color": "#b0b0b0", "dashes": True, "arrows": True},
    "locatedIn": {"color": "#d0d0d0", "dashes": True, "arrows": True},
}
"""Colour, dashing and arrow of each relation, in legend order."""

_ALWAYS_IN_LEGEND = (*ACTOR_CLASSES, "Event", "Place")
_VIS = files("pyvis") / "templates" / "lib" / "vis-9.1.2"
_SPACING = 90.0  # vis-network units between neighbouring nodes in the precomputed layout

_JSON_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c`` escapes, so no string in it can close
    the element or open a comment; ``JSON.parse`` reads them back unchanged.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.translate(_JSON_ESCAPES)


def layout(view: View, seed: int = 1) -> dict[str, tuple[float, float]]:
    """Positions for every node of ``view``: Fruchterman-Reingold (igraph), scaled so
    that neighbours sit about ``_SPACING`` apart. The same view gives the same layout."""
    import igraph

    keys = list(view.nodes)
    if not keys:
        return {}
    index = {key: i for i, key in enumerate(keys)}
    pairs = {
        tuple(sorted((index[e.source], index[e.target])))
        for e in view.edges.values()
        if e.source != e.target
    }
    network = igraph.Graph(n=len(keys), edges=sorted(pairs))
    # a sunflower spiral as the start: spread out (a tight start makes FR's grid quadratic)
    # and the same every time
    start = [
        [math.sqrt(i) * math.cos(i * 2.399963), math.sqrt(i) * math.sin(i * 2.399963)]
        for i in range(len(keys))
    ]
    generator = random.Random(seed)
    igraph.set_random_number_generator(generator)
    try:
        coords = network.layout_fruchterman_reingold(seed=start, niter=500)
    finally:
        igraph.set_random_number_generator(random)
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    width = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = _SPACING * math.sqrt(len(keys)) * 1.5 / width
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        key: (round((x - cx) * scale, 1), round((y - cy) * scale, 1))
        for key, (x, y) in zip(keys, coords, strict=True)
    }


def page_data(view: View, physics: bool | None = None) -> dict[str, Any]:
    """Everything the page's script needs, as plain JSON-ready data."""
    physics = len(view.nodes) <= PHYSICS_LIMIT if physics is None else physics
    positions = layout(view)
    score = centrality(view)
    cited = {item["doc"] for e in view.edges.values() for item in e.evidence}
    cited |= {c["doc"] for n in view.nodes.values() for c in n.casualties}
    cited |= {d for n in view.nodes.values() for d in n.documents}
    referenced = {p for n in view.nodes.values() for p in n.places}
    referenced |= {v for e in view.edges.values() for v in e.via}
    present = {n.cls for n in view.nodes.values()}
    nodes = []
    for node in view.nodes.values():
        x, y = positions[node.id]
        nodes.append(
            {
                "id": node.id, "label": node.label, "cls": node.cls, "type": node.type,
                "aliases": node.aliases, "date": node.date, "places": node.places,
                "casualties": node.casualties, "docs": node.documents,
                "sameAs": node.same_as, "value": round(score[node.id], 6), "x": x, "y": y,
            }
        )  # fmt: skip
    edges = [
        {
            "id": f"e{i}", "from": e.source, "to": e.target, "relation": e.relation,
            "evidence": e.evidence, "via": e.via,
        }
        for i, e in enumerate(view.edges.values())
    ]  # fmt: skip
    context = {k: view.context[k] for k in sorted(referenced) if k in view.context}
    return {
        "meta": {
            "view": view.name,
            "notes": view.notes,
            "physics": physics,
            "total": {"nodes": view.total[0], "edges": view.total[1]},
        },
        "classes": [
            {"name": name, **style}
            for name, style in CLASS_STYLES.items()
            if name in present or name in _ALWAYS_IN_LEGEND
        ],
        "relations": [{"name": name, **style} for name, style in RELATION_STYLES.items()],
        "nodes": nodes,
        "edges": edges,
        "context": {
            k: {"label": n.label, "cls": n.cls, "date": n.date, "places": n.places}
            for k, n in context.items()
        },
        "docs": {k: v for k, v in sorted(view.documents.items()) if k in cited},
    }


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("kg", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _title(view: View) -> str:
    return "militant-kg: " + ("; ".join(view.notes) if view.notes else f"{view.name} network")


def html_page(view: View, physics: bool | None = None) -> str:
    """The page for ``view`` as one HTML text."""
    templates = files("kg") / "templates"
    vis_js = (_VIS / "vis-network.min.js").read_text(encoding="utf-8")
    page_js = (templates / "network.js").read_text(encoding="utf-8")
    return (
        _environment()
        .get_template("network.html")
        .render(
            title=_title(view),
            csp_scripts=Markup(" ".join((_csp_hash(vis_js), _csp_hash(page_js)))),
            vis_css=Markup((_VIS / "vis-network.css").read_text(encoding="utf-8")),
            page_css=Markup((templates / "network.css").read_text(encoding="utf-8")),
            data=Markup(script_json(page_data(view, physics))),
            vis_js=Markup(vis_js),
            page_js=Markup(page_js),
        )
    )


def write_view(view: View, path: str | Path, physics: bool | None = None) -> Path:
    """Write the page for ``view`` to ``path`` (atomically) and return the path.

    ``physics`` ``None`` turns it on only up to ``PHYSICS_LIMIT`` nodes.
    """
    path = Path(path)
    page = html_page(view, physics)
    with atomic_writer(path) as handle:
        handle.write(page)
    return path


def render(graph: Graph, path: str | Path, **selection: Any) -> Path:
    """Write the network of ``graph`` to ``path``: by default the whole graph, or for a
    big one a readable slice (``kg.views.select_view``'s options choose another)."""
    physics = selection.pop("physics", None)
    return write_view(select_view(graph, **selection), path, physics)
