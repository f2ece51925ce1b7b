/**
 * The command line: parse flags, load configuration, check the paths, write every requested
 * report, and return the exit code (0 clean, 1 something reached --fail-on, 2 usage,
 * configuration or internal error). Heavy modules load only when a run needs them.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Config } from '../engine/config';
import type { AnyRule } from '../engine/rule';
import type { KubeObject } from '../model/object';
import { compareFindings, type Finding, type Report, type Severity, type SeveritySetting, type SuppressedFinding } from '../types';
import { DEFAULT_KUBERNETES_VERSION, isSupportedVersion, SUPPORTED_KUBERNETES_VERSIONS } from '../versions';
import { HELP, parseCliArgs, UsageError, type CliArgs, type FailOn } from './args';
import { createProgress } from './progress';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  /** Standard error is a terminal: long runs show a progress line there. */
  stderrIsTTY?: boolean;
  stderrColumns?: number;
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stderrColumns: process.stderr.columns,
  };
}

export function toolVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { packageRoot } = require('../engine/config') as typeof import('../engine/config');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(resolve(packageRoot(), 'package.json')) as { version: string }).version;
}

interface CommandModule {
  run(argv: string[], io: CliIo): number;
}

/**
 * Sub-commands with their own flags, each a module under src/cli/commands exporting `run`,
 * loaded on use (literal paths, so that the CLI bundle includes them).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const COMMAND_MODULES: Readonly<Record<string, () => CommandModule>> = {
  rbac: () => require('./commands/rbac') as CommandModule,
  netpol: () => require('./commands/netpol') as CommandModule,
  'test-rule': () => require('./commands/test-rule') as CommandModule,
};
/* eslint-enable @typescript-eslint/no-require-imports */

export function main(argv: string[], io: CliIo = processIo()): number {
  const commandModule = COMMAND_MODULES[argv[0] ?? ''];
  if (commandModule !== undefined) return runCommandModule(commandModule, argv.slice(1), io);
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    return usageFailure(io, error);
  }
  if (args.help) {
    io.stdout(HELP);
    return 0;
  }
  if (args.version) {
    io.stdout(`${toolVersion()}\n`);
    return 0;
  }
  try {
    switch (args.command) {
      case 'rules':
        return listRules(configuredRules(args, io), io);
      case 'explain':
        return explainRule(args, io, configuredRules(args, io));
      case 'init':
        return initConfig(io);
      default:
        return lint(args, io);
    }
  } catch (error) {
    return failure(io, error);
  }
}

function runCommandModule(load: () => CommandModule, argv: string[], io: CliIo): number {
  try {
    return load().run(argv, io);
  } catch (error) {
    return failure(io, error);
  }
}

/** Usage and configuration errors say what to change; anything else is an internal error. Both exit 2. */
function failure(io: CliIo, error: unknown): number {
  if ((error as Error | undefined)?.constructor?.name === 'RenderError') {
    io.stderr(`kubevet: ${(error as Error).message}\n`);
    return 2;
  }
  if (error instanceof UsageError || (error as Error | undefined)?.constructor?.name === 'ConfigError') return usageFailure(io, error);
  io.stderr(`kubevet: internal error: ${(error as Error).stack ?? String(error)}\n`);
  return 2;
}

function usageFailure(io: CliIo, error: unknown): number {
  io.stderr(`kubevet: ${(error as Error).message}\nRun kubevet --help for usage.\n`);
  return 2;
}

function builtinRules(): readonly AnyRule[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../rules') as typeof import('../../rules')).BUILTIN_RULES;
}

/** The configuration named by --config, found by walking up, or none with --no-config. */
function loadConfig(args: CliArgs, io: CliIo): import('../engine/config').Config {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const configModule = require('../engine/config') as typeof import('../engine/config');
  const configFile = args.noConfig ? undefined : args.config !== undefined ? resolve(io.cwd, args.config) : configModule.findConfigFile(io.cwd);
  return configFile === undefined ? configModule.EMPTY_CONFIG : configModule.loadConfigFile(configFile, io.cwd, builtinRules());
}

/** Built-in rules and the custom rules of the configuration. */
function configuredRules(args: CliArgs, io: CliIo): readonly AnyRule[] {
  return [...builtinRules(), ...(loadConfig(args, io).customRules ?? [])];
}

function lint(args: CliArgs, io: CliIo): number {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const configModule = require('../engine/config') as typeof import('../engine/config');
  const { loadRun } = require('./pipeline') as typeof import('./pipeline');
  const { runEngine } = require('../engine/run') as typeof import('../engine/run');
  const { isFormatName, writeReport } = require('../report') as typeof import('../report');
  /* eslint-enable @typescript-eslint/no-require-imports */

  for (const output of args.outputs) {
    if (!isFormatName(output.format)) throw new UsageError(`unknown --format "${output.format}"; use text, json, sarif or github`);
  }
  const config = loadConfig(args, io);
  const rules = [...builtinRules(), ...(config.customRules ?? [])];
  const overrides = new Map<string, SeveritySetting>(args.rules.map((flag) => configModule.parseRuleFlag(flag, rules)));

  const kubernetesVersion = args.kubernetesVersion ?? config.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  if (!isSupportedVersion(kubernetesVersion)) {
    throw new UsageError(`Kubernetes version "${kubernetesVersion}" is not supported; use one of ${SUPPORTED_KUBERNETES_VERSIONS.join(', ')}`);
  }
  const namespace = args.namespace ?? config.namespace ?? 'default';
  const maxFileMb = args.maxFileSize ?? config.maxFileSize ?? 64;

  const maxFileBytes = Math.floor(maxFileMb * 1024 * 1024);
  const rendered = renderRequested(args, io, { kubernetesVersion, namespace: args.namespace ?? config.namespace, maxFileBytes });
  const crdPaths = [...(config.crds ?? []).map((p) => resolve(dirname(resolve(io.cwd, config.file ?? '.')), p)), ...args.crds];
  const references = loadReferenceCrds(crdPaths, io.cwd, namespace);
  const progress = createProgress({ isTTY: io.stderrIsTTY === true, columns: io.stderrColumns, write: io.stderr });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const threads = (require('../engine/parallel') as typeof import('../engine/parallel')).threadCount(io.env);
  const { load, build } = loadRun(args.positionals, { cwd: io.cwd, namespace, ignore: [...config.ignore, ...args.ignore], maxFileBytes, rendered, onProgress: progress.files, threads });
  const policies = loadPolicies(args, config, build.objects, io.cwd);
  const result = runEngine(load, build, {
    rules,
    references,
    policies,
    config,
    overrides,
    settings: { kubernetesVersion, defaultNamespace: namespace, closedWorld: config.closedWorld ?? false },
    onProgress: progress.objects,
  });
  progress.clear();

  if (args.writeBaseline !== undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createBaseline } = require('../engine/baseline') as typeof import('../engine/baseline');
    const path = resolve(io.cwd, args.writeBaseline);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(createBaseline(result.findings), null, 2)}\n`);
    io.stderr(`kubevet: wrote ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} to the baseline ${args.writeBaseline}\n`);
  }
  if (args.baseline !== undefined) {
    const { kept, baselined } = applyBaselineFile(resolve(io.cwd, args.baseline), args.baseline, result.findings);
    result.findings = kept;
    result.suppressed = [...result.suppressed, ...baselined].sort(compareFindings);
  }
  const report: Report = {
    tool: { name: 'kubevet', version: toolVersion() },
    kubernetesVersion,
    summary: {
      files: load.files,
      documents: load.documents.length,
      objects: build.objects.length,
      errors: count(result.findings, 'error'),
      warnings: count(result.findings, 'warning'),
      infos: count(result.findings, 'info'),
      suppressed: result.suppressed.length,
    },
    findings: result.findings,
    suppressed: result.suppressed,
    rules: rules.map((r) => descriptor(r)),
  };
  const color = useColor(args, io);
  for (const output of args.outputs) {
    const format = output.format as Parameters<typeof writeReport>[0];
    const options = { color: output.file === undefined && color, quiet: args.quiet, showSuppressed: args.showSuppressed };
    // Written in pieces: a large run's report never exists as one string.
    if (output.file === undefined) {
      writeReport(format, report, options, io.stdout);
    } else {
      const path = resolve(io.cwd, output.file);
      mkdirSync(dirname(path), { recursive: true });
      const fd = openSync(path, 'w');
      try {
        writeReport(format, report, options, (chunk) => writeAll(fd, chunk));
      } finally {
        closeSync(fd);
      }
    }
  }
  if (result.internalErrors.length > 0) {
    for (const error of result.internalErrors) io.stderr(`kubevet: ${error}\n`);
    return 2;
  }
  return exitCode(result.findings, args.failOn ?? config.failOn ?? 'error', args.maxWarnings ?? config.maxWarnings);
}

/** The output of --helm and --kustomize, rendered by the user's own tools. */
function renderRequested(args: CliArgs, io: CliIo, settings: { kubernetesVersion: string; namespace: string | undefined; maxFileBytes: number }): import('./render').RenderedOutput[] {
  if (args.helm === undefined && args.kustomize.length === 0) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { renderHelm, renderKustomize } = require('./render') as typeof import('./render');
  const renderIo = { cwd: io.cwd, env: io.env, stderr: io.stderr, maxBytes: settings.maxFileBytes };
  const outputs = args.kustomize.map((dir) => renderKustomize(dir, renderIo));
  if (args.helm !== undefined) {
    outputs.unshift(renderHelm({ chart: args.helm, values: args.values, releaseName: args.releaseName, namespace: settings.namespace, kubernetesVersion: settings.kubernetesVersion }, renderIo));
  }
  return outputs;
}

/** Writes all of the text (a write to a pipe may take only part of it). */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
}

function applyBaselineFile(path: string, display: string, findings: Finding[]): { kept: Finding[]; baselined: SuppressedFinding[] } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { applyBaseline, parseBaseline, BaselineError } = require('../engine/baseline') as typeof import('../engine/baseline');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`--baseline ${display}: cannot read the file (write it first with --write-baseline ${display})`);
  }
  try {
    return applyBaseline(findings, parseBaseline(text, display), display);
  } catch (error) {
    if (error instanceof BaselineError) throw new UsageError(error.message);
    throw error;
  }
}

/** CRDs from --crd and `crds:`: read for their schemas, never linted. A missing path is a usage error. */
function loadReferenceCrds(paths: string[], cwd: string, namespace: string): KubeObject[] {
  if (paths.length === 0) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadRun } = require('./pipeline') as typeof import('./pipeline');
  for (const path of paths) if (!existsSync(resolve(cwd, path))) throw new UsageError(`--crd ${path}: no such file or directory`);
  const { build } = loadRun(paths, { cwd, namespace, ignore: [], maxFileBytes: 256 * 1024 * 1024 });
  return build.objects.filter((o) => o.kind === 'CustomResourceDefinition');
}

/** --policy files (and `policies:`, relative to the configuration file), then the run's own PodSecurityPolicies with --use-manifest-psps. */
function loadPolicies(args: CliArgs, config: Config, objects: readonly KubeObject[], cwd: string): KubeObject[] {
  const configDir = dirname(resolve(cwd, config.file ?? '.'));
  const paths = [...(config.policies ?? []).map((p) => relative(cwd, resolve(configDir, p)) || '.'), ...args.policies];
  const useManifest = args.useManifestPsps || config.useManifestPsps === true;
  if (paths.length === 0 && !useManifest) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadPolicyFiles, manifestPolicies } = require('./policies') as typeof import('./policies');
  return [...loadPolicyFiles(paths, cwd), ...(useManifest ? manifestPolicies(objects) : [])];
}

function count(findings: readonly Finding[], severity: Severity): number {
  return findings.filter((f) => f.severity === severity).length;
}

export function exitCode(findings: readonly Finding[], failOn: FailOn, maxWarnings: number | undefined): number {
  const failing: Record<FailOn, readonly Severity[]> = { error: ['error'], warning: ['error', 'warning'], info: ['error', 'warning', 'info'], never: [] };
  if (findings.some((f) => failing[failOn].includes(f.severity))) return 1;
  if (maxWarnings !== undefined && count(findings, 'warning') > maxWarnings) return 1;
  return 0;
}

function useColor(args: CliArgs, io: CliIo): boolean {
  if (args.color !== undefined) return args.color;
  // As in Node's own tty.getColorDepth: FORCE_COLOR wins over NO_COLOR.
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.stdoutIsTTY;
}

function descriptor(rule: AnyRule): Report['rules'][number] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ruleHelpUri } = require('../engine/rule') as typeof import('../engine/rule');
  const m = rule.meta;
  return {
    id: m.id,
    category: m.category,
    defaultSeverity: m.severity,
    description: m.description,
    rationale: m.rationale,
    fix: m.fix,
    examples: m.examples,
    helpUri: ruleHelpUri(m),
    enabledByDefault: m.enabledByDefault !== false,
  };
}

const INIT_CONFIG = `# yaml-language-server: $schema=./node_modules/kubevet/schemas/config.schema.json
# kubevet configuration: every key is optional; \`kubevet rules\` lists the rule ids.

# Kubernetes version to check against (1.33-1.36; default: the newest).
# kubernetesVersion: "1.36"

# Namespace for objects that set none, like kubectl's current namespace.
# namespace: default

# Lowest severity that fails the run: error (default), warning, info or never.
failOn: error

# Paths to skip (gitignore-style, like .kubevetignore).
ignore:
  - "**/charts/*/templates/**"

# CustomResourceDefinitions kept elsewhere, used to validate custom resources (read, not linted).
# crds: ["vendor/crds/"]

# Other linters whose ignore annotations also count (kube-linter, polaris, kube-score, checkov):
# see docs/suppressions.md.
# honorPeerAnnotations: [kube-linter]
# PodSecurityPolicy-style policies that every workload must pass (see docs/policies.md).
# policies: ["policies/"]
# useManifestPsps: false
# Custom rule files, folders or globs (see docs/custom-rules.md).
# rules: ["kubevet-rules/"]

# Per-rule settings: a severity (off, info, warning, error) or {severity, options}.
# Keys are rule ids, category/* or *.
checks:
  # security/pod-security: {options: {level: restricted}}
  # "reliability/*": info

# Findings to accept, with a reason (matched by rule, kind, namespace, name or file globs).
exclude: []
#  - rules: ["security/pod-security"]
#    namespaces: ["monitoring"]
#    kinds: [DaemonSet]
#    reason: node exporters need host access
`;

function initConfig(io: CliIo): number {
  const path = resolve(io.cwd, '.kubevet.yaml');
  if (existsSync(path)) {
    io.stderr('kubevet: .kubevet.yaml already exists; not overwriting it\n');
    return 2;
  }
  writeFileSync(path, INIT_CONFIG);
  io.stdout('wrote .kubevet.yaml\n');
  return 0;
}

function listRules(all: readonly AnyRule[], io: CliIo): number {
  const rules = [...all].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  const idWidth = Math.max(...rules.map((r) => r.meta.id.length));
  const lines = rules.map((r) => {
    const severity = r.meta.enabledByDefault === false ? `${r.meta.severity} (opt-in)` : r.meta.severity;
    return `${r.meta.id.padEnd(idWidth)}  ${r.meta.category.padEnd(11)}  ${severity.padEnd(16)}  ${r.meta.description}`;
  });
  io.stdout(`${'RULE'.padEnd(idWidth)}  ${'CATEGORY'.padEnd(11)}  ${'SEVERITY'.padEnd(16)}  DESCRIPTION\n${lines.join('\n')}\n`);
  return 0;
}

function explainRule(args: CliArgs, io: CliIo, rules: readonly AnyRule[]): number {
  const id = args.positionals[0];
  if (id === undefined) throw new UsageError('kubevet explain needs a rule id, e.g. kubevet explain yaml/duplicate-key');
  const rule = rules.find((r) => r.meta.id === id);
  if (rule === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { suggest } = require('../util/suggest') as typeof import('../util/suggest');
    const guess = suggest(id, rules.map((r) => r.meta.id));
    throw new UsageError(`no rule "${id}"${guess === undefined ? '' : `; did you mean "${guess}"?`}`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ruleDocumentation } = require('../engine/docs') as typeof import('../engine/docs');
  io.stdout(ruleDocumentation(rule));
  return 0;
}
