// relgraph view: draws the graph inlined in #relgraph-data with
// Cytoscape.js and lets the reader search, filter and read the sources.
// Every user-supplied string goes into the page as text (textContent),
// never as markup.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('relgraph-data').textContent);
  var N = D.nodes, E = D.edges, S = D.sources;
  var view = { data: D, firstDraw: 0, ready: false, timings: { script: performance.now() } };
  window.relgraphView = view;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function $(id) { return document.getElementById(id); }

  // key folds a name as graph.Key does: diacritics dropped, lower case,
  // every run of other characters (hyphens, dots, spaces) one space.
  function key(s) {
    return s.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase()
      .split(/[^\p{L}\p{Nd}]+/u).filter(Boolean).join(' ');
  }

  var kinds = {}, looks = {};
  D.kinds.forEach(function (k) { kinds[k.kind] = k; });
  D.looks.forEach(function (l) { looks[l.key] = l; });
  var other = { fill: '#EEEEEE', stroke: '#666666', text: '#111111', shape: 'round-rectangle', border: 'solid' };
  function kindOf(n) { return kinds[n.kind] || other; }
  var sizes = { Leader: 62, State: 52, Allegation: 50 };

  // Adjacency: edge indices at each node.
  var adj = N.map(function () { return []; });
  E.forEach(function (e, i) { adj[e.s].push(i); if (e.t !== e.s) adj[e.t].push(i); });

  $('title').textContent = D.title;
  document.title = D.title;

  // ---- the graph ----
  // Kinds and looks are styled by class (k0, k1, ... and the look's key),
  // never by a selector built from a name.
  var kindClass = {};
  D.kinds.forEach(function (k, j) { kindClass[k.kind] = 'k' + j; });
  var elements = [];
  N.forEach(function (n, i) {
    elements.push({ group: 'nodes', data: { id: 'n' + i, i: i, label: n.name }, position: { x: n.x, y: n.y },
      classes: kindClass[n.kind] || 'kother' });
  });
  E.forEach(function (e, i) {
    var label = (e.status === 'denied' ? 'DENIED: ' : '') + e.type;
    elements.push({ group: 'edges', data: { id: 'e' + i, i: i, source: 'n' + e.s, target: 'n' + e.t, label: label },
      classes: looks[e.look] ? e.look : 'reported' });
  });
  var large = D.large;
  // A large graph draws for speed: no labels but on what is selected,
  // found or next to it, straight edges without arrows.
  var style = [
    { selector: 'node', style: {
      'label': large ? '' : 'data(label)', 'shape': other.shape, 'background-color': other.fill, 'border-color': other.stroke,
      'border-width': 2, 'width': 42, 'height': 42,
      'color': '#111', 'font-size': 13, 'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': large ? 'none' : 'wrap',
      'text-max-width': 150, 'text-background-color': '#fff', 'text-background-opacity': 0.75,
      'text-background-padding': 1, 'min-zoomed-font-size': 4 } },
    { selector: 'edge', style: {
      'curve-style': large ? 'haystack' : 'bezier', 'width': 1, 'arrow-scale': 0.9, 'opacity': large ? 0.45 : 0.85,
      'label': large ? '' : 'data(label)', 'font-size': 9, 'min-zoomed-font-size': 7,
      'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 0.8 } }
  ];
  D.kinds.forEach(function (k, j) {
    style.push({ selector: '.k' + j, style: { 'shape': k.shape, 'background-color': k.fill, 'border-color': k.stroke,
      'border-style': k.border, 'border-width': k.border === 'double' ? 4 : 2,
      'width': sizes[k.kind] || 42, 'height': sizes[k.kind] || 42 } });
  });
  D.looks.forEach(function (l) {
    style.push({ selector: 'edge.' + l.key, style: { 'line-color': l.colour, 'line-style': l.line, 'width': l.width,
      'target-arrow-shape': large ? 'none' : l.arrow, 'target-arrow-color': l.colour, 'color': l.colour } });
  });
  style = style.concat([
    { selector: 'node:selected, node.found, node.near', style: { 'label': 'data(label)' } },
    { selector: 'edge:selected, edge.near', style: { 'label': 'data(label)', 'opacity': 1, 'width': 3, 'z-index': 9 } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111', 'border-style': 'solid' } },
    { selector: 'edge:selected', style: { 'line-color': '#111', 'target-arrow-color': '#111', 'color': '#111' } },
    { selector: 'node.found', style: { 'underlay-color': '#FFC400', 'underlay-opacity': 0.9, 'underlay-padding': 10,
      'underlay-shape': 'ellipse', 'font-weight': 'bold', 'font-size': 13, 'z-index': 10 } },
    { selector: '.faded', style: { 'opacity': 0.15, 'text-opacity': 0.3 } },
    { selector: '.hidden', style: { 'display': 'none' } }
  ]);
  var cy = window.cytoscape({
    container: $('cy'), elements: elements, style: style, layout: { name: 'preset', fit: true, padding: 30 },
    wheelSensitivity: 0.3, minZoom: 0.02, maxZoom: 6, boxSelectionEnabled: false,
    hideEdgesOnViewport: large, textureOnViewport: large, pixelRatio: large ? 1 : 'auto'
  });
  view.cy = cy;
  view.timings.init = performance.now();
  cy.one('render', function () {
    view.firstDraw = performance.now();
    view.ready = true;
  });
  function cyNode(i) { return cy.getElementById('n' + i); }
  function cyEdge(i) { return cy.getElementById('e' + i); }

  // ---- legend and filters ----
  var kindOn = {}, statusOn = {}, srcOn = S.map(function () { return true; });
  D.kinds.forEach(function (k) { kindOn[k.kind] = true; });
  D.statuses.forEach(function (s) { statusOn[s] = true; });

  function swatch(k) {
    var c = el('canvas');
    var r = window.devicePixelRatio || 1;
    c.width = 16 * r; c.height = 16 * r;
    c.style.width = '16px'; c.style.height = '16px';
    var g = c.getContext('2d');
    g.scale(r, r);
    var pts = {
      'octagon': [[5, 1], [11, 1], [15, 5], [15, 11], [11, 15], [5, 15], [1, 11], [1, 5]],
      'pentagon': [[8, 1], [15, 6], [13, 15], [3, 15], [1, 6]],
      'hexagon': [[4, 2], [12, 2], [15, 8], [12, 14], [4, 14], [1, 8]],
      'cut-rectangle': [[4, 2], [12, 2], [15, 5], [15, 11], [12, 14], [4, 14], [1, 11], [1, 5]],
      'tag': [[1, 3], [11, 3], [15, 8], [11, 13], [1, 13]],
      'rectangle': [[1, 3], [15, 3], [15, 13], [1, 13]],
      'round-rectangle': [[2, 3], [14, 3], [15, 4], [15, 12], [14, 13], [2, 13], [1, 12], [1, 4]]
    }[k.shape];
    g.beginPath();
    if (pts) {
      pts.forEach(function (p, j) { if (j) g.lineTo(p[0], p[1]); else g.moveTo(p[0], p[1]); });
      g.closePath();
    } else {
      g.arc(8, 8, 7, 0, 2 * Math.PI);
    }
    g.fillStyle = k.fill; g.fill();
    g.lineWidth = 1.5; g.strokeStyle = k.stroke;
    if (k.border === 'dashed') g.setLineDash([2, 2]);
    g.stroke();
    return c;
  }

  function checkbox(parent, on, change, name) {
    var lab = el('label');
    var box = el('input');
    box.type = 'checkbox';
    box.checked = on;
    box.name = name;
    box.addEventListener('change', function () { change(box.checked); apply(); });
    lab.appendChild(box);
    parent.appendChild(lab);
    return lab;
  }

  D.kinds.forEach(function (k) {
    var lab = checkbox($('kinds'), true, function (v) { kindOn[k.kind] = v; }, 'kind:' + k.kind);
    lab.appendChild(swatch(k));
    lab.appendChild(el('span', '', k.kind));
    lab.appendChild(el('span', 'n', k.count));
  });
  var statusCount = {};
  E.forEach(function (e) { statusCount[e.status] = (statusCount[e.status] || 0) + 1; });
  D.statuses.forEach(function (s) {
    var l = looks[s === 'confirmed' ? 'reported' : s] || looks.reported;
    var lab = checkbox($('statuses'), true, function (v) { statusOn[s] = v; }, 'status:' + s);
    var line = el('span', 'line' + (l.arrow === 'tee' ? ' tee' : ''));
    line.style.borderTopStyle = l.line;
    line.style.borderTopColor = l.colour;
    line.style.color = l.colour;
    lab.appendChild(line);
    lab.appendChild(el('span', '', s));
    lab.appendChild(el('span', 'n', statusCount[s] || 0));
  });
  (function () {
    var l = looks.denies, lab = el('label');
    var line = el('span', 'line tee');
    line.style.borderTopStyle = l.line; line.style.borderTopColor = l.colour; line.style.color = l.colour;
    line.style.borderTopWidth = '3px';
    lab.appendChild(line);
    lab.appendChild(el('span', '', 'DENIES (a denial)'));
    $('statuses').appendChild(lab);
  })();
  S.forEach(function (s, i) {
    var lab = checkbox($('sources'), true, function (v) { srcOn[i] = v; }, 'source:' + i);
    var name = el('span', 'srcname', srcLabel(s));
    name.title = srcLabel(s) + (s.outlet ? ' — ' + s.outlet : '') + (s.date ? ', ' + s.date : '');
    lab.appendChild(name);
  });

  var since = '', until = '', allegOnly = false;
  var dateRe = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  ['since', 'until'].forEach(function (id) {
    var input = $(id);
    input.addEventListener('input', function () {
      var v = input.value.trim();
      var ok = v === '' || dateRe.test(v);
      input.classList.toggle('bad', !ok);
      if (!ok) return;
      if (id === 'since') since = v; else until = v;
      apply();
    });
  });
  $('allegations').addEventListener('change', function () { allegOnly = this.checked; apply(); });
  $('reset').addEventListener('click', function () {
    document.querySelectorAll('#filters input[type=checkbox]').forEach(function (b) {
      b.checked = b.id !== 'allegations';
    });
    D.kinds.forEach(function (k) { kindOn[k.kind] = true; });
    D.statuses.forEach(function (s) { statusOn[s] = true; });
    srcOn = S.map(function () { return true; });
    $('since').value = ''; $('until').value = ''; since = ''; until = ''; allegOnly = false;
    $('since').classList.remove('bad'); $('until').classList.remove('bad');
    apply();
  });

  // dateLess compares partial ISO dates on their common prefix, as
  // graph.DateLess does.
  function dateLess(a, b) { var n = Math.min(a.length, b.length); return a.slice(0, n) < b.slice(0, n); }
  function inPeriod(e) {
    if (!since && !until) return true;
    if (!e.date && !e.until) return false;
    var start = e.date || e.until, end = e.until || e.date;
    if (since && dateLess(end, since)) return false;
    if (until && dateLess(until, start)) return false;
    return true;
  }
  function isAllegation(e) {
    return N[e.s].kind === 'Allegation' || N[e.t].kind === 'Allegation' ||
      e.status === 'alleged' || e.status === 'denied' || e.status === 'speculated';
  }
  function citesOn(cites) {
    for (var j = 0; j < (cites || []).length; j++) if (srcOn[cites[j].s]) return true;
    return false;
  }

  var visN = N.map(function () { return true; }), visE = E.map(function () { return true; });
  var shownN = visN.slice(), shownE = visE.slice();
  function apply() {
    var allSrc = srcOn.every(Boolean);
    var allStatus = D.statuses.every(function (s) { return statusOn[s]; });
    var relFilter = !allSrc || !allStatus || since || until || allegOnly;
    var onlySrc = !allSrc && allStatus && !since && !until && !allegOnly;
    var hasEdge = N.map(function () { return false; });
    visE = E.map(function (e) {
      var v = kindOn[N[e.s].kind] !== false && kindOn[N[e.t].kind] !== false && statusOn[e.status] !== false &&
        (allSrc || citesOn(e.cites)) && inPeriod(e) && (!allegOnly || isAllegation(e));
      if (v) { hasEdge[e.s] = true; hasEdge[e.t] = true; }
      return v;
    });
    visN = N.map(function (n, i) {
      return kindOn[n.kind] !== false && (!relFilter || hasEdge[i] || (onlySrc && citesOn(n.cites)));
    });
    // Only what changes is touched: restyling 25,000 elements takes seconds.
    cy.batch(function () {
      N.forEach(function (n, i) {
        if (visN[i] !== shownN[i]) { shownN[i] = visN[i]; cyNode(i).toggleClass('hidden', !visN[i]); }
      });
      E.forEach(function (e, i) {
        var v = visE[i] && visN[e.s] && visN[e.t];
        if (v !== shownE[i]) { shownE[i] = v; cyEdge(i).toggleClass('hidden', !v); }
      });
    });
    count();
  }
  function count() {
    var n = shownN.filter(Boolean).length, m = shownE.filter(Boolean).length;
    $('count').textContent = n + ' of ' + N.length + ' nodes, ' + m + ' of ' + E.length + ' relations';
  }
  view.visible = function () {
    var idx = function (a) { var out = []; a.forEach(function (v, i) { if (v) out.push(i); }); return out; };
    return { nodes: idx(shownN), edges: idx(shownE) };
  };

  // ---- search ----
  var results = [], active = 0;
  function search(q) {
    var k = key(q);
    if (!k) return [];
    var out = [];
    N.forEach(function (n, i) {
      var keys = n.keys.split('\n'), rank = -1;
      for (var j = 0; j < keys.length; j++) {
        var p = keys[j].indexOf(k);
        if (p < 0) continue;
        var r = keys[j] === k ? 0 : p === 0 ? 1 : (keys[j].charAt(p - 1) === ' ' ? 2 : 3);
        if (j > 0) r += 0.5; // a name before an alias
        if (rank < 0 || r < rank) rank = r;
      }
      if (rank >= 0) out.push({ i: i, rank: rank });
    });
    out.sort(function (a, b) {
      return a.rank - b.rank || adj[b.i].length - adj[a.i].length || (N[a.i].name < N[b.i].name ? -1 : N[a.i].name > N[b.i].name ? 1 : a.i - b.i);
    });
    return out.slice(0, 12).map(function (x) { return x.i; });
  }
  view.search = search;
  function showResults() {
    var ul = $('results');
    ul.textContent = '';
    results.forEach(function (i, j) {
      var n = N[i], li = el('li', '', n.name);
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', j === active ? 'true' : 'false');
      li.appendChild(el('span', 'kind', n.kind + (visN[i] === false ? ', hidden by a filter' : '')));
      li.addEventListener('mousedown', function (ev) { ev.preventDefault(); pick(i); });
      ul.appendChild(li);
    });
  }
  var q = $('q');
  q.addEventListener('input', function () { results = search(q.value); active = 0; showResults(); });
  q.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowDown') { active = Math.min(active + 1, results.length - 1); showResults(); ev.preventDefault(); }
    else if (ev.key === 'ArrowUp') { active = Math.max(active - 1, 0); showResults(); ev.preventDefault(); }
    else if (ev.key === 'Enter') {
      if (!results.length) results = search(q.value);
      if (results.length) pick(results[active] === undefined ? results[0] : results[active]);
    } else if (ev.key === 'Escape') { results = []; showResults(); }
  });
  q.addEventListener('blur', function () { results = []; showResults(); });

  // pick finds node i: centred, highlighted, selected, its panel shown.
  function pick(i) {
    results = []; showResults();
    var x = cyNode(i);
    if (!shownN[i]) { shownN[i] = true; x.removeClass('hidden'); }
    cy.nodes('.found').removeClass('found');
    x.addClass('found');
    cy.stop();
    cy.animate({ center: { eles: x }, zoom: Math.max(cy.zoom(), 1.4) }, { duration: 250 });
    select(x);
    showNode(i);
  }
  view.pick = pick;

  function select(x) {
    cy.elements(':selected').unselect();
    x.select();
    if (large) {
      cy.batch(function () {
        cy.$('.near').removeClass('near');
        (x.isNode() ? x.closedNeighborhood() : x.union(x.connectedNodes())).addClass('near');
      });
      return;
    }
    cy.batch(function () {
      cy.elements().removeClass('faded near');
      var hood = x.isNode() ? x.closedNeighborhood() : x.union(x.connectedNodes());
      hood.edges().addClass('near');
      cy.elements().not(hood).addClass('faded');
    });
  }
  function unselect() {
    cy.batch(function () { cy.elements().removeClass('faded near found'); });
    $('panel').textContent = '';
    $('panel').appendChild(el('p', 'hint', 'Click a node or a relation to see its kind, properties, status, dates and the quotes that state it.'));
  }

  cy.on('tap', 'node', function (ev) { cy.nodes('.found').removeClass('found'); select(ev.target); showNode(ev.target.data('i')); });
  cy.on('tap', 'edge', function (ev) { cy.nodes('.found').removeClass('found'); select(ev.target); showEdge(ev.target.data('i')); });
  cy.on('tap', function (ev) { if (ev.target === cy) unselect(); });

  // ---- the side panel ----
  function srcLabel(s) { return s.title || s.file || s.id; }
  function link(text, go) {
    var a = el('button', 'link', text);
    a.type = 'button';
    a.addEventListener('click', go);
    return a;
  }
  function nodeLink(i) {
    return link(N[i].name, function () { var x = cyNode(i); select(x); cy.animate({ center: { eles: x } }, { duration: 200 }); showNode(i); });
  }
  function edgeLink(i, text) {
    return link(text, function () { select(cyEdge(i)); showEdge(i); });
  }
  function section(p, title) { p.appendChild(el('h3', '', title)); }
  function srcNames(idx) {
    return (idx || []).map(function (j) { return srcLabel(S[j]); }).join('; ');
  }
  function props(p, list) {
    if (!list || !list.length) return;
    section(p, 'Properties');
    var dl = el('dl');
    list.forEach(function (pr) {
      dl.appendChild(el('dt', '', pr.k));
      var dd = el('dd');
      if (pr.v.length === 1) {
        dd.appendChild(el('span', '', pr.v[0].v));
        if (pr.v[0].s) dd.appendChild(el('div', 'meta', srcNames(pr.v[0].s)));
      } else {
        dd.appendChild(el('div', 'disagree', 'the sources disagree:'));
        var ul = el('ul');
        pr.v.forEach(function (v) {
          var li = el('li', '', v.v);
          if (v.s) li.appendChild(el('div', 'meta', srcNames(v.s)));
          ul.appendChild(li);
        });
        dd.appendChild(ul);
      }
      dl.appendChild(dd);
    });
    p.appendChild(dl);
  }
  function citations(p, cites) {
    section(p, 'Sources' + (cites && cites.length ? ' (' + cites.length + ')' : ''));
    if (!cites || !cites.length) { p.appendChild(el('p', 'hint', 'No source cited.')); return; }
    cites.forEach(function (c) {
      var s = S[c.s], div = el('div', 'cite');
      div.appendChild(el('div', 'src', srcLabel(s)));
      var meta = [s.outlet, s.author, s.date].filter(Boolean).join(' · ');
      if (meta) div.appendChild(el('div', 'meta', meta));
      if (s.url) div.appendChild(el('div', 'meta url', s.url));
      if (c.q) div.appendChild(el('blockquote', 'quote', c.q));
      else div.appendChild(el('div', 'meta', '(no quote)'));
      p.appendChild(div);
    });
  }
  function statusLine(p, e) {
    var l = looks[e.look] || looks.reported;
    var d = el('div');
    d.appendChild(document.createTextNode('Status: '));
    var s = el('span', 'status', e.status);
    s.style.color = l.colour;
    d.appendChild(s);
    p.appendChild(d);
  }
  function dates(e) {
    if (e.date && e.until) return e.date + ' – ' + e.until;
    if (e.until) return 'until ' + e.until;
    return e.date || '';
  }
  function badge(n) {
    var k = kindOf(n), b = el('span', 'badge', n.kind);
    b.style.background = k.fill; b.style.borderColor = k.stroke; b.style.color = k.text;
    return b;
  }
  function relItem(i, from) {
    var e = E[i], li = el('li');
    var other = from ? e.t : e.s;
    if (from) { li.appendChild(edgeLink(i, e.type)); li.appendChild(document.createTextNode(' → ')); li.appendChild(nodeLink(other)); }
    else { li.appendChild(nodeLink(other)); li.appendChild(document.createTextNode(' ')); li.appendChild(edgeLink(i, e.type)); li.appendChild(document.createTextNode(' →')); }
    var extra = [e.status !== 'reported' ? e.status : '', dates(e)].filter(Boolean).join(', ');
    if (extra) li.appendChild(el('span', 'meta', ' (' + extra + ')'));
    return li;
  }
  // whoSays lists the nodes with a relation of one of types into node i.
  var whoTypes = [['ALLEGES', 'Alleged by'], ['DENIES', 'Denied by'], ['CONFIRMS', 'Confirmed by']];

  function showNode(i) {
    var n = N[i], p = $('panel');
    p.textContent = '';
    p.appendChild(badge(n));
    p.appendChild(el('h2', 'name', n.name));
    if (n.aliases && n.aliases.length) {
      section(p, 'Also called');
      var ul = el('ul', 'aliases');
      n.aliases.forEach(function (a) { ul.appendChild(el('li', '', a)); });
      p.appendChild(ul);
    }
    var into = adj[i].filter(function (j) { return E[j].t === i; });
    var shown = {};
    whoTypes.forEach(function (w) {
      var es = into.filter(function (j) { return E[j].type === w[0]; });
      if (!es.length) return;
      section(p, w[1]);
      var ul = el('ul', 'who-' + w[0].toLowerCase());
      es.forEach(function (j) {
        shown[j] = true;
        var e = E[j], li = el('li');
        var who = nodeLink(e.s);
        who.classList.add('who');
        li.appendChild(who);
        li.appendChild(document.createTextNode(' '));
        li.appendChild(edgeLink(j, '(' + e.status + (dates(e) ? ', ' + dates(e) : '') + ')'));
        (e.cites || []).forEach(function (c) {
          if (!c.q) return;
          var bq = el('blockquote', 'quote', c.q);
          bq.title = srcLabel(S[c.s]);
          li.appendChild(bq);
        });
        ul.appendChild(li);
      });
      p.appendChild(ul);
    });
    props(p, n.props);
    var out = adj[i].filter(function (j) { return E[j].s === i; }), inRest = into.filter(function (j) { return !shown[j]; });
    if (out.length || inRest.length) {
      section(p, 'Relations (' + (out.length + inRest.length) + ')');
      var rl = el('ul', 'relations');
      out.slice(0, 200).forEach(function (j) { rl.appendChild(relItem(j, true)); });
      inRest.slice(0, 200).forEach(function (j) { rl.appendChild(relItem(j, false)); });
      p.appendChild(rl);
    }
    citations(p, n.cites);
    section(p, 'Id');
    p.appendChild(el('code', '', n.id));
  }
  view.showNode = showNode;

  function showEdge(i) {
    var e = E[i], p = $('panel');
    p.textContent = '';
    p.appendChild(el('span', 'badge', 'Relation'));
    var h = el('h2', 'name');
    h.appendChild(nodeLink(e.s));
    h.appendChild(document.createTextNode(' ' + e.type + ' '));
    h.appendChild(nodeLink(e.t));
    p.appendChild(h);
    statusLine(p, e);
    if (e.type === 'ALLEGES' || e.type === 'DENIES' || e.type === 'CONFIRMS') {
      var w = { ALLEGES: 'Alleged by', DENIES: 'Denied by', CONFIRMS: 'Confirmed by' }[e.type];
      var d0 = el('div');
      d0.appendChild(document.createTextNode(w + ': '));
      var who = nodeLink(e.s);
      who.classList.add('who');
      d0.appendChild(who);
      p.appendChild(d0);
    } else if (e.status === 'alleged' || e.status === 'speculated' || e.status === 'denied') {
      var d1 = el('div', '', (e.status === 'denied' ? 'Reported as denied by: ' : 'Alleged according to: ') +
        srcNames((e.cites || []).map(function (c) { return c.s; }).filter(function (s, j, a) { return a.indexOf(s) === j; })));
      p.appendChild(d1);
    }
    if (dates(e)) p.appendChild(el('div', '', 'Date: ' + dates(e)));
    if (e.conf !== undefined) p.appendChild(el('div', '', 'Confidence: ' + e.conf));
    props(p, e.props);
    citations(p, e.cites);
    if (e.id) { section(p, 'Id'); p.appendChild(el('code', '', e.id)); }
  }
  view.showEdge = showEdge;

  count();
})();
