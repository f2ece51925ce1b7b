import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseCommit, changedFiles, gitDiffArguments, headCommit, parseNameList, type GitRunner } from '../../src/action/changed';
import { git, gitAvailable, gitRepository, tempDir } from './helpers';

const SHA = 'a'.repeat(40);

function eventFile(payload: unknown): string {
  const file = join(tempDir(), 'event.json');
  writeFileSync(file, JSON.stringify(payload));
  return file;
}

describe('the event payload', () => {
  test('the base commit of a pull request or a merge group', () => {
    expect(baseCommit({ pull_request: { base: { sha: SHA } } })).toBe(SHA);
    expect(baseCommit({ merge_group: { base_sha: SHA } })).toBe(SHA);
  });

  test('other events and values that are not commit ids give nothing', () => {
    expect(baseCommit({ ref: 'refs/heads/main', before: SHA })).toBeUndefined();
    expect(baseCommit({ pull_request: { base: { sha: '--output=/etc/passwd' } } })).toBeUndefined();
    expect(baseCommit(null)).toBeUndefined();
    expect(baseCommit('text')).toBeUndefined();
  });

  test('links point at the pull request head, else GITHUB_SHA', () => {
    const head = 'b'.repeat(40);
    expect(headCommit({ GITHUB_EVENT_PATH: eventFile({ pull_request: { head: { sha: head } } }), GITHUB_SHA: SHA })).toBe(head);
    expect(headCommit({ GITHUB_EVENT_PATH: eventFile({}), GITHUB_SHA: SHA })).toBe(SHA);
    expect(headCommit({})).toBeUndefined();
  });
});

describe('git diff', () => {
  test('NUL-separated names, relative to the working directory, deleted files left out', () => {
    expect(parseNameList('a.yaml\0dir/b c.yaml\0')).toEqual(['a.yaml', 'dir/b c.yaml']);
    expect(parseNameList('')).toEqual([]);
    expect(gitDiffArguments(SHA)).toEqual(['diff', '--name-only', '--relative', '--diff-filter=d', '--no-renames', '-z', `${SHA}...HEAD`]);
  });

  test('the files come from git in the working directory', () => {
    const calls: { args: readonly string[]; cwd: string }[] = [];
    const fake: GitRunner = (args, cwd) => {
      calls.push({ args, cwd });
      return 'app.yaml\0svc.yaml\0';
    };
    const result = changedFiles({ GITHUB_EVENT_PATH: eventFile({ pull_request: { base: { sha: SHA } } }) }, '/work/deploy', fake);
    expect(result).toEqual({ available: true, base: SHA, files: new Set(['app.yaml', 'svc.yaml']) });
    expect(calls).toEqual([{ args: gitDiffArguments(SHA), cwd: '/work/deploy' }]);
  });

  test('each way of not knowing the changed files gives a reason', () => {
    const unused: GitRunner = () => {
      throw new Error('not called');
    };
    expect(changedFiles({}, '.', unused)).toEqual({ available: false, reason: 'there is no event payload (GITHUB_EVENT_PATH is not set)' });
    expect(changedFiles({ GITHUB_EVENT_PATH: '/nonexistent/event.json' }, '.', unused)).toMatchObject({ available: false, reason: expect.stringContaining('cannot read the event payload') });
    expect(changedFiles({ GITHUB_EVENT_PATH: eventFile({ ref: 'main' }), GITHUB_EVENT_NAME: 'push' }, '.', unused)).toEqual({
      available: false,
      reason: 'the push event has no pull request base commit (pull_request.base.sha)',
    });
    const noGit: GitRunner = () => {
      throw Object.assign(new Error('spawnSync git ENOENT'), { code: 'ENOENT' });
    };
    const result = changedFiles({ GITHUB_EVENT_PATH: eventFile({ pull_request: { base: { sha: SHA } } }) }, '.', noGit);
    expect(result).toEqual({ available: false, reason: `git diff against the base commit ${SHA} failed (spawnSync git ENOENT); check out with \`fetch-depth: 0\` so the base is present` });
  });

  (gitAvailable() ? test : test.skip)('a real repository: added and modified files below the working directory, not deleted ones', () => {
    const dir = tempDir();
    const { base } = gitRepository(dir, { 'deploy/old.yaml': 'a: 1\n', 'deploy/gone.yaml': 'b: 1\n', 'other/x.yaml': 'c: 1\n' }, { 'deploy/old.yaml': 'a: 2\n', 'deploy/new dir/new.yaml': 'd: 1\n', 'other/x.yaml': 'c: 2\n' });
    git(dir, 'rm', '-q', 'deploy/gone.yaml');
    git(dir, 'commit', '-q', '-m', 'remove');
    const result = changedFiles({ GITHUB_EVENT_PATH: eventFile({ pull_request: { base: { sha: base } } }) }, join(dir, 'deploy'));
    expect(result).toEqual({ available: true, base, files: new Set(['old.yaml', 'new dir/new.yaml']) });
  });

  (gitAvailable() ? test : test.skip)('a base commit missing from the clone is reported, not thrown', () => {
    const dir = tempDir();
    gitRepository(dir, { 'a.yaml': 'a: 1\n' }, { 'a.yaml': 'a: 2\n' });
    const result = changedFiles({ GITHUB_EVENT_PATH: eventFile({ pull_request: { base: { sha: SHA } } }) }, dir);
    expect(result).toMatchObject({ available: false, reason: expect.stringMatching(/^git diff against the base commit a{40} failed \(.+\); check out with `fetch-depth: 0`/) });
  });
});
