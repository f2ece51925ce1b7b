/**
 * `kubevet netpol list|explain|diff`: NetworkPolicy reachability from manifests.
 *   list [paths…]                 allowed connections (netpol-analyzer's `src => dst : conn`)
 *   explain SRC DST [paths…]      which policies and rules allow or deny a connection
 *   diff OLD NEW                  connections added, removed and changed between two versions
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeObjects, type NetpolAnalysis } from '../../analysis/netpol';
import { isProtocol, type Protocol } from '../../analysis/netpol/connections';
import { connectionList, matchesFocus } from '../../analysis/netpol/connlist';
import { connectivityDiff, sortDiffRows } from '../../analysis/netpol/diff';
import { endpointName, explainPair, explanationText, type Endpoint } from '../../analysis/netpol/explain';
import { explainAll } from '../../analysis/netpol/explain-all';
import { exposureAnalysis, exposureText } from '../../analysis/netpol/exposure';
import { ingressControllerConns } from '../../analysis/netpol/ingress';
import { DIFF_FORMATS, diffCsv, diffJson, diffMarkdown, diffText, LIST_FORMATS, listCsv, listDot, listJson, listMarkdown, listText, type DiffFormat, type ListFormat } from '../../analysis/netpol/format';
import { listHtml } from '../../analysis/netpol/html';
import { parseIpv4, parseIpv6, V6_BASE } from '../../analysis/netpol/ip';
import type { Workload } from '../../analysis/netpol/topology';
import { UsageError } from '../args';
import type { CliIo } from '../main';
import { loadRun } from '../pipeline';

export const NETPOL_HELP = `kubevet netpol — NetworkPolicy reachability from manifests

Usage:
  kubevet netpol list [paths…]             allowed connections, one per line: src => dst : conn
  kubevet netpol explain SRC DST [paths…]  which policies and rules allow or deny SRC → DST
  kubevet netpol diff OLD NEW              connections added, removed and changed (OLD, NEW: files or folders;
                                           or --old PATH… --new PATH… for several paths per version)

Options:
  -f, --format <name>         list: txt (default), json, csv, md, dot, html; diff: txt, json, md, csv
  -o, --output <file>         write to a file instead of standard output
      --focus-workload <w>    list: only connections of this workload (name or ns/name); repeatable
      --focus-direction <d>   list: with --focus-workload, only its ingress or egress
      --exposure              list: also what each workload is open to beyond the run (entire
                              cluster, namespaces/pods named by labels, external addresses)
      --explain               list: for every pair, the policies and rules that allow or deny each
                              part of the connection space (netpol-analyzer's --explain report)
      --port <port[/proto]>   explain: the verdict for one port (protocol TCP, UDP or SCTP; default TCP)
      --exit-code             diff: exit 1 when connectivity changed
      --old <path>, --new <path>  diff: paths of the old and new version; repeatable
  -n, --namespace <ns>        namespace for objects that set none (default "default")
  -h, --help                  print this help

SRC and DST are workloads (name, ns/name or ns/name[Kind]) or IP addresses (external).
With Ingress or Route objects in the input, {ingress-controller} appears as a source.
Modelling (as np-guard/netpol-analyzer): ipBlocks are cluster-external addresses; hostNetwork
pods are ordinary pods; owned pods are listed under their owner.
Exit codes: 0 done; 1 with --exit-code when diff found changes; 2 usage error.
`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'focus-workload': { type: 'string', multiple: true },
  'focus-direction': { type: 'string' },
  exposure: { type: 'boolean' },
  explain: { type: 'boolean' },
  port: { type: 'string' },
  'exit-code': { type: 'boolean' },
  old: { type: 'string', multiple: true },
  new: { type: 'string', multiple: true },
  namespace: { type: 'string', short: 'n' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface NetpolArgs {
  sub: string | undefined;
  positionals: string[];
  format: string | undefined;
  output: string | undefined;
  focus: string[];
  focusDirection: 'ingress' | 'egress' | undefined;
  exposure: boolean;
  explain: boolean;
  port: string | undefined;
  exitCode: boolean;
  old: string[];
  new: string[];
  namespace: string;
  help: boolean;
}

function parse(argv: string[]): NetpolArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
  const { values, positionals } = parsed;
  const direction = values['focus-direction'];
  if (direction !== undefined && direction !== 'ingress' && direction !== 'egress') throw new UsageError(`--focus-direction must be ingress or egress, got "${direction}"`);
  return {
    sub: positionals[0],
    positionals: positionals.slice(1),
    format: values.format,
    output: values.output,
    focus: values['focus-workload'] ?? [],
    focusDirection: direction,
    exposure: values.exposure ?? false,
    explain: values.explain ?? false,
    port: values.port,
    exitCode: values['exit-code'] ?? false,
    old: values.old ?? [],
    new: values.new ?? [],
    namespace: values.namespace ?? 'default',
    help: values.help ?? false,
  };
}

export function run(argv: string[], io: CliIo): number {
  const args = parse(argv);
  if (args.help || args.sub === undefined || args.sub === 'help') {
    io.stdout(NETPOL_HELP);
    return args.sub === undefined && !args.help ? 2 : 0;
  }
  switch (args.sub) {
    case 'list':
      return list(args, io);
    case 'explain':
      return explain(args, io);
    case 'diff':
      return diff(args, io);
    default:
      throw new UsageError(`unknown netpol command "${args.sub}"; use list, explain or diff`);
  }
}

function load(paths: string[], args: NetpolArgs, io: CliIo): NetpolAnalysis {
  const { load: loaded, build } = loadRun(paths, { cwd: io.cwd, namespace: args.namespace, ignore: [], maxFileBytes: 64 * 1024 * 1024 });
  const unreadable = [...loaded.problems, ...build.problems].filter((p) => p.ruleId === 'yaml/unreadable-file' || p.ruleId === 'yaml/syntax');
  for (const p of unreadable) io.stderr(`kubevet: warning: ${p.file}:${p.range.line}: ${p.message}\n`);
  const analysis = analyzeObjects(build.objects);
  for (const policy of analysis.policies) {
    for (const problem of policy.problems) {
      const at = policy.object.range(problem.path);
      io.stderr(`kubevet: warning: ${policy.object.file}:${at.line}:${at.column}: NetworkPolicy ${policy.key} is invalid (${problem.message}); the invalid part is treated as matching nothing\n`);
    }
  }
  return analysis;
}

function emit(text: string, args: NetpolArgs, io: CliIo): void {
  if (args.output === undefined) {
    io.stdout(text);
    return;
  }
  const path = resolve(io.cwd, args.output);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function list(args: NetpolArgs, io: CliIo): number {
  const format = (args.format ?? 'txt') as ListFormat;
  if (!(LIST_FORMATS as readonly string[]).includes(format)) throw new UsageError(`netpol list: unknown --format "${format}"; use ${LIST_FORMATS.join(', ')}`);
  if (args.focusDirection !== undefined && args.focus.length === 0) throw new UsageError('--focus-direction needs --focus-workload');
  const analysis = load(args.positionals, args, io);
  const workloads = analysis.topology.workloads;
  for (const f of args.focus) {
    if (!workloads.some((w) => matchesFocus(w, [f]))) io.stderr(`kubevet: warning: --focus-workload ${f}: no such workload in the input\n`);
  }
  const rows = connectionList(analysis.model, { focusWorkloads: args.focus, focusDirection: args.focusDirection, ingressController: ingressControllerConns(analysis.model, analysis.objects) });
  const exposure = args.exposure ? exposureAnalysis(analysis.model, rows, args.focus, args.focusDirection) : undefined;
  const shown = args.focus.length === 0 ? workloads : workloads.filter((w) => matchesFocus(w, args.focus) || rows.some((r) => r.src.workload === w || r.dst.workload === w));
  if (args.explain) {
    if (format !== 'txt') throw new UsageError('--explain is available with --format txt only');
    const report = explainAll(analysis.model, { focusWorkloads: args.focus, focusDirection: args.focusDirection });
    emit(exposure === undefined ? report : `${report}\n${exposureText(exposure)}`, args, io);
    return 0;
  }
  const render: Record<ListFormat, () => string> = {
    txt: () => listText(rows, exposure),
    json: () => listJson(rows, exposure),
    csv: () => listCsv(rows, exposure),
    md: () => listMarkdown(rows, exposure),
    dot: () => listDot(rows, shown, exposure),
    html: () => listHtml(rows, shown, exposure),
  };
  emit(render[format](), args, io);
  return 0;
}

function explain(args: NetpolArgs, io: CliIo): number {
  const [srcText, dstText, ...paths] = args.positionals;
  if (srcText === undefined || dstText === undefined) throw new UsageError('netpol explain needs a source and a destination, e.g. kubevet netpol explain default/frontend default/backend manifests/');
  const port = args.port === undefined ? undefined : parsePort(args.port);
  const analysis = load(paths, args, io);
  const src = resolveEndpoint(srcText, analysis.topology.workloads);
  const dst = resolveEndpoint(dstText, analysis.topology.workloads);
  if (src.kind === 'external' && dst.kind === 'external') throw new UsageError('netpol explain: at least one end must be a workload');
  if (src.kind === 'workload' && dst.kind === 'workload' && src.workload === dst.workload) {
    io.stdout(`${endpointName(src)} => ${endpointName(dst)}: a pod can always reach itself; NetworkPolicy never applies to that traffic\n`);
    return 0;
  }
  emit(explanationText(explainPair(analysis.model, src, dst), port), args, io);
  return 0;
}

function diff(args: NetpolArgs, io: CliIo): number {
  const format = (args.format ?? 'txt') as DiffFormat;
  if (!(DIFF_FORMATS as readonly string[]).includes(format)) throw new UsageError(`netpol diff: unknown --format "${format}"; use ${DIFF_FORMATS.join(', ')}`);
  const byOption = args.old.length > 0 || args.new.length > 0;
  if (byOption ? args.old.length === 0 || args.new.length === 0 || args.positionals.length > 0 : args.positionals.length !== 2) {
    throw new UsageError('netpol diff needs the old and the new version: kubevet netpol diff OLD NEW, or --old PATH… --new PATH… (e.g. a git worktree of the base branch and the working tree)');
  }
  const before = load(byOption ? args.old : [args.positionals[0]], args, io);
  const after = load(byOption ? args.new : [args.positionals[1]], args, io);
  const ingress = { old: ingressControllerConns(before.model, before.objects), new: ingressControllerConns(after.model, after.objects) };
  const rows = sortDiffRows(connectivityDiff(before.model, after.model, ingress));
  const render: Record<DiffFormat, () => string> = { txt: () => diffText(rows), json: () => diffJson(rows), csv: () => diffCsv(rows), md: () => diffMarkdown(rows, true) };
  emit(render[format](), args, io);
  return args.exitCode && rows.length > 0 ? 1 : 0;
}

function parsePort(text: string): { port: number; protocol: Protocol } {
  const match = /^(\d{1,5})(?:\/([A-Za-z]+))?$/.exec(text.trim());
  const protocol = (match?.[2] ?? 'TCP').toUpperCase();
  const port = Number(match?.[1]);
  if (match === null || !isProtocol(protocol) || port < 1 || port > 65535) throw new UsageError(`--port must look like 8080 or 53/UDP (protocol TCP, UDP or SCTP), got "${text}"`);
  return { port, protocol };
}

/** A workload by `name`, `ns/name` or `ns/name[Kind]`, or an IP address. */
export function resolveEndpoint(text: string, workloads: readonly Workload[]): Endpoint {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { kind: 'external', address: v4, text };
  const v6 = text.includes(':') ? parseIpv6(text) : undefined;
  if (v6 !== undefined) return { kind: 'external', address: V6_BASE + v6, text };
  const exact = workloads.filter((w) => w.display === text || `${w.namespace}/${w.name}` === text);
  const found = exact.length > 0 ? exact : workloads.filter((w) => w.name === text);
  if (found.length === 1) return { kind: 'workload', workload: found[0] };
  if (found.length > 1) throw new UsageError(`"${text}" is ambiguous: ${found.map((w) => w.display).join(', ')}; give ns/name[Kind]`);
  throw new UsageError(`no workload "${text}" in the input (workloads: ${workloads.slice(0, 8).map((w) => w.display).join(', ')}${workloads.length > 8 ? ', …' : ''})`);
}
