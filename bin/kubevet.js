#!/usr/bin/env node
'use strict';
const { main } = require('../dist/src/cli/main.js');
const code = main(process.argv.slice(2));
process.exitCode = code;
