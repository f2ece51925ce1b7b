#!/usr/bin/env node
'use strict';
// A reader that goes away (`kubevet … | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = require('../dist/src/cli/main.js');
process.exitCode = main(process.argv.slice(2));
