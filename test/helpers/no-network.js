/**
 * Preload (`node --require test/helpers/no-network.js …`) that forbids the network: every way
 * Node opens a socket or resolves a name (net, tls, http, https, http2, dns, dgram, fetch,
 * WebSocket) and every way it starts another program (child_process, which could open sockets
 * of its own) is replaced by a function that reports the attempt on standard error and ends the
 * process with exit code 97 at once, so that no try/catch can swallow it. The robustness tests
 * run the built CLI under it and expect the usual exit codes (0 or 1).
 *
 * Sockets that Node creates for its own standard streams (pipes) are not affected: they are
 * built on file descriptors that already exist and never call connect.
 */
'use strict';

const EXIT_CODE = 97;

function forbidden(what) {
  return function forbiddenNetworkAccess() {
    try {
      process.stderr.write(`no-network: blocked ${what}\n${new Error('stack').stack}\n`);
    } finally {
      process.exit(EXIT_CODE);
    }
  };
}

function replace(target, name, label) {
  if (target === undefined || target === null) return;
  const original = target[name];
  if (original === undefined) return;
  Object.defineProperty(target, name, { value: forbidden(label), writable: false, configurable: false, enumerable: true });
}

const net = require('node:net');
replace(net, 'connect', 'net.connect');
replace(net, 'createConnection', 'net.createConnection');
replace(net.Socket.prototype, 'connect', 'net.Socket.prototype.connect');
replace(net, 'createServer', 'net.createServer');
replace(net.Server.prototype, 'listen', 'net.Server.prototype.listen');

const tls = require('node:tls');
replace(tls, 'connect', 'tls.connect');
replace(tls, 'createServer', 'tls.createServer');

for (const [moduleName, mod] of [['http', require('node:http')], ['https', require('node:https')]]) {
  replace(mod, 'request', `${moduleName}.request`);
  replace(mod, 'get', `${moduleName}.get`);
  replace(mod, 'createServer', `${moduleName}.createServer`);
}

const http2 = require('node:http2');
replace(http2, 'connect', 'http2.connect');
replace(http2, 'createServer', 'http2.createServer');
replace(http2, 'createSecureServer', 'http2.createSecureServer');

const dns = require('node:dns');
const DNS_FUNCTIONS = [
  'lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx',
  'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse',
];
for (const name of DNS_FUNCTIONS) {
  replace(dns, name, `dns.${name}`);
  replace(dns.promises, name, `dns.promises.${name}`);
  replace(dns.Resolver && dns.Resolver.prototype, name, `dns.Resolver.prototype.${name}`);
  replace(dns.promises.Resolver && dns.promises.Resolver.prototype, name, `dns.promises.Resolver.prototype.${name}`);
}

const dgram = require('node:dgram');
replace(dgram, 'createSocket', 'dgram.createSocket');

const childProcess = require('node:child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  replace(childProcess, name, `child_process.${name}`);
}

for (const name of ['fetch', 'WebSocket', 'EventSource']) {
  if (typeof globalThis[name] === 'function') {
    Object.defineProperty(globalThis, name, { value: forbidden(`global ${name}`), writable: false, configurable: false, enumerable: false });
  }
}

// ES module imports of the built-ins see the replacements too.
require('node:module').syncBuiltinESMExports();
