import { InputError } from '../../src/action/core';
import { cliArguments, readInputs } from '../../src/action/inputs';
import { parseCliArgs } from '../../src/cli/args';

describe('readInputs', () => {
  test('defaults match action.yml when no input is set', () => {
    expect(readInputs({})).toEqual({
      paths: ['.'],
      config: undefined,
      kubernetesVersion: undefined,
      failOn: undefined,
      format: 'github',
      sarifFile: undefined,
      baseline: undefined,
      onlyChanged: false,
      workingDirectory: '.',
    });
  });

  test('every input is read from its INPUT_ variable', () => {
    const inputs = readInputs({
      INPUT_PATHS: 'k8s/\nbase/*.yaml',
      INPUT_CONFIG: 'ci/kubevet.yaml',
      'INPUT_KUBERNETES-VERSION': '1.34',
      'INPUT_FAIL-ON': 'warning',
      INPUT_FORMAT: 'text',
      'INPUT_SARIF-FILE': 'kubevet.sarif',
      INPUT_BASELINE: '.kubevet-baseline.json',
      'INPUT_ONLY-CHANGED': 'true',
      'INPUT_WORKING-DIRECTORY': 'deploy',
    });
    expect(inputs).toEqual({
      paths: ['k8s/', 'base/*.yaml'],
      config: 'ci/kubevet.yaml',
      kubernetesVersion: '1.34',
      failOn: 'warning',
      format: 'text',
      sarifFile: 'kubevet.sarif',
      baseline: '.kubevet-baseline.json',
      onlyChanged: true,
      workingDirectory: 'deploy',
    });
  });

  test('an unknown format is an input error', () => {
    expect(() => readInputs({ INPUT_FORMAT: 'xml' })).toThrow(InputError);
    expect(() => readInputs({ INPUT_FORMAT: 'xml' })).toThrow('input `format` must be one of github, text, json, sarif, got "xml"');
  });
});

describe('cliArguments', () => {
  const files = { json: '/tmp/r.json', sarif: '/tmp/r.sarif' };

  test('JSON (and SARIF when asked for) go to files; the other inputs become flags; paths follow --', () => {
    const args = cliArguments({ ...readInputs({}), config: 'c.yaml', kubernetesVersion: '1.35', failOn: 'info', baseline: 'b.json', paths: ['k8s/', '-weird.yaml'] }, files);
    expect(args).toEqual([
      '--format', 'json', '--output', '/tmp/r.json',
      '--format', 'sarif', '--output', '/tmp/r.sarif',
      '--config', 'c.yaml', '--kubernetes-version', '1.35', '--fail-on', 'info', '--baseline', 'b.json',
      '--', 'k8s/', '-weird.yaml',
    ]);
  });

  test('the CLI parses them as meant: no report on stdout, paths as positionals', () => {
    const parsed = parseCliArgs(cliArguments({ ...readInputs({}), paths: ['-weird.yaml', 'rules'] }, { json: 'r.json', sarif: undefined }));
    expect(parsed.command).toBe('lint');
    expect(parsed.outputs).toEqual([{ format: 'json', file: 'r.json' }]);
    expect(parsed.positionals).toEqual(['-weird.yaml', 'rules']);
  });

  test('after --, a folder named like a sub-command is a path; before it, the sub-command', () => {
    for (const name of ['rules', 'explain', 'init']) {
      expect(parseCliArgs(['--', name])).toMatchObject({ command: 'lint', positionals: [name] });
      expect(parseCliArgs(['--quiet', '--', name, 'x.yaml'])).toMatchObject({ command: 'lint', positionals: [name, 'x.yaml'] });
    }
    expect(parseCliArgs(['rules'])).toMatchObject({ command: 'rules', positionals: [] });
    expect(parseCliArgs(['--quiet', 'explain', 'security/root-group'])).toMatchObject({ command: 'explain', positionals: ['security/root-group'] });
  });
});
