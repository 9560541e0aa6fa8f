"""A picture of the network page, for people: builds the sample corpus's graph, renders
its default view, opens it in headless Chromium, selects an actor and saves a PNG.

    python scripts/screenshot.py                      # seeds/ -> docs/network.png
    python scripts/screenshot.py --graph exports -o shot.png --select "IS-K"
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_render import open_browser  # noqa: E402

from kg.documents import expand_paths, read_item  # noqa: E402
from kg.pipeline import build_graph  # noqa: E402
from kg.rendering import render  # noqa: E402
from kg.store import load_graph  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, help="a built graph (default: build seeds/)")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "network.png")
    parser.add_argument("--select", default="Islamic State", help="the node to show the facts of")
    parser.add_argument("--zoom", type=float, default=0.9, help="the scale to show it at")
    args = parser.parse_args()

    if args.graph:
        graph = load_graph(args.graph)
    else:
        files = expand_paths([ROOT / "seeds"])
        graph = build_graph(doc for item in files for doc in read_item(item, print))
    with tempfile.TemporaryDirectory() as folder, open_browser() as browser:
        page_path = render(graph, Path(folder) / "network.html")
        page = browser.new_page()
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("body[data-state=stable]", timeout=120_000)
        page.fill("#kg-search", args.select)
        page.press("#kg-search", "Enter")
        focus = "(z) => kg.network.focus(kg.network.getSelectedNodes()[0], {scale: z})"
        page.evaluate(focus, args.zoom)
        page.wait_for_timeout(1500)  # the focus animates for a second
        args.output.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.output))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
