// Preloaded into benchmarked processes: prints peak resident memory (VmHWM, kB) on exit.
process.on('exit', () => {
  try {
    const status = require('node:fs').readFileSync('/proc/self/status', 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    if (match) process.stderr.write(`\n@@peak-rss-kb ${match[1]}\n`);
  } catch {
    // not Linux: no figure
  }
});
