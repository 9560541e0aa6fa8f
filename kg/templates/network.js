// militant-kg network page. Reads the view from the JSON blob #kg-data and draws it with
// vis-network. Every text that came from a document is written with textContent, or given
// to vis-network as a plain string (which it shows with innerText): never as HTML.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var big = !data.meta.physics;
  var byId = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); });
  var classStyle = {};
  data.classes.forEach(function (c) { classStyle[c.name] = c; });
  var relationStyle = {};
  data.relations.forEach(function (r) { relationStyle[r.name] = r; });
  var SYMBOLS = { dot: "●", square: "■", triangle: "▲", diamond: "◆", star: "★",
    box: "▬", triangleDown: "▼", hexagon: "⬢" };

  function $(id) { return document.getElementById(id); }
  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (className) e.className = className;
    return e;
  }
  function styleOf(cls) { return classStyle[cls] || classStyle.Resource || { label: cls, color: "#999", shape: "dot" }; }
  function labelOf(id) {
    var n = byId.get(id) || data.context[id];
    return n ? n.label : id;
  }
  function docText(id) {
    if (!id) return "unknown document";
    var d = data.docs[id];
    if (!d) return id;
    var parts = [d.title || id];
    if (d.publisher) parts.push(d.publisher);
    if (d.date) parts.push(d.date);
    if (d.source && d.source !== d.title) parts.push(d.source);
    return parts.join(" · ");
  }

  // ---------------------------------------------------------------- tooltips (plain text)
  function nodeTitle(n) {
    var s = styleOf(n.cls);
    var lines = [n.label, s.label + (n.type && n.type !== n.cls ? " (" + n.type + ")" : "")];
    if (n.aliases.length) lines.push("also: " + n.aliases.slice(0, 8).join(", ") + (n.aliases.length > 8 ? ", …" : ""));
    if (n.date) lines.push("date: " + n.date);
    n.casualties.forEach(function (c) { lines.push(casualtyText(c)); });
    return lines.join("\n");
  }
  function edgeTitle(e) {
    var lines = [labelOf(e.from) + " " + e.relation + " " + labelOf(e.to)];
    if (e.via.length) lines.push("through " + e.via.map(labelOf).join("; "));
    var first = e.evidence.find(function (ev) { return ev.sentence; });
    if (first) lines.push("“" + first.sentence + "”");
    lines.push(e.evidence.length + " evidence statement" + (e.evidence.length === 1 ? "" : "s"));
    return lines.join("\n");
  }
  function casualtyText(c) {
    var parts = [];
    var at = c.minimum ? "at least " : "";
    if (c.deaths !== null && c.deaths !== undefined) parts.push(at + c.deaths + " killed");
    if (c.injuries !== null && c.injuries !== undefined) parts.push(at + c.injuries + " injured");
    return (parts.join(", ") || "casualties") + (c.reportedBy ? " (" + c.reportedBy + ")" : "");
  }

  // ---------------------------------------------------------------- data sets and filters
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var s = styleOf(n.cls);
    return {
      id: n.id, label: n.label, value: n.value, x: n.x, y: n.y, shape: s.shape,
      color: { background: s.color, border: "#333", highlight: { background: s.color, border: "#000" },
        hover: { background: s.color, border: "#000" } },
      title: nodeTitle(n)
    };
  }));
  var edgeById = new Map();
  var edges = new vis.DataSet(data.edges.map(function (e) {
    edgeById.set(e.id, e);
    var r = relationStyle[e.relation] || { color: "#999", dashes: false, arrows: true };
    return {
      id: e.id, from: e.from, to: e.to, relation: e.relation,
      color: { color: r.color, highlight: r.color, hover: r.color, opacity: 0.85 },
      dashes: r.dashes, arrows: r.arrows ? "to" : "",
      width: 1 + Math.min(e.evidence.length, 4) * 0.5, title: edgeTitle(e)
    };
  }));

  var state = { classes: new Set(), relations: new Set(), since: "", until: "" };
  data.classes.forEach(function (c) { state.classes.add(c.name); });
  data.relations.forEach(function (r) { state.relations.add(r.name); });

  // an ISO date of any precision covers [first day, last day]
  function bounds(date) {
    date = date.slice(0, 10);
    return [date + "-01-01".slice(date.length - 4), date + "-12-31".slice(date.length - 4)];
  }
  function validDate(text) { return /^\d{4}(-\d{2}(-\d{2})?)?$/.test(text); }
  function dateInRange(date) {
    if (!state.since && !state.until) return true;
    if (!date) return false;
    var b = bounds(date);
    var low = state.since ? bounds(state.since)[0] : "0000-01-01";
    var high = state.until ? bounds(state.until)[1] : "9999-12-31";
    return b[0] <= high && b[1] >= low;
  }
  function nodeVisible(n) {
    if (!n || !state.classes.has(n.cls)) return false;
    // the date range hides dated events outside it; undated nodes stay
    return !n.date || dateInRange(n.date);
  }
  function edgeVisible(e) {
    if (!state.relations.has(e.relation)) return false;
    if (!nodeVisible(byId.get(e.from)) || !nodeVisible(byId.get(e.to))) return false;
    if (e.via.length && (state.since || state.until)) {
      return e.via.some(function (v) { var c = data.context[v]; return c && dateInRange(c.date); });
    }
    return true;
  }
  var nodeView = new vis.DataView(nodes, { filter: function (item) { return nodeVisible(byId.get(item.id)); } });
  var edgeView = new vis.DataView(edges, { filter: function (item) { return edgeVisible(edgeById.get(item.id)); } });

  // ---------------------------------------------------------------- the network
  var options = {
    autoResize: true,
    layout: { improvedLayout: false },
    physics: data.meta.physics ? {
      enabled: true, solver: "barnesHut",
      barnesHut: { gravitationalConstant: -2500, centralGravity: 0.7, springLength: 90, avoidOverlap: 0.1 },
      stabilization: { enabled: true, iterations: 150, fit: true }
    } : { enabled: false },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
      keyboard: false, multiselect: false },
    nodes: {
      borderWidth: 1,
      scaling: { min: 8, max: 40, label: { enabled: true, min: 10, max: 22, drawThreshold: 5, maxVisible: 30 } },
      font: { size: 12, face: "system-ui, sans-serif" }
    },
    edges: {
      smooth: big ? false : { enabled: true, type: "continuous", roundness: 0.3 },
      arrows: { to: { enabled: false, scaleFactor: 0.5 } },
      font: { size: 11, align: "middle", strokeWidth: 3 },
      selectionWidth: 1.5, hoverWidth: 1
    }
  };
  var network = new vis.Network($("kg-network"), { nodes: nodeView, edges: edgeView }, options);

  function markStable() {
    if (document.body.dataset.state === "stable") return;
    document.body.dataset.state = "stable";
    window.kgStableAt = performance.now();
  }
  if (data.meta.physics && data.nodes.length) {
    network.once("stabilizationIterationsDone", function () { network.once("afterDrawing", markStable); network.redraw(); });
    network.once("stabilized", function () { network.once("afterDrawing", markStable); network.redraw(); });
  } else {
    network.once("afterDrawing", markStable);
    if (!data.nodes.length) markStable();
  }

  // edges are labelled while hovered
  network.on("hoverEdge", function (p) { var e = edgeById.get(p.edge); if (e) edges.update({ id: p.edge, label: e.relation }); });
  network.on("blurEdge", function (p) { edges.update({ id: p.edge, label: "" }); });

  // ---------------------------------------------------------------- the facts panel
  var details = $("kg-details");
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function row(dl, term, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    dl.appendChild(el("dt", term));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = Array.isArray(value) ? value.join(", ") : String(value);
    dl.appendChild(dd);
  }
  function link(id, text) {
    var b = el("button", text, "kg-link");
    b.type = "button";
    b.addEventListener("click", function () { choose(id); });
    return b;
  }
  function evidenceList(items, parent) {
    if (!items.length) { parent.appendChild(el("p", "No evidence sentence recorded.", "kg-muted")); return; }
    items.forEach(function (ev) {
      if (ev.sentence) parent.appendChild(el("blockquote", ev.sentence));
      var cite = ev.method === "gazetteer" && !ev.sentence ? "from the gazetteer" : docText(ev.doc);
      var extra = [ev.method, ev.confidence ? "confidence " + ev.confidence : ""].filter(Boolean).join(", ");
      parent.appendChild(el("p", "— " + cite + (extra ? " (" + extra + ")" : ""), "kg-cite"));
    });
  }

  function showNode(id) {
    var n = byId.get(id);
    if (!n) return;
    clear(details);
    details.dataset.kind = "node";
    details.dataset.id = id;
    details.appendChild(el("h2", n.label));
    var dl = el("dl");
    var s = styleOf(n.cls);
    row(dl, "class", s.label + (n.type && n.type !== n.cls ? " (" + n.type + ")" : ""));
    row(dl, "aliases", n.aliases);
    row(dl, "date", n.date);
    row(dl, "place", n.places.map(labelOf));
    row(dl, "same as", n.sameAs);
    row(dl, "id", n.id);
    details.appendChild(dl);
    if (n.casualties.length) {
      details.appendChild(el("h3", "Casualty reports"));
      n.casualties.forEach(function (c) {
        details.appendChild(el("p", casualtyText(c)));
        if (c.sentence) details.appendChild(el("blockquote", c.sentence));
        details.appendChild(el("p", "— " + docText(c.doc), "kg-cite"));
      });
    }
    var links = data.edges.filter(function (e) { return e.from === id || e.to === id; });
    if (links.length) {
      details.appendChild(el("h3", "Relations (" + links.length + ")"));
      var ul = el("ul", null, "kg-details-list");
      links.slice(0, 200).forEach(function (e) {
        var li = el("li");
        var other = e.from === id ? e.to : e.from;
        var text = e.relation + (e.from === id ? " → " : " ← ") + labelOf(other);
        var b = el("button", text, "kg-link");
        b.type = "button";
        b.addEventListener("click", function () { network.selectEdges([e.id]); showEdge(e.id); });
        li.appendChild(b);
        ul.appendChild(li);
      });
      details.appendChild(ul);
    }
    if (n.docs.length) {
      details.appendChild(el("h3", "Reported in"));
      var docs = el("ul", null, "kg-details-list");
      n.docs.forEach(function (d) { docs.appendChild(el("li", docText(d))); });
      details.appendChild(docs);
    }
  }

  function showEdge(id) {
    var e = edgeById.get(id);
    if (!e) return;
    clear(details);
    details.dataset.kind = "edge";
    details.dataset.id = id;
    details.appendChild(el("h2", labelOf(e.from) + " " + e.relation + " " + labelOf(e.to)));
    var dl = el("dl");
    row(dl, "from", link(e.from, labelOf(e.from)));
    row(dl, "relation", e.relation);
    row(dl, "to", link(e.to, labelOf(e.to)));
    if (e.via.length) {
      row(dl, "through", e.via.map(function (v) {
        var c = data.context[v];
        return labelOf(v) + (c && c.date ? " (" + c.date + ")" : "");
      }));
    }
    details.appendChild(dl);
    details.appendChild(el("h3", "Evidence (" + e.evidence.length + ")"));
    evidenceList(e.evidence, details);
  }

  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });

  // ---------------------------------------------------------------- search
  var index = data.nodes.map(function (n) {
    return { id: n.id, names: [n.label].concat(n.aliases).map(function (x) { return [x, x.toLocaleLowerCase()]; }) };
  });
  function search(text) {
    var q = text.trim().toLocaleLowerCase();
    if (!q) return [];
    var hits = [];
    index.forEach(function (entry) {
      var best = null;
      entry.names.forEach(function (pair, i) {
        var at = pair[1].indexOf(q);
        if (at < 0) return;
        var rank = pair[1] === q ? 0 : at === 0 ? 1 : 2;
        if (!best || rank < best.rank) best = { rank: rank, name: pair[0], alias: i > 0 };
      });
      if (best) hits.push({ id: entry.id, rank: best.rank, name: best.name, alias: best.alias });
    });
    hits.sort(function (a, b) {
      return a.rank - b.rank || labelOf(a.id).length - labelOf(b.id).length || (a.id < b.id ? -1 : 1);
    });
    return hits;
  }
  function choose(id) {
    var n = byId.get(id);
    if (!n) return;
    if (!nodeVisible(n)) { state.classes.add(n.cls); state.since = state.until = ""; syncControls(); apply(); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showNode(id);
  }
  var results = $("kg-results");
  var searchBox = $("kg-search");
  function showResults() {
    clear(results);
    search(searchBox.value).slice(0, 20).forEach(function (hit) {
      var li = el("li");
      var b = el("button", null, null);
      b.type = "button";
      b.dataset.id = hit.id;
      b.appendChild(el("span", labelOf(hit.id)));
      if (hit.alias) b.appendChild(el("span", " — " + hit.name, "kg-alias"));
      b.appendChild(el("span", " · " + styleOf(byId.get(hit.id).cls).label, "kg-muted"));
      b.addEventListener("click", function () { choose(hit.id); });
      li.appendChild(b);
      results.appendChild(li);
    });
  }
  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var hits = search(searchBox.value);
      if (hits.length) choose(hits[0].id);
    }
  });

  // ---------------------------------------------------------------- filters and legend
  var classCounts = {}, relationCounts = {};
  data.nodes.forEach(function (n) { classCounts[n.cls] = (classCounts[n.cls] || 0) + 1; });
  data.edges.forEach(function (e) { relationCounts[e.relation] = (relationCounts[e.relation] || 0) + 1; });

  function checkbox(list, kind, name, swatch, text, count) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset[kind] = name;
    box.addEventListener("change", function () {
      var set = kind === "cls" ? state.classes : state.relations;
      if (box.checked) set.add(name); else set.delete(name);
      apply();
    });
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", text));
    label.appendChild(el("span", count || 0, "kg-count"));
    li.appendChild(label);
    list.appendChild(li);
  }
  data.classes.forEach(function (c) {
    var sw = el("span", SYMBOLS[c.shape] || "●", "kg-swatch");
    sw.style.color = c.color;
    checkbox($("kg-classes"), "cls", c.name, sw, c.label, classCounts[c.name]);
  });
  data.relations.forEach(function (r) {
    var sw = el("span", null, "kg-line" + (r.dashes ? " kg-dashed" : ""));
    sw.style.borderTopColor = r.color;
    checkbox($("kg-relations"), "relation", r.name, sw, r.name + (r.arrows ? " →" : " ↔"), relationCounts[r.name]);
  });

  function readDate(input) {
    var v = input.value.trim();
    var ok = !v || validDate(v);
    input.setAttribute("aria-invalid", ok ? "false" : "true");
    input.style.borderColor = ok ? "" : "#d62728";
    return ok ? v : "";
  }
  $("kg-since").addEventListener("input", function () { state.since = readDate(this); apply(); });
  $("kg-until").addEventListener("input", function () { state.until = readDate(this); apply(); });
  function syncControls() {
    document.querySelectorAll("#kg-classes input").forEach(function (b) { b.checked = state.classes.has(b.dataset.cls); });
    document.querySelectorAll("#kg-relations input").forEach(function (b) { b.checked = state.relations.has(b.dataset.relation); });
    $("kg-since").value = state.since;
    $("kg-until").value = state.until;
  }
  $("kg-reset").addEventListener("click", function () {
    data.classes.forEach(function (c) { state.classes.add(c.name); });
    data.relations.forEach(function (r) { state.relations.add(r.name); });
    state.since = state.until = "";
    syncControls();
    apply();
  });

  var counts = $("kg-counts");
  function updateCounts() {
    var shownNodes = nodeView.length, shownEdges = edgeView.length;
    counts.dataset.nodes = shownNodes;
    counts.dataset.edges = shownEdges;
    counts.dataset.totalNodes = data.nodes.length;
    counts.dataset.totalEdges = data.edges.length;
    var fmt = function (x) { return x.toLocaleString("en"); };
    counts.textContent = fmt(shownNodes) + " of " + fmt(data.nodes.length) + " nodes · " +
      fmt(shownEdges) + " of " + fmt(data.edges.length) + " edges";
  }
  function apply() {
    nodeView.refresh();
    edgeView.refresh();
    updateCounts();
  }

  // ---------------------------------------------------------------- header
  $("kg-title").textContent = data.meta.view === "actors" ? "Actor network" : "Network";
  var notes = data.meta.notes.slice();
  if (data.nodes.length < data.meta.total.nodes) {
    notes.push("cut from " + data.meta.total.nodes.toLocaleString("en") + " nodes and " +
      data.meta.total.edges.toLocaleString("en") + " edges");
  }
  $("kg-notes").textContent = notes.join("; ");
  updateCounts();

  window.kg = {
    data: data, network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    state: state, apply: apply, search: search, choose: choose, showNode: showNode, showEdge: showEdge
  };
})();
