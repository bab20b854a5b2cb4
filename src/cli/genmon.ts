/**
 * The `genmon` command line (bundled into dist/cli.js; bin/genmon.js runs it). The extension
 * spawns `genmon train … --exit-with-parent` as its trainer child process.
 */
import { processIo } from './cliIo';
import { runCli } from './runCli';

void runCli(process.argv.slice(2), processIo).then((code) => {
  // exitCode rather than exit(): stdout/stderr finish flushing, and every resource is closed by now.
  process.exitCode = code;
});
