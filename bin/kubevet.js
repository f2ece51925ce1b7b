#!/usr/bin/env node
'use strict';
// A reader that goes away (`kubevet … | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
// The CLI bundle when the build made one, else the compiled modules (see src/cli/launch.ts).
const { cliModule } = require('../dist/src/cli/launch.js');
process.exitCode = cliModule().main(process.argv.slice(2));
