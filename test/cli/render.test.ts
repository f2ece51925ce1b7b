/**
 * Rendered input: helm's `# Source:` mapping end to end through the CLI (on a committed
 * `helm template` output), and `--helm` / `--kustomize` with stand-in executables on PATH that
 * record the arguments they receive. A real kustomize run checks the kustomize fixture when
 * `kustomize` or `kubectl` is installed.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type * as Sarif from 'sarif';
import { renderHelm } from '../../src/cli/render';
import { ROOT, runCli, spawnCli } from './run-cli';

const FIXTURES = join(ROOT, 'test', 'fixtures');
const CHART = join(FIXTURES, 'helm', 'webapp');
const RENDERED = join(FIXTURES, 'helm', 'webapp.rendered.yaml');
const RENDERED_TEXT = readFileSync(RENDERED, 'utf8');

interface JsonFinding {
  ruleId: string;
  message: string;
  file: string;
  line: number;
  object: { kind: string; name: string } | null;
}

function lineOf(needle: string): number {
  return RENDERED_TEXT.slice(0, RENDERED_TEXT.indexOf(needle)).split('\n').length;
}

describe('findings on helm template output name the template (# Source:)', () => {
  test('text: one heading per template, lines of the rendered output', () => {
    const { stdout, code } = runCli(['--no-config', 'test/fixtures/helm/webapp.rendered.yaml']);
    expect(code).toBe(0);
    expect(stdout).toContain('test/fixtures/helm/webapp.rendered.yaml (rendered from webapp/templates/service.yaml)\n');
    expect(stdout).toContain('test/fixtures/helm/webapp.rendered.yaml (rendered from webapp/templates/tests/test-connection.yaml)\n');
    const serviceBlock = stdout.split('\n\n').find((block) => block.startsWith('test/fixtures/helm/webapp.rendered.yaml (rendered from webapp/templates/service.yaml)'));
    expect(serviceBlock).toContain(`${lineOf('targetPort: http-web')}:19  warning`);
    expect(serviceBlock).toContain('reference/service-target-port');
    // No finding lands in the clean ServiceAccount and ConfigMap templates.
    expect(stdout).not.toContain('serviceaccount.yaml');
    expect(stdout).not.toContain('configmap.yaml');
  });

  test('json: the contract keeps its fields; the template is named in the message', () => {
    const report = JSON.parse(runCli(['--no-config', '--format', 'json', 'test/fixtures/helm/webapp.rendered.yaml']).stdout) as { findings: JsonFinding[] };
    const busybox = report.findings.find((f) => f.ruleId === 'image/latest-tag');
    expect(busybox).toBeDefined();
    expect(Object.keys(busybox as object)).toEqual(['ruleId', 'category', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'object', 'path']);
    expect(busybox?.message).toMatch(/busybox without a tag.* \(rendered from webapp\/templates\/tests\/test-connection\.yaml\)$/);
    expect(busybox?.file).toBe('test/fixtures/helm/webapp.rendered.yaml');
    expect(busybox?.line).toBe(lineOf('image: busybox'));
    const byTemplate = (f: JsonFinding): string => /\(rendered from (\S+)\)$/.exec(f.message)?.[1] ?? 'none';
    for (const f of report.findings) {
      if (f.object?.kind === 'Service') expect(byTemplate(f)).toBe('webapp/templates/service.yaml');
      if (f.object?.kind === 'Pod') expect(byTemplate(f)).toBe('webapp/templates/tests/test-connection.yaml');
      if (f.object?.kind === 'Deployment') expect(byTemplate(f)).toBe('webapp/templates/deployment.yaml');
    }
  });

  test('sarif: a renderedFrom property on the result; github: the template in the annotation text', () => {
    const log = JSON.parse(runCli(['--no-config', '--format', 'sarif', 'test/fixtures/helm/webapp.rendered.yaml']).stdout) as Sarif.Log;
    const results = log.runs[0].results ?? [];
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(result.properties?.renderedFrom).toMatch(/^webapp\/templates\//);
    const github = runCli(['--no-config', '--format', 'github', 'test/fixtures/helm/webapp.rendered.yaml']).stdout;
    expect(github).toMatch(/::warning file=test\/fixtures\/helm\/webapp\.rendered\.yaml,line=\d+,.*title=reference\/service-target-port::.*\(rendered from webapp\/templates\/service\.yaml\)/);
  });

  test('standard input: `helm template . | kubevet -` attributes findings the same way', () => {
    const piped = spawnCli(['--no-config', '--format', 'json', '-'], { input: RENDERED_TEXT });
    const fromFile = runCli(['--no-config', '--format', 'json', 'test/fixtures/helm/webapp.rendered.yaml']);
    const strip = (f: JsonFinding): Omit<JsonFinding, 'file'> => ({ ...f, file: undefined }) as Omit<JsonFinding, 'file'>;
    const pipedFindings = (JSON.parse(piped.stdout) as { findings: JsonFinding[] }).findings;
    expect(pipedFindings.every((f) => f.file === '<stdin>')).toBe(true);
    expect(pipedFindings.map(strip)).toEqual((JSON.parse(fromFile.stdout) as { findings: JsonFinding[] }).findings.map(strip));
  });
});

/** A folder holding stand-in executables; PATH is set to it alone so no real tool is found. */
function fakeTools(tools: Record<string, string>): { bin: string; log: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'kubevet-render-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const log = join(dir, 'argv.log');
  for (const [name, body] of Object.entries(tools)) {
    const path = join(bin, name);
    // Builtins and absolute paths only: PATH holds nothing but this folder.
    writeFileSync(path, `#!/bin/sh\nfor a in "$0" "$@"; do printf '%s\\n' "$a"; done > "$ARGV_LOG"\n${body}\n`);
    chmodSync(path, 0o755);
  }
  return { bin, log, env: { PATH: bin, ARGV_LOG: log, RENDERED } };
}

function argvOf(log: string): string[] {
  const [program, ...args] = readFileSync(log, 'utf8').trimEnd().split('\n');
  return [program.split('/').pop() ?? program, ...args];
}

const posixOnly = process.platform === 'win32' ? describe.skip : describe;

posixOnly('--helm with a stand-in helm', () => {
  const printRendered = 'exec /bin/cat "$RENDERED"';

  test('runs `helm template` with absolute paths and no shell, and lints what it prints', () => {
    const fake = fakeTools({ helm: printRendered });
    const values = join(CHART, 'values.yaml');
    const result = runCli(['--no-config', '--format', 'json', '-k', '1.34', '-n', 'shop', '--helm', 'test/fixtures/helm/webapp', '--values', 'test/fixtures/helm/webapp/values.yaml', '--values', values, '--release-name', 'web'], ROOT, fake.env);
    expect(result.stderr).toBe('');
    expect(argvOf(fake.log)).toEqual(['helm', 'template', 'web', CHART, '--include-crds', '--kube-version=1.34.0', '--namespace=shop', `--values=${values}`, `--values=${values}`]);
    const report = JSON.parse(result.stdout) as { summary: { files: number; objects: number }; findings: JsonFinding[] };
    expect(report.summary).toMatchObject({ files: 1, objects: 5 });
    expect(report.findings.every((f) => f.file === '<helm test/fixtures/helm/webapp>')).toBe(true);
    expect(report.findings.find((f) => f.ruleId === 'reference/service-target-port')?.message).toMatch(/\(rendered from webapp\/templates\/service\.yaml\)$/);
    // No paths with --helm: only the chart's output is checked, not the working directory.
    expect(result.code).toBe(0);
  });

  test('without --release-name or a namespace, helm picks its own defaults; paths given too are checked as well', () => {
    const fake = fakeTools({ helm: printRendered });
    const result = runCli(['--no-config', '--format', 'json', '--helm', 'test/fixtures/helm/webapp', 'test/fixtures/hardened/service.yaml'], ROOT, fake.env);
    expect(argvOf(fake.log)).toEqual(['helm', 'template', CHART, '--include-crds', '--kube-version=1.36.0']);
    expect((JSON.parse(result.stdout) as { summary: { files: number } }).summary.files).toBe(2);
  });

  test('warnings helm prints are passed on; a failed render exits 2 with helm\'s own error and the dependency hint', () => {
    const warns = fakeTools({ helm: `printf 'WARNING: This chart is deprecated\\n' >&2\n${printRendered}` });
    const ok = runCli(['--no-config', '--helm', 'test/fixtures/helm/webapp'], ROOT, warns.env);
    expect(ok.stderr).toBe('kubevet: helm: WARNING: This chart is deprecated\n');

    const fails = fakeTools({ helm: "printf 'Error: An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: redis\\n' >&2\nexit 1" });
    const failed = runCli(['--no-config', '--helm', 'test/fixtures/helm/webapp'], ROOT, fails.env);
    expect(failed.code).toBe(2);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toContain('kubevet: helm template failed with exit code 1:\nError: An error occurred while checking for chart dependencies.');
    expect(failed.stderr).toContain('missing in charts/ directory: redis');
    expect(failed.stderr).toContain('run `helm dependency build CHART` first (kubevet does not download them)');
  });

  test('control characters in helm\'s messages are made visible', () => {
    const fake = fakeTools({ helm: "printf 'Error: bad \\033[31mvalue\\n' >&2\nexit 1" });
    const failed = runCli(['--no-config', '--helm', 'test/fixtures/helm/webapp'], ROOT, fake.env);
    expect(failed.stderr).not.toContain('\u001b');
    expect(failed.stderr).toContain('bad \\x1b[31mvalue');
  });

  test('output above --max-file-size and a render that hangs are stopped', () => {
    const fake = fakeTools({ helm: printRendered });
    const big = runCli(['--no-config', '--max-file-size', '0.001', '--helm', 'test/fixtures/helm/webapp'], ROOT, fake.env);
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/helm template wrote more than the 1 KB limit; raise --max-file-size/);
    const slow = fakeTools({ helm: 'exec /bin/sleep 5' });
    const started = Date.now();
    expect(() => renderHelm({ chart: CHART, values: [], kubernetesVersion: '1.36' }, { cwd: ROOT, env: slow.env, stderr: () => undefined, maxBytes: 1 << 20, timeoutMs: 300 })).toThrow('helm template did not finish within 300 ms');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  test('usage errors: helm missing, chart or values file missing, a bad release name, --values without --helm', () => {
    const empty = fakeTools({});
    const missing = runCli(['--no-config', '--helm', 'test/fixtures/helm/webapp'], ROOT, empty.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--helm needs the helm binary, which is not on PATH; install Helm 3 (https://helm.sh/docs/intro/install/)');
    expect(missing.stderr).toContain('helm template CHART | kubevet -');
    const fake = fakeTools({ helm: printRendered });
    expect(runCli(['--helm', 'no/such/chart'], ROOT, fake.env).stderr).toContain('--helm no/such/chart: no such file or directory');
    expect(runCli(['--helm', 'test/fixtures/helm/webapp', '--values', 'nope.yaml'], ROOT, fake.env).stderr).toContain('--values nope.yaml: no such file or directory');
    expect(runCli(['--helm', 'test/fixtures/helm/webapp', '--release-name', '--evil'], ROOT, fake.env).code).toBe(2);
    expect(runCli(['--helm', 'test/fixtures/helm/webapp', '--release-name', 'Web_App'], ROOT, fake.env).stderr).toContain('--release-name "Web_App" is not a valid Helm release name');
    expect(runCli(['--values', 'a.yaml', '.'], ROOT, fake.env).stderr).toContain('--values and --release-name go with --helm CHART');
    expect(runCli(['--helm', 'a', '--helm', 'b'], ROOT, fake.env).stderr).toContain('give one --helm chart per run');
    expect(existsSync(fake.log)).toBe(false);
  });
});

posixOnly('--kustomize with stand-in tools', () => {
  const KUSTOMIZE_OUTPUT = join(FIXTURES, 'kustomize', 'overlays', 'prod');
  const printBuilt = `printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: a\\n  name: b\\n'`;

  test('`kustomize build DIR` when kustomize is installed', () => {
    const fake = fakeTools({ kustomize: printBuilt, kubectl: 'exit 99' });
    const result = runCli(['--no-config', '--format', 'json', '--kustomize', 'test/fixtures/kustomize/overlays/prod'], ROOT, fake.env);
    expect(argvOf(fake.log)).toEqual(['kustomize', 'build', KUSTOMIZE_OUTPUT]);
    const report = JSON.parse(result.stdout) as { findings: JsonFinding[] };
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['yaml/duplicate-key', '<kustomize test/fixtures/kustomize/overlays/prod>', 5]]);
    expect(result.code).toBe(1);
  });

  test('`kubectl kustomize DIR` when only kubectl is installed; several --kustomize folders in one run', () => {
    const fake = fakeTools({ kubectl: printBuilt });
    const result = runCli(['--no-config', '--format', 'json', '--kustomize', 'test/fixtures/kustomize/overlays/prod', '--kustomize', 'test/fixtures/kustomize/base'], ROOT, fake.env);
    expect(argvOf(fake.log)).toEqual(['kubectl', 'kustomize', join(FIXTURES, 'kustomize', 'base')]);
    expect((JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings.map((f) => f.file)).toEqual(['<kustomize test/fixtures/kustomize/base>', '<kustomize test/fixtures/kustomize/overlays/prod>']);
  });

  test('neither installed: a usage error naming both; a failed build: exit 2 with its error', () => {
    const missing = runCli(['--no-config', '--kustomize', 'test/fixtures/kustomize/base'], ROOT, fakeTools({}).env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--kustomize needs the kustomize binary or kubectl, and neither is on PATH; install kustomize (https://kubectl.docs.kubernetes.io/installation/kustomize/)');
    const failing = fakeTools({ kustomize: "printf 'Error: accumulating resources: missing.yaml: no such file\\n' >&2\nexit 1" });
    const failed = runCli(['--no-config', '--kustomize', 'test/fixtures/kustomize/base'], ROOT, failing.env);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toBe('kubevet: kustomize build failed with exit code 1:\nError: accumulating resources: missing.yaml: no such file\n');
    expect(runCli(['--kustomize', 'no/such/dir'], ROOT, failing.env).stderr).toContain('--kustomize no/such/dir: no such file or directory');
  });
});

function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, name)));
}

const realKustomize = onPath('kustomize') || onPath('kubectl');
if (!realKustomize) process.stderr.write('[kubevet tests] neither kustomize nor kubectl is on PATH: skipping the real --kustomize test\n');

(realKustomize ? test : test.skip)(`a real kustomize build of the overlay fixture${realKustomize ? '' : ' (skipped: neither kustomize nor kubectl is on PATH)'}`, () => {
  const result = runCli(['--no-config', '--format', 'json', '--kustomize', 'test/fixtures/kustomize/overlays/prod'], ROOT, { PATH: process.env.PATH, HOME: process.env.HOME });
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout) as { summary: { objects: number }; findings: (JsonFinding & { severity: string })[] };
  expect(report.summary.objects).toBe(2);
  // The overlay's patch makes the container privileged: an error on the Deployment, named after its resource file.
  const privileged = report.findings.find((f) => f.ruleId === 'security/pod-security');
  expect(privileged?.severity).toBe('error');
  expect(privileged?.file).toBe('<kustomize test/fixtures/kustomize/overlays/prod>');
  expect(privileged?.message).toMatch(/privileged.*\(rendered from test\/fixtures\/kustomize\/base\/deployment\.yaml\)$/);
  expect(result.code).toBe(1);
});
