/**
 * Entry point of the GitHub Action (bundled into dist-action/index.js by
 * scripts/bundle-action.ts). The runner starts it with the inputs in `INPUT_*` variables.
 */
import { runAction } from './run';

process.exitCode = runAction({
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
