/**
 * `kubevet test-rule RULE_FILE FIXTURES_DIR`: runs the rules of a rule file over fixtures named
 * like Polaris's: every `failure*.yaml` must produce at least one finding, every
 * `success*.yaml` none, and the rule must apply to something in each success file (a target
 * that matches nothing would pass every test while checking nothing).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Finding, SeveritySetting } from '../../types';
import type { AnyRule } from '../../engine/rule';
import { UsageError } from '../args';
import type { CliIo } from '../main';

export const TEST_RULE_HELP = `kubevet test-rule — run a custom rule file against pass/fail fixtures

Usage:
  kubevet test-rule RULE_FILE FIXTURES_DIR [--params FILE]

FIXTURES_DIR holds manifests named success*.yaml (the rules must report nothing, and apply to
at least one target) and failure*.yaml (they must report at least one finding); .yml and .json
work too. Parameterised rules take their values from --params FILE (YAML), else from
FIXTURES_DIR/params.yaml if present, else their defaults.

Options:
      --params <file>   parameter values (YAML mapping) for the rules that declare parameters
  -h, --help            print this help

Exit codes: 0 every fixture passed; 1 some failed; 2 the rule file or the arguments are wrong.
`;

const FIXTURE = /^(success|failure).*\.(ya?ml|json)$/;

export function run(argv: string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { params: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
  if (parsed.values.help === true) {
    io.stdout(TEST_RULE_HELP);
    return 0;
  }
  const [ruleFile, fixturesDir, ...extra] = parsed.positionals;
  if (ruleFile === undefined || fixturesDir === undefined || extra.length > 0) throw new UsageError('kubevet test-rule needs a rule file and a fixtures folder: kubevet test-rule RULE_FILE FIXTURES_DIR');
  const fixturesPath = resolve(io.cwd, fixturesDir);
  if (!existsSync(fixturesPath) || !statSync(fixturesPath).isDirectory()) throw new UsageError(`${fixturesDir} is not a folder`);
  const fixtures = readdirSync(fixturesPath).filter((name) => FIXTURE.test(name)).sort();
  if (fixtures.length === 0) throw new UsageError(`${fixturesDir} has no fixtures: name them success*.yaml (no finding expected) and failure*.yaml (findings expected)`);

  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand like every command */
  const { readRuleFile } = require('../../custom/rule-file') as typeof import('../../custom/rule-file');
  const { instantiate } = require('../../custom/instantiate') as typeof import('../../custom/instantiate');
  const { displayPath } = require('../../load/discover') as typeof import('../../load/discover');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const ruleAbsolute = resolve(io.cwd, ruleFile);
  if (!existsSync(ruleAbsolute)) throw new UsageError(`${ruleFile}: no such file`);
  const definitions = readRuleFile(ruleAbsolute, displayPath(io.cwd, ruleAbsolute));
  const params = readParams(parsed.values.params === undefined ? join(fixturesPath, 'params.yaml') : resolve(io.cwd, parsed.values.params), parsed.values.params !== undefined, io.cwd);
  const counter = { targets: 0 };
  const rules = definitions.map((d) => instantiate(d, { id: d.id, params: d.body.parameters === undefined ? {} : params.values, origin: params.file }, { onTarget: () => counter.targets++ }));

  io.stdout(`${displayPath(io.cwd, ruleAbsolute)}: ${rules.map((r) => r.meta.id).join(', ')}\n`);
  let passed = 0;
  let failed = 0;
  for (const name of fixtures) {
    counter.targets = 0;
    const outcome = runFixture(join(fixturesPath, name), rules, io.cwd);
    const expectFindings = name.startsWith('failure');
    let verdict: string | undefined;
    if (outcome.loadErrors.length > 0) verdict = `the fixture does not load: ${outcome.loadErrors[0]}`;
    else if (expectFindings && outcome.findings.length === 0) verdict = counter.targets === 0 ? 'expected findings, got none: the rule applied to nothing here (check its target)' : `expected findings, got none (${plural(counter.targets, 'target')} checked)`;
    else if (!expectFindings && outcome.findings.length > 0) verdict = `expected no finding, got ${outcome.findings.length}`;
    else if (!expectFindings && counter.targets === 0) verdict = 'the rule applied to nothing here, so this passes without checking anything (check its target, or the fixture)';
    const ok = verdict === undefined;
    if (ok) passed++;
    else failed++;
    const summary = ok ? (expectFindings ? plural(outcome.findings.length, 'finding') : `no finding, ${plural(counter.targets, 'target')} checked`) : verdict;
    io.stdout(`  ${ok ? 'PASS' : 'FAIL'}  ${name}  ${summary}\n`);
    for (const f of outcome.findings) io.stdout(`          ${f.line}:${f.column}  ${f.message}  ${f.ruleId}\n`);
  }
  io.stdout(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function readParams(path: string, required: boolean, cwd: string): { values: Record<string, unknown>; file: string | undefined } {
  if (!existsSync(path)) {
    if (required) throw new UsageError(`--params ${path}: no such file`);
    return { values: {}, file: undefined };
  }
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadText } = require('../../load') as typeof import('../../load');
  const { SourceText } = require('../../load/source') as typeof import('../../load/source');
  const { displayPath } = require('../../load/discover') as typeof import('../../load/discover');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const source = new SourceText(displayPath(cwd, path), readFileSync(path, 'utf8'));
  const loaded = loadText(source);
  const problem = loaded.problems.find((p) => p.ruleId !== 'yaml/implicit-type');
  if (problem !== undefined) throw new UsageError(`${source.file}:${problem.range.line}:${problem.range.column}: ${problem.message}`);
  const value = loaded.documents[0]?.value;
  if (value === undefined) return { values: {}, file: source.file };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${source.file}: parameters must be a mapping of names to values`);
  return { values: JSON.parse(JSON.stringify(value)) as Record<string, unknown>, file: source.file };
}

function runFixture(path: string, rules: readonly AnyRule[], cwd: string): { findings: Finding[]; loadErrors: string[] } {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadRun } = require('../pipeline') as typeof import('../pipeline');
  const { runEngine } = require('../../engine/run') as typeof import('../../engine/run');
  const { EMPTY_CONFIG } = require('../../engine/config') as typeof import('../../engine/config');
  const { DEFAULT_KUBERNETES_VERSION } = require('../../versions') as typeof import('../../versions');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const { load, build } = loadRun([path], { cwd, namespace: 'default', ignore: [], maxFileBytes: 64 * 1024 * 1024 });
  const loadErrors = load.problems.filter((p) => p.ruleId !== 'yaml/implicit-type').map((p) => `${p.range.line}:${p.range.column} ${p.message}`);
  // Every rule of the file runs, opt-in ones included, at its own severity.
  const overrides = new Map<string, SeveritySetting>(rules.map((r) => [r.meta.id, r.meta.severity]));
  // Reading problems are reported above; only the rules under test run here.
  const result = runEngine({ ...load, problems: [] }, { ...build, problems: [] }, { rules, config: EMPTY_CONFIG, overrides, settings: { kubernetesVersion: DEFAULT_KUBERNETES_VERSION, defaultNamespace: 'default', closedWorld: false } });
  if (result.internalErrors.length > 0) throw new Error(result.internalErrors.join('\n'));
  return { findings: result.findings, loadErrors };
}
