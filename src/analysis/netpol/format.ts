/**
 * Output formats of `kubevet netpol list` and `kubevet netpol diff`: netpol-analyzer's txt,
 * json, csv, md and dot, plus a self-contained HTML page with the graph drawn (html.ts).
 */
import { compareText, rowText, type ConnRow } from './connlist';
import { diffLine, type DiffRow } from './diff';
import { exposureText, sortExposure, type ExposureResult } from './exposure';
import { groupBy } from './util';

export const LIST_FORMATS = ['txt', 'json', 'csv', 'md', 'dot', 'html'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];
export const DIFF_FORMATS = ['txt', 'json', 'csv', 'md'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export function listText(rows: readonly ConnRow[], exposure?: ExposureResult): string {
  const connlist = rows.map((r) => `${rowText(r)}\n`).join('');
  if (exposure === undefined) return connlist;
  return `${connlist}${connlist === '' ? '' : '\n'}${exposureText(exposure)}`;
}

interface Triple {
  src: string;
  dst: string;
  conn: string;
}

function triples(rows: readonly ConnRow[]): Triple[] {
  return rows.map((r) => ({ src: r.src.name, dst: r.dst.name, conn: r.conn.toString() }));
}

function exposureTriples(exposure: ExposureResult, direction: 'ingress' | 'egress'): Triple[] {
  return sortExposure(exposure.lines, direction).map((l) =>
    direction === 'ingress' ? { src: l.peer, dst: l.workload.display, conn: l.conn.toString() } : { src: l.workload.display, dst: l.peer, conn: l.conn.toString() },
  );
}

/** Empty exposure lists are `null`, as in netpol-analyzer's JSON. */
function orNull<T>(items: T[]): T[] | null {
  return items.length === 0 ? null : items;
}

export function listJson(rows: readonly ConnRow[], exposure?: ExposureResult): string {
  if (exposure === undefined) return `${JSON.stringify(triples(rows), null, 2)}\n`;
  const value = {
    connlist_results: triples(rows),
    exposure_results: { egress_exposure: orNull(exposureTriples(exposure, 'egress')), ingress_exposure: orNull(exposureTriples(exposure, 'ingress')) },
  };
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function listCsv(rows: readonly ConnRow[], exposure?: ExposureResult): string {
  const line = (t: Triple): string => `${csvField(t.src)},${csvField(t.dst)},${csvField(t.conn)}\n`;
  let out = `src,dst,conn\n${triples(rows).map(line).join('')}`;
  if (exposure !== undefined) {
    out += 'Exposure Analysis Result:,,\n';
    const egress = exposureTriples(exposure, 'egress');
    const ingress = exposureTriples(exposure, 'ingress');
    if (egress.length > 0) out += `Egress Exposure:,,\nsrc,dst,conn\n${egress.map(line).join('')}`;
    if (ingress.length > 0) out += `Ingress Exposure:,,\ndst,src,conn\n${ingress.map((t) => line({ src: t.dst, dst: t.src, conn: t.conn })).join('')}`;
  }
  return out;
}

function mdCell(value: string): string {
  return value.replace(/\|/g, '\\|');
}

function mdTable(items: readonly Triple[], header = '| src | dst | conn |'): string {
  return `${header}\n|-----|-----|------|\n${items.map((t) => `| ${mdCell(t.src)} | ${mdCell(t.dst)} | ${mdCell(t.conn)} |\n`).join('')}`;
}

export function listMarkdown(rows: readonly ConnRow[], exposure?: ExposureResult): string {
  let out = mdTable(triples(rows));
  if (exposure !== undefined) {
    out += '## Exposure Analysis Result:\n';
    const egress = exposureTriples(exposure, 'egress');
    const ingress = exposureTriples(exposure, 'ingress');
    if (egress.length > 0) out += `### Egress Exposure:\n${mdTable(egress)}`;
    const swapped = ingress.map((t) => ({ src: t.dst, dst: t.src, conn: t.conn }));
    if (ingress.length > 0) out += `${egress.length > 0 ? '\n' : ''}### Ingress Exposure:\n${mdTable(swapped, '| dst | src | conn |')}`;
  }
  return out;
}

function dotId(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Graphviz: one cluster per namespace, external ranges and exposure peers outside. */
export function listDot(rows: readonly ConnRow[], workloads: readonly { display: string; namespace: string; name: string; kind: string }[], exposure?: ExposureResult): string {
  const byNamespace = groupBy(workloads, (w) => w.namespace);
  const lines = ['digraph {'];
  for (const ns of [...byNamespace.keys()].sort(compareText)) {
    lines.push(`\tsubgraph ${dotId(`cluster_${ns}[namespace]`)} {`, '\t\tcolor="black"', '\t\tfontcolor="black"');
    for (const w of [...(byNamespace.get(ns) ?? [])].sort((a, b) => compareText(a.display, b.display))) {
      lines.push(`\t\t${dotId(w.display)} [label=${dotId(`${w.name}[${w.kind}]`)} color="blue" fontcolor="blue"]`);
    }
    lines.push(`\t\tlabel=${dotId(`${ns}[namespace]`)}`, '\t}');
  }
  const edges = triples(rows);
  if (exposure !== undefined) edges.push(...exposureTriples(exposure, 'egress'), ...exposureTriples(exposure, 'ingress'));
  const external = new Set<string>();
  for (const e of edges) for (const end of [e.src, e.dst]) if (!workloads.some((w) => w.display === end)) external.add(end);
  for (const name of [...external].sort(compareText)) lines.push(`\t${dotId(name)} [label=${dotId(name)} color="red2" fontcolor="red2"]`);
  const seen = new Set<string>();
  for (const e of edges) {
    const key = `${e.src}\u0000${e.dst}\u0000${e.conn}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(`\t${dotId(e.src)} -> ${dotId(e.dst)} [label=${dotId(e.conn)} color="gold2" fontcolor="darkgreen"]`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export function diffText(rows: readonly DiffRow[]): string {
  if (rows.length === 0) return '';
  return `Connectivity diff:\n${rows.map((r) => `${diffLine(r)}\n`).join('')}`;
}

const DIFF_HEADER = ['diff-type', 'source', 'destination', 'ref1', 'ref2', 'workloads-diff-info'] as const;

function diffFields(r: DiffRow): string[] {
  return [r.type, r.src.name, r.dst.name, r.ref1.toString(), r.ref2.toString(), r.info ?? ''];
}

export function diffCsv(rows: readonly DiffRow[]): string {
  if (rows.length === 0) return '';
  return `${DIFF_HEADER.join(',')}\n${rows.map((r) => `${diffFields(r).map(csvField).join(',')}\n`).join('')}`;
}

/** A Markdown table for a pull-request comment (with a one-line summary above it). */
export function diffMarkdown(rows: readonly DiffRow[], summary = false): string {
  if (rows.length === 0) return summary ? 'No connectivity changes.\n' : '';
  const counts = (['added', 'removed', 'changed'] as const).map((t) => `${rows.filter((r) => r.type === t).length} ${t}`).join(', ');
  const head = summary ? `**Connectivity diff:** ${counts}\n\n` : '';
  const table = [`| ${DIFF_HEADER.join(' | ')} |`, `|${DIFF_HEADER.map((h) => '-'.repeat(h.length + 2)).join('|')}|`, ...rows.map((r) => `| ${diffFields(r).map(mdCell).join(' | ')} |`)];
  return `${head}${table.join('\n')}\n`;
}

export function diffJson(rows: readonly DiffRow[]): string {
  const items = rows.map((r) => ({ diffType: r.type, source: r.src.name, destination: r.dst.name, ref1: r.ref1.toString(), ref2: r.ref2.toString(), ...(r.info === undefined ? {} : { workloadsDiffInfo: r.info }) }));
  const summary = { added: rows.filter((r) => r.type === 'added').length, removed: rows.filter((r) => r.type === 'removed').length, changed: rows.filter((r) => r.type === 'changed').length };
  return `${JSON.stringify({ summary, diff: items }, null, 2)}\n`;
}
