/** `npm run bench` entry point; see docs/performance.md for what each figure measures. */
import { runBench } from './main';
import { BENCH_GROUPS } from './registry';
import { describeMachine } from './support/machine';

// `--json` promises that stdout holds nothing but the JSON array; a library that logs with
// console.log must not break that, so console output goes to stderr with the progress lines.
console.log = console.error.bind(console);
console.info = console.error.bind(console);

runBench(process.argv.slice(2), {
  groups: BENCH_GROUPS,
  io: { out: (text) => process.stdout.write(`${text}\n`), err: (text) => process.stderr.write(`${text}\n`) },
  machine: () => describeMachine(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
