"""Labels in real headless Chromium: at the default zoom no two drawn labels overlap and the
largest nodes are the ones named; zooming in names more of them, still without overlap."""

from __future__ import annotations

import pytest

from ddgraph.queries import views
from ddgraph.queries.project import to_networkx
from ddgraph.queries.views import ego_view, graph_view
from tests.queries.chromium import MARKS, browser, sync_api  # noqa: F401 (browser: a fixture)
from tests.queries.synthetic import synthetic_dataset

pytestmark = MARKS
R = "https://w3id.org/ddgraph/id/"

#: The labels drawn now (font large enough at this zoom, not set aside), their boxes and node values.
LABELS = """() => {
  const body = window.network.body, out = [];
  for (const id of body.nodeIndices) {
    const lab = body.nodes[id].labelModule, s = lab.size;
    if (!lab.elementOptions.label || !lab.visible() || lab.fontOptions.color === "rgba(0,0,0,0)") continue;
    out.push({id: id, value: body.nodes[id].options.value, box: [s.left, s.top, s.left + s.width, s.top + s.height]});
  }
  return {labels: out, nodes: body.nodeIndices.length, scale: window.network.getScale()};
}"""


def overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes overlap.

    Example:
        >>> overlapping([{"id": "a", "box": [0, 0, 10, 10]}, {"id": "b", "box": [5, 5, 20, 20]},
        ...              {"id": "c", "box": [10, 0, 20, 4]}])
        [('a', 'b')]
    """
    out = []
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            x, y = a["box"], b["box"]
            if x[0] < y[2] and y[0] < x[2] and x[1] < y[3] and y[1] < x[3]:
                out.append((a["id"], b["id"]))
    return out


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("labels")
    ds = synthetic_dataset(persons=60, meetings=120, topics=6, articles=40, seed=1)
    written = {"graph": graph_view(ds, out / "graph.html"),
               "ego": ego_view(ds, R + "person/p0", out / "ego.html", graph=to_networkx(ds, articles=True))}
    limit = views.PHYSICS_MAX_NODES
    views.PHYSICS_MAX_NODES = 10  # the Python layout, physics off
    try:
        written["layout"] = graph_view(ds, out / "layout.html")
    finally:
        views.PHYSICS_MAX_NODES = limit
    return written


#: The layout has stopped moving (physics off, or settled) and the labels were set out after it.
SETTLED = "window.ddgraphStable !== null && (!window.network.physics.options.enabled || window.network.physics.stabilized)"


def _open(browser, path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(path.resolve().as_uri())
    page.wait_for_function(SETTLED, timeout=60_000)
    page.wait_for_timeout(400)  # the page sets its labels out again 120 ms after the layout settles
    return page


@pytest.mark.parametrize("name", ["graph", "layout", "ego"])
def test_drawn_labels_never_overlap_and_the_largest_nodes_are_named(browser, pages, name):
    page = _open(browser, pages[name])
    try:
        shown = page.evaluate(LABELS)
        assert overlapping(shown["labels"]) == []
        assert len(shown["labels"]) >= 10
        biggest = max(shown["labels"], key=lambda x: x["value"])
        values = page.evaluate("() => window.network.body.nodeIndices.map(id => window.network.body.nodes[id].options.value)")
        assert biggest["value"] == max(values)  # the largest node is named
    finally:
        page.close()


@pytest.mark.parametrize("name", ["graph", "layout"])
def test_zooming_in_names_more_nodes_without_overlap(browser, pages, name):
    page = _open(browser, pages[name])
    try:
        before = page.evaluate(LABELS)
        assert before["scale"] < 0.6 and len(before["labels"]) < before["nodes"] / 2  # a big network: some unnamed
        page.evaluate("() => { window.network.moveTo({scale: 2.5}); window.network.redraw(); }")
        page.wait_for_timeout(200)
        page.evaluate("() => window.ddgraphDeclutter()")
        after = page.evaluate(LABELS)
        assert len(after["labels"]) > len(before["labels"])
        assert overlapping(after["labels"]) == []
    finally:
        page.close()
