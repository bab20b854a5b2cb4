/** Help texts; kept next to each other so they read as one manual. */

export const MAIN_USAGE = `Usage: genmon <command> [options]

Commands:
  train <config>      Train the experiment described by a *.genmon.yaml config into a run directory
  inspect <run-dir>   Describe what a run directory holds

Options:
  -h, --help          Show help (also: genmon <command> --help)

See docs/cli.md for the run directory layout and exit codes.`;

export const TRAIN_USAGE = `Usage: genmon train <config> --run-dir <dir> [options]
       genmon train --resume <run-dir> [--max-iterations <n>] [options]
       genmon train --resume <run-dir> [--from-checkpoint <k>] --branch-run-dir <new-dir> [options]

Validates the config, then trains and appends snapshots to <dir>/stream.gms. While it trains,
<dir>/control.json lets clients pause, resume, stop or checkpoint it (docs/control-channel.md).

Options:
  --run-dir <dir>           Run directory to create (must not already hold a stream)   [required]
  --resume <run-dir>        Continue a stopped run from its newest checkpoint, appending to its
                            stream (the config comes from the run; no <config>, no --run-dir)
  --branch-run-dir <dir>    With --resume: start a NEW run in <dir> (holding no run yet) from a checkpoint
                            of <run-dir>, which is left untouched; the new stream's header names
                            its parent (branchOf)
  --from-checkpoint <k>     With --branch-run-dir: the checkpoint to branch from, by iteration (200)
                            or folder (checkpoints/200); default: the newest
  --max-iterations <n>      Override training.maxIterations (resuming or branching: train up to n)
  --backend <name>          auto | wasm | cpu | tensorflow (overrides training.backend)
  --tfjs-node-path <dir>    A folder whose node_modules holds @tensorflow/tfjs-node(-gpu)
  --exit-with-parent        Stop (as on SIGTERM) when stdin closes: for a parent that pipes stdin
  -h, --help                Show this help

Exit codes: 0 completed or stopped, 1 training failed, 2 nothing done (bad arguments or config,
run directory in use, backend unavailable, nothing to resume, no such checkpoint, branch directory
already holding a run).`;

export const INSPECT_USAGE = `Usage: genmon inspect <run-dir> [--json]

Describes a run directory: run id, config, backend, snapshots, last metrics and state
(completed | stopped | error | running | interrupted).

Options:
  --json       Print one JSON object instead of a table
  -h, --help   Show this help

Exit codes: 0 described, 1 the run directory or its stream cannot be read, 2 bad arguments.`;
