// The seed map: the graph's layers as columns of nodes joined by their edges, drawn as SVG, with each
// participant as a coloured dot on the node they are in. A list under it says the same in words.

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['#ff7a1a', '#3ecf8e', '#5aa9ff', '#f25f9c', '#ffd23f', '#b18cff', '#4dd4d4', '#ff5d5d'];
const COLUMN = 96;
const ROW = 54;
const MARGIN = 36;

/** The graph's nodes as [{id, layer, name, type, zones, exits}], whichever form the graph uses. */
export function nodesOf(graph) {
  const nodes = graph && graph.nodes;
  const list = Array.isArray(nodes) ? nodes.filter((n) => n && typeof n.id === 'string')
    : Object.entries(nodes || {}).map(([id, n]) => ({ ...n, id }));
  return list.map((n) => ({ id: n.id, layer: Number.isInteger(n.layer) ? n.layer : 0, name: n.display_name || n.id,
    type: n.type || '', zones: Array.isArray(n.zones) ? n.zones.map(String) : [], exits: Array.isArray(n.exits) ? n.exits : [] }));
}

/** Where a participant is: their current zone as a node id, or a game zone a node lists, or the last node entered. */
export function nodeOf(participant, nodes, history) {
  const byId = new Set(nodes.map((n) => n.id));
  const zone = participant.current_zone;
  if (zone && byId.has(zone)) return zone;
  const listed = zone && nodes.find((n) => n.zones.includes(zone));
  if (listed) return listed.id;
  const last = history && history.length ? history[history.length - 1].node_id : null;
  if (last && byId.has(last)) return last;
  const start = nodes.find((n) => n.type === 'start') || nodes.find((n) => n.layer === 0);
  return participant.status === 'registered' || participant.status === 'ready' || !start ? null : start.id;
}

function el(name, attributes = {}) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

const colorOf = (p) => COLORS[(p.color_index || 0) % COLORS.length];
const nameOf = (p) => p.twitch_display_name || p.twitch_username || 'Finished (name hidden)';

/** Draws the map into `container`; participants without a node (not started) are left out. */
export function drawSeedMap(container, graph, participants, histories) {
  const nodes = nodesOf(graph);
  const layers = [...new Set(nodes.map((n) => n.layer))].sort((a, b) => a - b);
  const columns = layers.map((layer) => nodes.filter((n) => n.layer === layer));
  const tallest = Math.max(1, ...columns.map((c) => c.length));
  const width = MARGIN * 2 + Math.max(0, layers.length - 1) * COLUMN;
  const height = MARGIN * 2 + (tallest - 1) * ROW + 14;
  const at = new Map();
  columns.forEach((column, x) => column.forEach((node, y) => {
    at.set(node.id, { x: MARGIN + x * COLUMN, y: MARGIN + (y + (tallest - column.length) / 2) * ROW, node });
  }));
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'seed-map-svg',
    'aria-label': `Seed map: ${nodes.length} nodes in ${layers.length} layers` });
  svg.setAttribute('width', String(width));
  const edges = Array.isArray(graph.edges) && graph.edges.length ? graph.edges
    : nodes.flatMap((n) => n.exits.map((to) => ({ from: n.id, to: typeof to === 'string' ? to : to && to.to })));
  for (const edge of edges) {
    const from = at.get(edge.from);
    const to = at.get(edge.to);
    if (from && to) svg.append(el('line', { x1: from.x, y1: from.y, x2: to.x, y2: to.y, class: 'map-edge' }));
  }
  for (const { x, y, node } of at.values()) {
    const group = el('g', { class: `map-node map-node-${node.type}`, 'data-node': node.id });
    const title = el('title');
    title.textContent = `${node.name} (layer ${node.layer})`;
    const label = el('text', { x, y: y + 24, 'text-anchor': 'middle', class: 'map-label' });
    label.textContent = node.name.length > 14 ? node.name.slice(0, 13) + '…' : node.name;
    group.append(title, el('circle', { cx: x, cy: y, r: 9 }), label);
    svg.append(group);
  }
  const here = new Map();
  const legend = document.createElement('ul');
  legend.className = 'map-legend';
  for (const p of participants) {
    const node = nodeOf(p, nodes, histories.get(p.id));
    const item = document.createElement('li');
    item.dataset.participant = p.id;
    const dot = document.createElement('span');
    dot.className = `map-dot map-color-${(p.color_index || 0) % COLORS.length}`;
    dot.setAttribute('aria-hidden', 'true');
    item.append(dot, `${nameOf(p)}: ${node ? at.get(node)?.node.name ?? node : 'not started'}`);
    item.dataset.node = node || '';
    legend.append(item);
    if (!node || !at.has(node)) continue;
    const n = here.get(node) || 0;
    here.set(node, n + 1);
    const { x, y } = at.get(node);
    const angle = (n * 2 * Math.PI) / 6 - Math.PI / 2;
    const marker = el('circle', { cx: x + 13 * Math.cos(angle), cy: y + 13 * Math.sin(angle), r: 5,
      fill: colorOf(p), class: 'map-player', 'data-participant': p.id, 'data-node': node });
    const title = el('title');
    title.textContent = nameOf(p);
    marker.append(title);
    svg.append(marker);
  }
  const scroll = document.createElement('div');
  scroll.className = 'seed-map-scroll';
  scroll.append(svg);
  container.replaceChildren(scroll, legend);
}
