// Loaded with `--require` into every service when `BENCH_CPU_PROF_DIR` is set (Node refuses
// `--cpu-prof` in NODE_OPTIONS): records a V8 CPU profile from start to exit and writes it there as
// `<pid>.cpuprofile`, readable by Chrome DevTools or speedscope.
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const session = new Session();
session.connect();
session.post('Profiler.enable', () => session.post('Profiler.start'));
let written = false;
function write() {
  if (written) return;
  written = true;
  session.post('Profiler.stop', (error, result) => {
    if (!error)
      writeFileSync(
        join(process.env.BENCH_CPU_PROF_DIR, `${process.pid}.cpuprofile`),
        JSON.stringify(result.profile),
      );
  });
}
process.on('exit', write);
// A service stopped with SIGTERM shuts down and re-raises the signal (no 'exit' event): write the
// profile when the signal arrives, once, and leave the shutdown to the service.
process.once('SIGTERM', write);
