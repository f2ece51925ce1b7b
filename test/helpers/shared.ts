/**
 * The one gateway from tests to ../shared (read-only research data beside the repository).
 * The shipped package never reads it; tests that need it call `describeShared`/`sharedPath`
 * and are skipped with a clear message on machines where it is absent.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SHARED_DIR = process.env.KUBEVET_SHARED_DIR ?? resolve(__dirname, '..', '..', '..', 'shared');

export function sharedAvailable(): boolean {
  return existsSync(SHARED_DIR);
}

/** Absolute path of a file under ../shared; call only inside `describeShared`. */
export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

let warned = false;
/** `describe` that skips (with one explanatory line) when ../shared is not present. */
export function describeShared(name: string, body: () => void): void {
  if (sharedAvailable()) {
    describe(name, body);
    return;
  }
  if (!warned) {
    warned = true;
    process.stderr.write(`[kubevet tests] ${SHARED_DIR} not found: skipping the tests that need the shared research data\n`);
  }
  // The body is not run at all: describe.skip would still run it to collect tests, and bodies
  // read the data at collection time.
  describe(`${name} (skipped: ../shared not present)`, () => {
    test.skip('needs ../shared', () => undefined);
  });
}
