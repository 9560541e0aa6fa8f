"""The interactive HTML network (pyvis), one self-contained file that works offline."""

from __future__ import annotations

import html
from pathlib import Path

from pyvis.network import Network
from rdflib import Graph

from kg.export import to_networkx
from kg.files import atomic_writer

__all__ = ["CLASS_STYLES", "render"]

CLASS_STYLES: dict[str, dict[str, str]] = {
    "ArmedGroup": {"color": "#d62728", "shape": "dot"},
    "State": {"color": "#1f77b4", "shape": "square"},
    "Government": {"color": "#17becf", "shape": "square"},
    "SecurityForce": {"color": "#2ca02c", "shape": "triangle"},
    "Organization": {"color": "#9467bd", "shape": "diamond"},
    "Person": {"color": "#ff7f0e", "shape": "dot"},
    "Community": {"color": "#8c564b", "shape": "star"},
    "Place": {"color": "#7f7f7f", "shape": "triangleDown"},
}
_EVENT_STYLE = {"color": "#e377c2", "shape": "box"}


def render(graph: Graph, path: str | Path) -> Path:
    """Write the whole graph as an interactive network to ``path``."""
    network = to_networkx(graph)
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    # Filling pyvis's lists directly: add_node/add_edge grow with the square of the size.
    for key, data in network.nodes(data=True):
        style = CLASS_STYLES.get(data["cls"], _EVENT_STYLE)
        net.nodes.append(
            {
                "id": key,
                "label": data["label"],
                "title": html.escape(f"{data['label']} ({data['cls']})"),
                "color": style["color"],
                "shape": style["shape"],
                "size": 10 + 2 * network.degree(key),
            }
        )
        net.node_ids.append(key)
    for s, o, data in network.edges(data=True):
        net.edges.append(
            {
                "from": s,
                "to": o,
                "label": data["relation"],
                "title": data["relation"],
                "arrows": "to",
            }
        )
    page = net.generate_html(notebook=False)
    path = Path(path)
    with atomic_writer(path) as handle:
        handle.write(page)
    return path
