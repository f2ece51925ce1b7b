/**
 * `--helm CHART` and `--kustomize DIR`: render with the user's own `helm`, `kustomize` (or
 * `kubectl kustomize`) and lint the output. The tools run without a shell, with arguments as an
 * array and paths made absolute (so none can pass for a flag), under a time limit and an output
 * limit. kubevet adds no flag that fetches anything: a chart's dependencies must already be in
 * its `charts/` folder. A missing tool or a failed render is a usage error (exit 2) that names
 * the tool and says what to do.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { safeLines } from '../report/terminal';
import { UsageError } from './args';

/** The tool ran and failed: its own error, quoted (exit 2, like a usage error). */
export class RenderError extends Error {}

export interface HelmRequest {
  chart: string;
  values: readonly string[];
  releaseName?: string;
  namespace?: string;
  /** Minor version, e.g. `1.36`: charts that branch on `.Capabilities.KubeVersion` render for the target. */
  kubernetesVersion: string;
}

export interface RenderIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stderr(text: string): void;
  /** Largest output accepted, in bytes (the --max-file-size limit). */
  maxBytes: number;
  timeoutMs?: number;
}

export interface RenderedOutput {
  /** Display name used as the findings' file: `<helm charts/web>`, `<kustomize overlays/prod>`. */
  display: string;
  output: Buffer;
  /** The folder relative origin paths in the output start from (kustomize's are relative to the kustomization). */
  originBase?: string;
}

export const DEFAULT_RENDER_TIMEOUT_MS = 300_000;
/** Lines of a tool's standard error passed on after a successful render (warnings). */
const MAX_FORWARDED_LINES = 20;
/** Characters of a failed tool's standard error quoted in the error. */
const MAX_QUOTED_ERROR = 4000;

const HELM_INSTALL = 'install Helm 3 (https://helm.sh/docs/intro/install/), or render the chart yourself and pipe it in: helm template CHART | kubevet -';
const KUSTOMIZE_INSTALL =
  'install kustomize (https://kubectl.docs.kubernetes.io/installation/kustomize/) or kubectl, which has it built in, or render it yourself and pipe it in: kustomize build DIR | kubevet -';
/** Helm's own rule for release names (DNS-1123 label, at most 53 characters). */
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function displayName(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

function existing(cwd: string, path: string, flag: string): string {
  const absolute = resolve(cwd, path);
  if (!existsSync(absolute)) throw new UsageError(`${flag} ${path}: no such file or directory`);
  return absolute;
}

/** `helm template [RELEASE] CHART --include-crds --kube-version=… [--namespace=…] [--values=…]…` */
export function helmArguments(request: HelmRequest, cwd: string): string[] {
  if (request.releaseName !== undefined && (!RELEASE_NAME.test(request.releaseName) || request.releaseName.length > 53)) {
    throw new UsageError(`--release-name "${request.releaseName}" is not a valid Helm release name (lower-case letters, digits and -, at most 53 characters)`);
  }
  const chart = existing(cwd, request.chart, '--helm');
  return [
    'template',
    ...(request.releaseName === undefined ? [] : [request.releaseName]),
    chart,
    // The chart's CRDs validate its custom resources, as they would on install.
    '--include-crds',
    `--kube-version=${request.kubernetesVersion}.0`,
    ...(request.namespace === undefined ? [] : [`--namespace=${request.namespace}`]),
    ...request.values.map((file) => `--values=${existing(cwd, file, '--values')}`),
  ];
}

export function renderHelm(request: HelmRequest, io: RenderIo): RenderedOutput {
  const args = helmArguments(request, io.cwd);
  const chart = resolve(io.cwd, request.chart);
  const result = run('helm', args, io);
  if (isMissing(result)) throw new UsageError(`--helm needs the helm binary, which is not on PATH; ${HELM_INSTALL}`);
  checkRun('helm template', result, io, helmHint);
  return { display: `<helm ${displayName(io.cwd, chart)}>`, output: result.stdout };
}

/** `kustomize build DIR`, or `kubectl kustomize DIR` when only kubectl is installed. */
export function renderKustomize(dir: string, io: RenderIo): RenderedOutput {
  const absolute = existing(io.cwd, dir, '--kustomize');
  let result = run('kustomize', ['build', absolute], io);
  let command = 'kustomize build';
  if (isMissing(result)) {
    result = run('kubectl', ['kustomize', absolute], io);
    command = 'kubectl kustomize';
    if (isMissing(result)) throw new UsageError(`--kustomize needs the kustomize binary or kubectl, and neither is on PATH; ${KUSTOMIZE_INSTALL}`);
  }
  checkRun(command, result, io, () => undefined);
  const display = displayName(io.cwd, absolute);
  return { display: `<kustomize ${display}>`, output: result.stdout, originBase: display };
}

function run(command: string, args: string[], io: RenderIo): SpawnSyncReturns<Buffer> {
  return spawnSync(command, args, {
    cwd: io.cwd,
    env: io.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: io.maxBytes,
    timeout: io.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    windowsHide: true,
  });
}

function errorCode(result: SpawnSyncReturns<Buffer>): string | undefined {
  return (result.error as NodeJS.ErrnoException | undefined)?.code;
}

function isMissing(result: SpawnSyncReturns<Buffer>): boolean {
  return errorCode(result) === 'ENOENT';
}

function helmHint(stderr: string): string | undefined {
  if (/missing in charts\/ directory|found in Chart\.yaml, but missing/i.test(stderr)) {
    return 'the chart has dependencies that are not in its charts/ folder: run `helm dependency build CHART` first (kubevet does not download them)';
  }
  return undefined;
}

/** Throws a usage error for anything but a clean exit; passes the tool's warnings on. */
function checkRun(command: string, result: SpawnSyncReturns<Buffer>, io: RenderIo, hint: (stderr: string) => string | undefined): void {
  // The tool's messages can quote chart text: control characters are made visible.
  const stderrLines = safeLines((result.stderr ?? Buffer.alloc(0)).toString('utf8').trim());
  const stderr = stderrLines.join('\n');
  const code = errorCode(result);
  if (code === 'ENOBUFS') throw new RenderError(`${command} wrote more than the ${formatSize(io.maxBytes)} limit; raise --max-file-size if the output is really that large`);
  if (code === 'ETIMEDOUT') throw new RenderError(`${command} did not finish within ${formatDuration(io.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS)}`);
  if (result.error !== undefined) throw new RenderError(`${command} could not be run: ${code ?? result.error.message}`);
  if (result.status !== 0) {
    const how = result.status === null ? `was stopped by ${result.signal ?? 'a signal'}` : `failed with exit code ${result.status}`;
    const quoted = stderr === '' ? '' : `:\n${stderr.length > MAX_QUOTED_ERROR ? `${stderr.slice(0, MAX_QUOTED_ERROR)}…` : stderr}`;
    const advice = hint(stderr);
    throw new RenderError(`${command} ${how}${quoted}${advice === undefined ? '' : `\n${advice}`}`);
  }
  if (stderr !== '') {
    for (const line of stderrLines.slice(0, MAX_FORWARDED_LINES)) io.stderr(`kubevet: ${command.split(' ')[0]}: ${line}\n`);
  }
}

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
