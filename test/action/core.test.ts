import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotation, appendSummary, getBooleanInput, getInput, getListInput, inputVariable, InputError, outputEntry, setOutputs } from '../../src/action/core';
import { parseOutputFile, tempDir } from './helpers';

describe('inputs', () => {
  test('the variable name is upper-cased with spaces (only) turned into underscores, as the runner does', () => {
    expect(inputVariable('paths')).toBe('INPUT_PATHS');
    expect(inputVariable('fail-on')).toBe('INPUT_FAIL-ON');
    expect(inputVariable('my input')).toBe('INPUT_MY_INPUT');
  });

  test('values are trimmed; a missing input is empty', () => {
    expect(getInput({ 'INPUT_FAIL-ON': '  warning\n' }, 'fail-on')).toBe('warning');
    expect(getInput({}, 'fail-on')).toBe('');
  });

  test('booleans accept the YAML 1.2 core spellings only', () => {
    expect(getBooleanInput({ INPUT_X: 'true' }, 'x', false)).toBe(true);
    expect(getBooleanInput({ INPUT_X: 'FALSE' }, 'x', true)).toBe(false);
    expect(getBooleanInput({}, 'x', true)).toBe(true);
    expect(() => getBooleanInput({ INPUT_X: 'yes' }, 'x', false)).toThrow(InputError);
    expect(() => getBooleanInput({ INPUT_X: 'yes' }, 'x', false)).toThrow('input `x` must be true or false, got "yes"');
  });

  test('lists split on newlines and spaces', () => {
    expect(getListInput({ INPUT_PATHS: 'k8s/\n  deploy/*.yaml base.yaml\n\n' }, 'paths')).toEqual(['k8s/', 'deploy/*.yaml', 'base.yaml']);
    expect(getListInput({}, 'paths')).toEqual([]);
  });
});

describe('outputs', () => {
  test('single-line values use name=value, multi-line values a heredoc with a fresh delimiter', () => {
    expect(outputEntry('errors', '3')).toBe('errors=3\n');
    expect(outputEntry('text', 'a\nb', () => 'EOF')).toBe('text<<EOF\na\nb\nEOF\n');
  });

  test('a delimiter that occurs in the value is replaced', () => {
    const delimiters = ['EOF', 'EOF2'];
    expect(outputEntry('text', 'a\nEOF\nb', () => delimiters.shift() ?? 'X')).toBe('text<<EOF2\na\nEOF\nb\nEOF2\n');
  });

  test('the random delimiter round-trips through a GITHUB_OUTPUT parser', () => {
    const dir = tempDir();
    const file = join(dir, 'output');
    writeFileSync(file, '');
    expect(setOutputs({ GITHUB_OUTPUT: file }, { errors: 2, path: '/tmp/x.sarif', note: 'line one\nline=two' })).toBe(true);
    expect(parseOutputFile(readFileSync(file, 'utf8'))).toEqual({ errors: '2', path: '/tmp/x.sarif', note: 'line one\nline=two' });
  });

  test('without GITHUB_OUTPUT or GITHUB_STEP_SUMMARY nothing is written', () => {
    expect(setOutputs({}, { errors: 1 })).toBe(false);
    expect(appendSummary({ GITHUB_STEP_SUMMARY: '' }, '# x')).toBe(false);
  });

  test('the job summary is appended, ending with a newline', () => {
    const file = join(tempDir(), 'summary.md');
    writeFileSync(file, 'earlier step\n');
    appendSummary({ GITHUB_STEP_SUMMARY: file }, '## kubevet');
    expect(readFileSync(file, 'utf8')).toBe('earlier step\n## kubevet\n');
  });
});

describe('workflow commands', () => {
  test('messages and properties are escaped so that no text can start a command of its own', () => {
    expect(annotation('warning', 'only-changed: 50% done\n::error::fake', { title: 'kube,vet: x' })).toBe('::warning title=kube%2Cvet%3A x::only-changed: 50%25 done%0A::error::fake');
    expect(annotation('error', 'plain')).toBe('::error::plain');
  });
});
