/**
 * `kubevet netpol list --format html`: one self-contained page (inline SVG, CSS and a few lines
 * of JavaScript, no network access) with the connectivity graph — namespaces as boxes,
 * external ranges and exposure peers in their own box, edges labelled with the allowed
 * connections — and the same data as a table. Clicking a workload highlights its edges.
 */
import { compareText, type ConnRow } from './connlist';
import { sortExposure, type ExposureResult } from './exposure';
import { groupBy } from './util';
import type { Workload } from './topology';

interface Node {
  id: string;
  label: string;
  group: string;
  x: number;
  y: number;
}

interface Edge {
  src: string;
  dst: string;
  label: string;
}

const NODE_W = 230;
const NODE_H = 26;
const ROW = 36;
const BOX_PAD = 16;
const HEADER = 30;
const COL_GAP = 150;
const ROW_GAP = 40;
const EXTERNAL_GROUP = 'external / outside the run';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function listHtml(rows: readonly ConnRow[], workloads: readonly Workload[], exposure?: ExposureResult, title = 'kubevet netpol list'): string {
  const edges: Edge[] = rows.map((r) => ({ src: r.src.name, dst: r.dst.name, label: r.conn.toString() }));
  if (exposure !== undefined) {
    for (const l of [...sortExposure(exposure.lines, 'egress'), ...sortExposure(exposure.lines, 'ingress')]) {
      const edge = l.direction === 'egress' ? { src: l.workload.display, dst: l.peer, label: l.conn.toString() } : { src: l.peer, dst: l.workload.display, label: l.conn.toString() };
      if (!edges.some((e) => e.src === edge.src && e.dst === edge.dst)) edges.push(edge);
    }
  }
  const { nodes, groups, width, height } = layout(workloads, edges);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const svg: string[] = [];
  svg.push(`<svg xmlns="http://www.w3.org/2000/svg" id="graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`);
  svg.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#888"/></marker></defs>');
  for (const g of groups) {
    svg.push(`<g class="ns"><rect x="${g.x}" y="${g.y}" width="${g.w}" height="${g.h}" rx="8"/><text x="${g.x + 10}" y="${g.y + 20}" class="nslabel">${escapeHtml(g.name)}</text></g>`);
  }
  edges.forEach((e, i) => {
    const a = byId.get(e.src);
    const b = byId.get(e.dst);
    if (a === undefined || b === undefined) return;
    const forward = a.x <= b.x;
    const x1 = forward ? a.x + NODE_W : a.x;
    const x2 = forward ? b.x : b.x + NODE_W;
    const y1 = a.y + NODE_H / 2;
    const y2 = b.y + NODE_H / 2;
    const bend = a.group === b.group ? 80 : Math.max(40, Math.abs(x2 - x1) / 3);
    const c1 = a.group === b.group ? x1 + bend : forward ? x1 + bend : x1 - bend;
    const c2 = a.group === b.group ? x2 + bend : forward ? x2 - bend : x2 + bend;
    const sameColumnX2 = a.group === b.group ? a.x + NODE_W : x2;
    const path = `M ${x1} ${y1} C ${c1} ${y1}, ${c2} ${y2}, ${sameColumnX2} ${y2}`;
    const lx = (x1 + sameColumnX2) / 2 + (a.group === b.group ? bend * 0.75 : 0);
    const ly = (y1 + y2) / 2 - 3;
    svg.push(`<g class="edge" data-src="${escapeHtml(e.src)}" data-dst="${escapeHtml(e.dst)}" id="e${i}"><path d="${path}" marker-end="url(#arrow)"/><text x="${lx}" y="${ly}">${escapeHtml(e.label)}</text></g>`);
  });
  for (const n of nodes) {
    const external = n.group === EXTERNAL_GROUP;
    svg.push(`<g class="node${external ? ' external' : ''}" data-id="${escapeHtml(n.id)}"><rect x="${n.x}" y="${n.y}" width="${NODE_W}" height="${NODE_H}" rx="5"/><text x="${n.x + 8}" y="${n.y + 17}">${escapeHtml(truncate(n.label, 34))}</text><title>${escapeHtml(n.id)}</title></g>`);
  }
  svg.push('</svg>');
  const table = edges.map((e) => `<tr data-src="${escapeHtml(e.src)}" data-dst="${escapeHtml(e.dst)}"><td>${escapeHtml(e.src)}</td><td>${escapeHtml(e.dst)}</td><td>${escapeHtml(e.label)}</td></tr>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 16px; color: #222; }
h1 { font-size: 18px; }
#wrap { overflow: auto; border: 1px solid #ddd; max-height: 80vh; }
.ns rect { fill: #f5f8ff; stroke: #9ab; }
.nslabel { font-weight: 600; font-size: 13px; fill: #345; }
.node rect { fill: #fff; stroke: #2a62c9; }
.node.external rect { stroke: #c0392b; }
.node text { font-size: 12px; pointer-events: none; }
.node { cursor: pointer; }
.edge path { fill: none; stroke: #999; stroke-width: 1.2; }
.edge text { font-size: 10px; fill: #1b6e2e; }
.dim { opacity: 0.08; }
.hl path { stroke: #d35400; stroke-width: 2; }
.hl text { fill: #d35400; font-weight: 600; }
table { border-collapse: collapse; margin-top: 16px; font-size: 13px; }
td, th { border: 1px solid #ccc; padding: 3px 8px; text-align: left; }
tr.hidden { display: none; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${rows.length} allowed connection${rows.length === 1 ? '' : 's'} between ${workloads.length} workload${workloads.length === 1 ? '' : 's'}${exposure === undefined ? '' : ' (with exposure analysis)'}. Click a workload to highlight its connections; click the background to reset. <input id="filter" placeholder="filter rows…"></p>
<div id="wrap">${svg.join('\n')}</div>
<table id="rows"><thead><tr><th>src</th><th>dst</th><th>conn</th></tr></thead><tbody>
${table}
</tbody></table>
<script>
(function () {
  var svg = document.getElementById('graph');
  function reset() { svg.querySelectorAll('.dim,.hl').forEach(function (el) { el.classList.remove('dim'); el.classList.remove('hl'); }); }
  svg.addEventListener('click', function (ev) {
    var node = ev.target.closest ? ev.target.closest('.node') : null;
    reset();
    if (!node) return;
    var id = node.getAttribute('data-id');
    var keep = {}; keep[id] = true;
    svg.querySelectorAll('.edge').forEach(function (e) {
      var on = e.getAttribute('data-src') === id || e.getAttribute('data-dst') === id;
      e.classList.add(on ? 'hl' : 'dim');
      if (on) { keep[e.getAttribute('data-src')] = true; keep[e.getAttribute('data-dst')] = true; }
    });
    svg.querySelectorAll('.node').forEach(function (n) { if (!keep[n.getAttribute('data-id')]) n.classList.add('dim'); });
  });
  document.getElementById('filter').addEventListener('input', function (ev) {
    var q = ev.target.value.toLowerCase();
    document.querySelectorAll('#rows tbody tr').forEach(function (tr) { tr.classList.toggle('hidden', q !== '' && tr.textContent.toLowerCase().indexOf(q) < 0); });
  });
})();
</script>
</body>
</html>
`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

interface GroupBox {
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

function layout(workloads: readonly Workload[], edges: readonly Edge[]): { nodes: Node[]; groups: GroupBox[]; width: number; height: number } {
  const sorted = [...workloads].sort((a, b) => compareText(a.display, b.display));
  const members = new Map([...groupBy(sorted, (w) => w.namespace)].map(([ns, list]) => [ns, list.map((w) => ({ id: w.display, label: `${w.name}[${w.kind}]` }))]));
  const known = new Set(workloads.map((w) => w.display));
  const outside = [...new Set(edges.flatMap((e) => [e.src, e.dst]).filter((id) => !known.has(id)))].sort(compareText);
  const names = [...members.keys()].sort(compareText);
  if (outside.length > 0) {
    names.unshift(EXTERNAL_GROUP);
    members.set(EXTERNAL_GROUP, outside.map((id) => ({ id, label: id })));
  }
  const columns = Math.max(1, Math.min(4, Math.ceil(Math.sqrt(names.length))));
  const colWidth = NODE_W + 2 * BOX_PAD;
  const groups: GroupBox[] = [];
  const nodes: Node[] = [];
  const columnHeights = new Array<number>(columns).fill(ROW_GAP / 2);
  names.forEach((name, i) => {
    const col = i % columns;
    const list = members.get(name) ?? [];
    const x = 20 + col * (colWidth + COL_GAP);
    const y = columnHeights[col];
    const h = HEADER + list.length * ROW + BOX_PAD / 2;
    groups.push({ name, x, y, w: colWidth, h });
    list.forEach((m, j) => nodes.push({ id: m.id, label: m.label, group: name, x: x + BOX_PAD, y: y + HEADER + j * ROW }));
    columnHeights[col] = y + h + ROW_GAP;
  });
  const width = 40 + columns * colWidth + (columns - 1) * COL_GAP + 120;
  const height = Math.max(...columnHeights) + 20;
  return { nodes, groups, width, height };
}
