// Preloaded into benchmarked processes: prints peak resident memory (VmHWM, kB) and the CPU time
// of the whole process (every thread, user + system, ms) on exit.
process.on('exit', () => {
  const cpu = process.cpuUsage();
  process.stderr.write(`\n@@cpu-ms ${Math.round((cpu.user + cpu.system) / 1000)}\n`);
  try {
    const status = require('node:fs').readFileSync('/proc/self/status', 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    if (match) process.stderr.write(`\n@@peak-rss-kb ${match[1]}\n`);
  } catch {
    // not Linux: no figure
  }
});
