/**
 * `npm run bench`: generated corpora of 1k/10k/100k objects (one multi-document file and one
 * file per object), measured in one run as (a) the floor: reading and parsing with the `yaml`
 * package alone (and js-yaml for reference), (b) kubevet with default rules, (c) kubevet with
 * every rule on (and with two worker threads for the large single files); wall time, CPU time
 * of the process (all threads), objects per second and peak RSS. Also cold start. Prints a table
 * and writes bench/results.json. Sizes: BENCH_SIZES=1000,10000 to run fewer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { writeCorpus } from './generate';

const ROOT = resolve(__dirname, '..', '..');
const OUT = join(ROOT, 'bench', 'out');
const CLI = join(ROOT, 'bin', 'kubevet.js');
const PROBE = join(ROOT, 'bench', 'rss-probe.js');

export interface Measurement {
  case: string;
  objects: number;
  wallMs: number;
  /** CPU time of the whole process (all threads, user + system): steadier than wall time on a busy machine. */
  cpuMs: number;
  objectsPerSecond: number;
  peakRssMb: number;
  exitCode: number | null;
  /** For kubevet rows: wall time over that of the floor (the `yaml` package) on the same corpus. */
  vsFloor?: number;
}

const TEN_THOUSAND = '10000 objects, one file: kubevet default rules';
const HUNDRED_THOUSAND = '100000 objects, one file: kubevet default rules';

/** The targets of issue #9, checked on every run. */
const TARGETS: readonly { case: string; wallMs: number; peakRssMb?: number }[] = [
  { case: TEN_THOUSAND, wallMs: 1200 },
  { case: HUNDRED_THOUSAND, wallMs: 12_000, peakRssMb: 1536 },
  { case: 'pre-commit: 20 files, default rules', wallMs: 200 },
];
/** 10,000 to 100,000 objects may cost at most this many times as much (linear growth, not all pairs). */
const MAX_GROWTH = 11;

/** Best of three runs (one for 100,000 objects); `env` adds to the environment (e.g. KUBEVET_THREADS). */
function measureProcess(label: string, objects: number, args: string[], env: NodeJS.ProcessEnv = {}): Measurement {
  const best = { wallMs: Infinity, cpuMs: NaN, peakRssMb: 0, exitCode: null as number | null };
  const runs = objects >= 100_000 ? 1 : 3;
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, ['--require', PROBE, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1', ...env } });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const rss = /@@peak-rss-kb (\d+)/.exec(child.stderr ?? '');
    const cpu = /@@cpu-ms (\d+)/.exec(child.stderr ?? '');
    if (wallMs < best.wallMs) {
      best.wallMs = wallMs;
      best.cpuMs = cpu === null ? NaN : Number(cpu[1]);
      best.peakRssMb = rss === null ? NaN : Number(rss[1]) / 1024;
      best.exitCode = child.status;
    }
  }
  return { case: label, objects, wallMs: round(best.wallMs), cpuMs: best.cpuMs, objectsPerSecond: Math.round(objects / (best.wallMs / 1000)), peakRssMb: round(best.peakRssMb), exitCode: best.exitCode };
}

function floorScript(library: 'yaml' | 'js-yaml', target: string): string[] {
  const parse = library === 'yaml'
    ? "const Y=require('yaml');const n=(t)=>Y.parseAllDocuments(t).length"
    : "const J=require('js-yaml');const n=(t)=>J.loadAll(t).length";
  const body = `${parse};const fs=require('fs'),p=require('path');const t=${JSON.stringify(target)};let c=0;const walk=(f)=>{if(fs.statSync(f).isDirectory()){for(const e of fs.readdirSync(f))walk(p.join(f,e))}else c+=n(fs.readFileSync(f,'utf8'))};walk(t);`;
  return ['-e', body];
}

function countObjects(dir: string): number {
  const child = spawnSync(process.execPath, [CLI, '--no-config', '--rule', '*=off', '--format', 'json', dir], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  return (JSON.parse(child.stdout) as { summary: { objects: number } }).summary.objects;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Sets `vsFloor` on the kubevet rows whose corpus has a `yaml` package floor in the same run. */
export function addFloorRatios(results: Measurement[]): void {
  for (const r of results) {
    const [corpus, what] = r.case.split(': ');
    if (!what?.startsWith('kubevet')) continue;
    const floor = results.find((f) => f.case === `${corpus}: floor (yaml package parse)`);
    if (floor !== undefined) r.vsFloor = Math.round((r.wallMs / floor.wallMs) * 100) / 100;
  }
}

/** Each target and the growth from 10,000 to 100,000 objects, as lines saying whether it is met. */
export function targetLines(results: readonly Measurement[]): string[] {
  const lines: string[] = [];
  const find = (name: string): Measurement | undefined => results.find((r) => r.case === name);
  for (const target of TARGETS) {
    const r = find(target.case);
    if (r === undefined) continue;
    const met = r.wallMs <= target.wallMs && (target.peakRssMb === undefined || r.peakRssMb <= target.peakRssMb);
    const memory = target.peakRssMb === undefined ? '' : ` and ${target.peakRssMb} MB (measured ${r.peakRssMb} MB)`;
    lines.push(`${met ? 'met   ' : 'missed'}  ${target.case}: at most ${target.wallMs} ms${memory}; measured ${r.wallMs} ms`);
  }
  const small = find(TEN_THOUSAND);
  const large = find(HUNDRED_THOUSAND);
  if (small !== undefined && large !== undefined) {
    const growth = Math.round((large.wallMs / small.wallMs) * 10) / 10;
    lines.push(`${growth <= MAX_GROWTH ? 'met   ' : 'missed'}  growth from 10,000 to 100,000 objects: at most ${MAX_GROWTH}x; measured ${growth}x`);
  }
  return lines;
}

function main(): void {
  const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
  const results: Measurement[] = [];
  for (const size of sizes) {
    const corpus = writeCorpus(OUT, size);
    for (const [shape, target] of [['one file', corpus.singleFile], ['file per object', corpus.directory]] as const) {
      const tag = `${size} objects, ${shape}`;
      results.push(measureProcess(`${tag}: floor (yaml package parse)`, size, floorScript('yaml', target)));
      results.push(measureProcess(`${tag}: floor (js-yaml parse, no positions)`, size, floorScript('js-yaml', target)));
      results.push(measureProcess(`${tag}: kubevet default rules`, size, [CLI, '--no-config', '--format', 'json', '--output', join(OUT, 'report.json'), target]));
      results.push(measureProcess(`${tag}: kubevet every rule on`, size, [CLI, '--no-config', '--rule', '*=warning', '--format', 'json', '--output', join(OUT, 'report.json'), target]));
    }
    // Worker threads (off by default on two cores; see src/engine/parallel.ts), for comparison.
    if (size >= 10_000) {
      results.push(measureProcess(`${size} objects, one file: kubevet default rules, 2 threads`, size, [CLI, '--no-config', '--format', 'json', '--output', join(OUT, 'report.json'), corpus.singleFile], { KUBEVET_THREADS: '2' }));
    }
  }
  // The real-world corpus beside the repository, when present (research data, not shipped).
  const realCorpus = resolve(ROOT, '..', 'shared', 'corpus', 'real');
  if (existsSync(realCorpus)) {
    const objects = countObjects(realCorpus);
    results.push(measureProcess(`real-world corpus (${objects} objects): kubevet default rules`, objects, [CLI, '--no-config', '--format', 'json', '--output', join(OUT, 'report.json'), realCorpus]));
  }
  const small = join(OUT, '1000', 'files');
  const fifty = join(small, readdirSync(small).find((f) => readFileSync(join(small, f), 'utf8').includes('kind: Deployment')) ?? readdirSync(small)[0]);
  results.push(measureProcess('cold start: kubevet --version', 0, [CLI, '--version']));
  results.push(measureProcess('cold start: one ~50-line file, every rule on', 1, [CLI, '--no-config', '--rule', '*=warning', fifty]));
  const twenty = readdirSync(small).slice(0, 20).map((f) => join(small, f));
  results.push(measureProcess('pre-commit: 20 files, default rules', 20, [CLI, '--no-config', ...twenty]));
  // The same from the compiled modules, for comparison with the CLI bundle (see src/cli/launch.ts).
  results.push(measureProcess('pre-commit: 20 files, default rules, without the CLI bundle', 20, [CLI, '--no-config', ...twenty], { KUBEVET_NO_BUNDLE: '1' }));

  addFloorRatios(results);
  const targets = targetLines(results);
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: round(totalmem() / 2 ** 30), node: process.version };
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify({ machine, results, targets }, null, 2)}\n`);
  const width = Math.max(...results.map((r) => r.case.length));
  console.log(`machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, node ${machine.node}\n`);
  console.log(`${'case'.padEnd(width)}  ${'wall ms'.padStart(9)}  ${'CPU ms'.padStart(9)}  ${'objects/s'.padStart(10)}  ${'peak RSS MB'.padStart(11)}  ${'x floor'.padStart(7)}`);
  for (const r of results) {
    console.log(`${r.case.padEnd(width)}  ${String(r.wallMs).padStart(9)}  ${String(r.cpuMs).padStart(9)}  ${String(r.objects === 0 ? '-' : r.objectsPerSecond).padStart(10)}  ${String(r.peakRssMb).padStart(11)}  ${String(r.vsFloor ?? '').padStart(7)}`);
  }
  console.log('\n"x floor": wall time over that of the `yaml` package parsing the same corpus in this run.\n');
  for (const line of targets) console.log(line);
}

// Imported by its tests without running.
if (require.main === module) main();
