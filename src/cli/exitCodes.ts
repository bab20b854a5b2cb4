/** The CLI's exit statuses (docs/cli.md lists them): scripts and the extension branch on them. */
export const EXIT_OK = 0;
/** The command ran and failed: training raised an error, or a run directory could not be read. */
export const EXIT_FAILURE = 1;
/** Nothing was done: bad arguments, an invalid config, a run directory already used, a backend that cannot be had. */
export const EXIT_USAGE = 2;

export type ExitCode = typeof EXIT_OK | typeof EXIT_FAILURE | typeof EXIT_USAGE;
