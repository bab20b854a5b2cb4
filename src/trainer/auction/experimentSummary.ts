/**
 * The numbers of the auction experiment: per run (one seed, N players) the mean and the worst
 * player, then mean ± standard deviation of those over seeds, as the paper reports them.
 */

export interface PlayerResult {
  /** Mean log-likelihood of the player's generated points under the true mixture. */
  readonly logLikelihood: number;
  readonly modesCovered: number;
}

export interface RunSummary {
  readonly meanLogLikelihood: number;
  readonly worstLogLikelihood: number;
  readonly meanModesCovered: number;
  readonly worstModesCovered: number;
}

export interface Spread {
  readonly mean: number;
  /** Sample standard deviation (n − 1); 0 for a single value. */
  readonly sd: number;
}

export interface ConditionRow {
  readonly model: string;
  readonly mode: string;
  readonly seeds: number;
  readonly meanLogLikelihood: Spread;
  readonly worstLogLikelihood: Spread;
  readonly meanModesCovered: Spread;
  readonly worstModesCovered: Spread;
}

export function summariseRun(players: readonly PlayerResult[]): RunSummary {
  if (players.length === 0) throw new Error('a run needs at least one player');
  const ll = players.map((player) => player.logLikelihood);
  const modes = players.map((player) => player.modesCovered);
  return { meanLogLikelihood: mean(ll), worstLogLikelihood: Math.min(...ll), meanModesCovered: mean(modes), worstModesCovered: Math.min(...modes) };
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('a spread needs at least one value');
  const centre = mean(values);
  const sd = values.length > 1 ? Math.sqrt(values.reduce((sum, v) => sum + (v - centre) ** 2, 0) / (values.length - 1)) : 0;
  return { mean: centre, sd };
}

export function conditionRow(model: string, mode: string, runs: readonly RunSummary[]): ConditionRow {
  return {
    model,
    mode,
    seeds: runs.length,
    meanLogLikelihood: spread(runs.map((run) => run.meanLogLikelihood)),
    worstLogLikelihood: spread(runs.map((run) => run.worstLogLikelihood)),
    meanModesCovered: spread(runs.map((run) => run.meanModesCovered)),
    worstModesCovered: spread(runs.map((run) => run.worstModesCovered)),
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

const show = ({ mean: m, sd }: Spread, digits: number): string => `${m.toFixed(digits)} ± ${sd.toFixed(digits)}`;

export function markdownTable(rows: readonly ConditionRow[]): string {
  const header = '| model | mode | seeds | mean-player LL | worst-player LL | modes covered (mean player) | modes covered (worst player) |';
  const rule = '|---|---|---:|---:|---:|---:|---:|';
  const body = rows.map(
    (row) =>
      `| ${row.model} | ${row.mode} | ${row.seeds} | ${show(row.meanLogLikelihood, 3)} | ${show(row.worstLogLikelihood, 3)} | ${show(row.meanModesCovered, 2)} | ${show(row.worstModesCovered, 2)} |`,
  );
  return [header, rule, ...body].join('\n');
}
