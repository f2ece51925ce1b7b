/**
 * The few pieces of the GitHub Actions toolkit the action needs, without @actions/core:
 * inputs from `INPUT_*` variables, outputs and the job summary appended to the files the runner
 * names (`GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY`), and workflow commands for annotations.
 * Everything takes the environment as a parameter, so tests never touch `process.env`.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';
import { escapeData, escapeProperty } from '../report/github';

export type Env = Readonly<Record<string, string | undefined>>;

export class InputError extends Error {}

/** `fail-on` → `INPUT_FAIL-ON`: the runner upper-cases the name and turns spaces (only) into `_`. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** The trimmed value of an input; `''` when it is not set. */
export function getInput(env: Env, name: string): string {
  return (env[inputVariable(name)] ?? '').trim();
}

const TRUE_VALUES = ['true', 'True', 'TRUE'];
const FALSE_VALUES = ['false', 'False', 'FALSE'];

/** A boolean input in the YAML 1.2 core schema spelling (as @actions/core reads it); empty gives `fallback`. */
export function getBooleanInput(env: Env, name: string, fallback: boolean): boolean {
  const value = getInput(env, name);
  if (value === '') return fallback;
  if (TRUE_VALUES.includes(value)) return true;
  if (FALSE_VALUES.includes(value)) return false;
  throw new InputError(`input \`${name}\` must be true or false, got "${value}"`);
}

/** A list input: entries separated by newlines or other whitespace; empty entries dropped. */
export function getListInput(env: Env, name: string): string[] {
  return getInput(env, name)
    .split(/\s+/)
    .filter((entry) => entry !== '');
}

/**
 * One `GITHUB_OUTPUT` entry: `name=value` for a single line, otherwise the heredoc form with a
 * delimiter that does not occur in the value.
 */
export function outputEntry(name: string, value: string, delimiter: () => string = () => `ghadelimiter_${randomUUID()}`): string {
  if (!/[\r\n]/.test(value)) return `${name}=${value}${EOL}`;
  let marker = delimiter();
  while (value.includes(marker) || name.includes(marker)) marker = delimiter();
  return `${name}<<${marker}${EOL}${value}${EOL}${marker}${EOL}`;
}

/** Appends outputs to the file named by `GITHUB_OUTPUT`; returns false when there is none (running outside Actions). */
export function setOutputs(env: Env, outputs: Readonly<Record<string, string | number>>): boolean {
  const file = env.GITHUB_OUTPUT;
  if (file === undefined || file === '') return false;
  appendFileSync(file, Object.entries(outputs).map(([name, value]) => outputEntry(name, String(value))).join(''));
  return true;
}

/** Appends Markdown to the job summary (`GITHUB_STEP_SUMMARY`); returns false when there is none. */
export function appendSummary(env: Env, markdown: string): boolean {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file === undefined || file === '') return false;
  appendFileSync(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  return true;
}

export type AnnotationLevel = 'error' | 'warning' | 'notice';

/** A workflow command such as `::warning title=kubevet::message`, escaped like the runner expects. */
export function annotation(level: AnnotationLevel, message: string, properties: Readonly<Record<string, string>> = {}): string {
  const rendered = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',');
  return `::${level}${rendered === '' ? '' : ` ${rendered}`}::${escapeData(message)}`;
}
