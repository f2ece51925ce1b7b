/** Command-line parsing with node:util, keeping the order of --format/--output pairs. */
import { parseArgs } from 'node:util';

export const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface OutputTarget {
  format: string;
  /** File to write, or undefined for standard output. */
  file: string | undefined;
}

export interface CliArgs {
  command: 'lint' | 'rules' | 'explain' | 'init';
  positionals: string[];
  outputs: OutputTarget[];
  config?: string;
  noConfig: boolean;
  kubernetesVersion?: string;
  namespace?: string;
  failOn?: FailOn;
  maxWarnings?: number;
  maxFileSize?: number;
  rules: string[];
  ignore: string[];
  crds: string[];
  /** `--helm CHART`: render the chart with helm and lint the output. */
  helm?: string;
  /** `--values FILE` for `--helm`, in order. */
  values: string[];
  releaseName?: string;
  /** `--kustomize DIR`: render with kustomize (or kubectl) and lint the output; repeatable. */
  kustomize: string[];
  policies: string[];
  useManifestPsps: boolean;
  baseline?: string;
  writeBaseline?: string;
  quiet: boolean;
  color: boolean | undefined;
  showSuppressed: boolean;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

const OPTIONS = {
  format: { type: 'string', short: 'f', multiple: true },
  output: { type: 'string', short: 'o', multiple: true },
  config: { type: 'string', short: 'c' },
  'no-config': { type: 'boolean' },
  'kubernetes-version': { type: 'string', short: 'k' },
  namespace: { type: 'string', short: 'n' },
  'fail-on': { type: 'string' },
  'max-warnings': { type: 'string' },
  'max-file-size': { type: 'string' },
  rule: { type: 'string', multiple: true },
  crd: { type: 'string', multiple: true },
  helm: { type: 'string', multiple: true },
  values: { type: 'string', multiple: true },
  'release-name': { type: 'string' },
  kustomize: { type: 'string', multiple: true },
  policy: { type: 'string', multiple: true },
  'use-manifest-psps': { type: 'boolean' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  ignore: { type: 'string', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'show-suppressed': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const SUBCOMMANDS = new Set(['rules', 'explain', 'init']);

export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
  const { values, positionals, tokens } = parsed;
  const command = subcommandOf(tokens ?? []);
  return {
    command,
    positionals: command === 'lint' ? positionals : positionals.slice(1),
    outputs: pairOutputs(tokens ?? []),
    config: values.config,
    noConfig: values['no-config'] ?? false,
    kubernetesVersion: values['kubernetes-version'],
    namespace: values.namespace,
    failOn: parseFailOn(values['fail-on']),
    maxWarnings: parseCount(values['max-warnings'], '--max-warnings'),
    maxFileSize: parsePositiveNumber(values['max-file-size'], '--max-file-size'),
    rules: values.rule ?? [],
    ignore: values.ignore ?? [],
    crds: values.crd ?? [],
    ...helmFlags(values.helm ?? [], values.values ?? [], values['release-name']),
    kustomize: values.kustomize ?? [],
    policies: values.policy ?? [],
    useManifestPsps: values['use-manifest-psps'] ?? false,
    baseline: values.baseline,
    writeBaseline: values['write-baseline'],
    quiet: values.quiet ?? false,
    color: values['no-color'] === true ? false : values.color,
    showSuppressed: values['show-suppressed'] ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

/** The first positional names a sub-command unless it follows `--` (then it is a path, e.g. a folder named rules). */
function subcommandOf(tokens: readonly { kind: string; value?: string | undefined }[]): CliArgs['command'] {
  const first = tokens.find((t) => t.kind === 'positional' || t.kind === 'option-terminator');
  return first?.kind === 'positional' && first.value !== undefined && SUBCOMMANDS.has(first.value) ? (first.value as CliArgs['command']) : 'lint';
}

function helmFlags(charts: string[], valueFiles: string[], releaseName: string | undefined): Pick<CliArgs, 'helm' | 'values' | 'releaseName'> {
  if (charts.length > 1) throw new UsageError('give one --helm chart per run (its --values apply to it); run kubevet once per chart');
  if (charts.length === 0 && (valueFiles.length > 0 || releaseName !== undefined)) throw new UsageError('--values and --release-name go with --helm CHART');
  return { helm: charts[0], values: valueFiles, releaseName };
}

/** Each --output belongs to the --format before it; a --format without one goes to stdout. */
function pairOutputs(tokens: readonly { kind: string; name?: string; value?: string | undefined }[]): OutputTarget[] {
  const outputs: OutputTarget[] = [];
  let pending: OutputTarget | undefined;
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (token.name === 'format') {
      if (pending !== undefined) outputs.push(pending);
      pending = { format: token.value ?? '', file: undefined };
    } else if (token.name === 'output') {
      if (pending === undefined) pending = { format: 'text', file: token.value };
      else if (pending.file !== undefined) throw new UsageError(`two --output values (${pending.file}, ${token.value}) follow one --format; give a --format before each --output`);
      else pending.file = token.value;
      outputs.push(pending);
      pending = undefined;
    }
  }
  if (pending !== undefined) outputs.push(pending);
  if (outputs.length === 0) outputs.push({ format: 'text', file: undefined });
  if (outputs.filter((o) => o.file === undefined).length > 1) {
    throw new UsageError('only one report can go to standard output; give --output FILE to the other --format options');
  }
  return outputs;
}

function parseFailOn(value: string | undefined): FailOn | undefined {
  if (value === undefined) return undefined;
  if (!(FAIL_ON as readonly string[]).includes(value)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, got "${value}"`);
  return value as FailOn;
}

function parseCount(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes a whole number, got "${value}"`);
  return Number(value);
}

function parsePositiveNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} takes a positive number of megabytes, got "${value}"`);
  return n;
}

export const HELP = `kubevet — Kubernetes manifest linter and security analyzer

Usage:
  kubevet [options] [paths…]      check manifests (files, folders, globs; - for stdin; default .)
  kubevet rules                   list every rule
  kubevet explain <rule>          show a rule's documentation
  kubevet init                    write a commented .kubevet.yaml (editors complete it via its schema)
  kubevet test-rule RULE_FILE FIXTURES_DIR      run a custom rule on success*/failure* fixtures
  kubevet rbac who-can VERB RESOURCE [paths…]   who may do it, through which binding and role
  kubevet rbac permissions SUBJECT [paths…]     effective permissions (sa:ns/name, user:x, group:x)
  kubevet netpol list|explain|diff …            NetworkPolicy reachability (kubevet netpol --help)

Options:
  -f, --format <name>             text (default), json, sarif, github; repeatable
  -o, --output <file>             write the preceding --format to a file instead of stdout
  -c, --config <file>             configuration file (default: nearest .kubevet.yaml)
      --no-config                 ignore .kubevet.yaml files
  -k, --kubernetes-version <v>    target Kubernetes version: 1.33, 1.34, 1.35, 1.36 (default newest)
  -n, --namespace <ns>            namespace for objects that set none (default "default")
      --fail-on <severity>        error (default), warning, info or never: lowest severity that fails
      --max-warnings <n>          also fail when there are more than n warnings
      --rule <id=severity>        set a rule's severity (off, info, warning, error); repeatable;
                                  ids may be category/* or *
      --ignore <glob>             skip paths (gitignore-style); repeatable; see also .kubevetignore
      --crd <file|dir>            CustomResourceDefinitions that validate custom resources (not linted); repeatable
      --helm <chart>              render a local chart with \`helm template\` and check the output
                                  (findings name the template from helm's # Source: comments)
      --values <file>             values file for --helm; repeatable, in order
      --release-name <name>       release name for --helm (default: helm's "release-name")
      --kustomize <dir>           render with \`kustomize build\` (or \`kubectl kustomize\`) and check
                                  the output; repeatable
      --policy <file|dir>         PodSecurityPolicy (policy/v1beta1) or kubevet.dev/v1alpha1 policy that workloads
                                  must satisfy (at least one of them); repeatable; see docs/policies.md
      --use-manifest-psps         also use the PodSecurityPolicy objects of the checked manifests as policies
      --max-file-size <MB>        largest file to read (default 64)
      --write-baseline <file>     record the current findings as accepted (fingerprints, not lines)
      --baseline <file>           report only findings not in the baseline (the rest count as suppressed)
  -q, --quiet                     text output: show errors only
      --show-suppressed           also list suppressed findings
      --color / --no-color        force or disable colours (NO_COLOR and FORCE_COLOR are honoured)
  -v, --version                   print the version
  -h, --help                      print this help

Exit codes: 0 nothing reached --fail-on; 1 something did (or --max-warnings was exceeded);
2 usage, configuration or internal error.
`;
