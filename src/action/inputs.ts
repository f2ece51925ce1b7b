/**
 * The action's inputs (see action.yml), read from the environment and turned into the kubevet
 * command line. Defaults repeat action.yml's so that a run without the runner (tests, a local
 * `node dist-action/index.js`) behaves the same.
 */
import { getBooleanInput, getInput, getListInput, InputError, type Env } from './core';

export const ACTION_FORMATS = ['github', 'text', 'json', 'sarif'] as const;
export type ActionFormat = (typeof ACTION_FORMATS)[number];

export interface ActionInputs {
  /** Files, folders or globs, relative to `workingDirectory`. */
  paths: string[];
  config: string | undefined;
  kubernetesVersion: string | undefined;
  failOn: string | undefined;
  /** What goes to the log: `github` annotations (default) or a CLI format. */
  format: ActionFormat;
  /** Where to write SARIF, relative to `workingDirectory`; undefined for none. */
  sarifFile: string | undefined;
  baseline: string | undefined;
  onlyChanged: boolean;
  /** Relative to the workspace. */
  workingDirectory: string;
}

function optional(env: Env, name: string): string | undefined {
  const value = getInput(env, name);
  return value === '' ? undefined : value;
}

function isActionFormat(value: string): value is ActionFormat {
  return (ACTION_FORMATS as readonly string[]).includes(value);
}

export function readInputs(env: Env): ActionInputs {
  const format = getInput(env, 'format') || 'github';
  if (!isActionFormat(format)) throw new InputError(`input \`format\` must be one of ${ACTION_FORMATS.join(', ')}, got "${format}"`);
  const paths = getListInput(env, 'paths');
  return {
    paths: paths.length === 0 ? ['.'] : paths,
    config: optional(env, 'config'),
    kubernetesVersion: optional(env, 'kubernetes-version'),
    failOn: optional(env, 'fail-on'),
    format,
    sarifFile: optional(env, 'sarif-file'),
    baseline: optional(env, 'baseline'),
    onlyChanged: getBooleanInput(env, 'only-changed', false),
    workingDirectory: getInput(env, 'working-directory') || '.',
  };
}

/** Where the CLI run writes the reports the action reads back. */
export interface ReportFiles {
  json: string;
  sarif: string | undefined;
}

/**
 * The kubevet arguments for a run: every finding goes to a JSON file (the action renders the log
 * output itself, so it can filter and rebase findings), SARIF to a file when asked for.
 * `--` ends the options, so a path that starts with `-` or is named like a sub-command
 * (`rules`) is still a path.
 */
export function cliArguments(inputs: ActionInputs, files: ReportFiles): string[] {
  const args = ['--format', 'json', '--output', files.json];
  if (files.sarif !== undefined) args.push('--format', 'sarif', '--output', files.sarif);
  if (inputs.config !== undefined) args.push('--config', inputs.config);
  if (inputs.kubernetesVersion !== undefined) args.push('--kubernetes-version', inputs.kubernetesVersion);
  if (inputs.failOn !== undefined) args.push('--fail-on', inputs.failOn);
  if (inputs.baseline !== undefined) args.push('--baseline', inputs.baseline);
  return [...args, '--', ...inputs.paths];
}
