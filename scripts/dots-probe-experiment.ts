/**
 * The probe experiment of Zhao et al. 2018 on numerosity: trains on `dots` with counts [2]
 * (examples/dots-2.genmon.yaml) and with counts [2, 4] (examples/dots-wgan-gp.genmon.yaml), and
 * prints the generated numerosity histogram (dots counted in the pixels, src/trainer/datasets'
 * connected-component counter) against the training one, with the KL divergence, the generated
 * mode and the prototype-enhancement flag of the probe measures (docs/metrics.md). Results and
 * what they show: docs/experiments.md, "Numerosity probes".
 *
 *   npx tsx scripts/dots-probe-experiment.ts [--iterations 2000] [--only 2|2,4] [--last 5] [--seed 1] [--model wgan-gp|gan]
 *
 * The paper's model is a WGAN-GP (the examples' default, five critic steps with a gradient penalty
 * per iteration: about 2 s per iteration on wasm here). `--model gan` trains the same networks as a
 * non-saturating GAN (one critic step, learning rate 0.0002, β = (0.5, 0.999)), several times faster,
 * for a first look on a CPU.
 *
 * `--last` pools the last N snapshots' generated samples (one snapshot's 256 are few for a
 * histogram). Run directories are left in the system's temporary folder (their paths are printed)
 * so that the runs can be opened in genmon (Genmon: Open Run…).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamAnalysis } from '../src/core/analysis/streamAnalysis';
import { formatProblem, parseConfig } from '../src/core/config/parse';
import type { ProbeMeasures } from '../src/core/metrics/probeMeasures';
import { selectBackend } from '../src/trainer/backend';
import { runTrainer } from '../src/trainer/runTrainer';
import { StopSignal } from '../src/trainer/stopSignal';
import { parseDocument } from 'yaml';

const EXPERIMENTS = [
  { counts: '2', example: 'dots-2.genmon.yaml' },
  { counts: '2,4', example: 'dots-wgan-gp.genmon.yaml' },
] as const;

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : (process.argv[at + 1] ?? fallback);
}

function positiveInteger(name: string, fallback: number): number {
  const value = Number(flag(name, String(fallback)));
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive integer`);
  return value;
}

/** The example config with the experiment's iterations and seed. */
function experimentConfig(example: string): { readonly yaml: string; readonly name: string } {
  const document = parseDocument(readFileSync(join(__dirname, '..', 'examples', example), 'utf8'));
  document.setIn(['training', 'maxIterations'], positiveInteger('iterations', 2000));
  document.setIn(['seed'], positiveInteger('seed', 1));
  const model = flag('model', 'wgan-gp');
  if (model === 'gan') {
    document.setIn(['model', 'type'], 'gan');
    document.deleteIn(['model', 'gradientPenalty']);
    document.deleteIn(['model', 'criticIterations']);
    document.setIn(['training', 'learningRate'], 0.0002);
    document.setIn(['training', 'beta1'], 0.5);
    document.setIn(['training', 'beta2'], 0.999);
  } else if (model !== 'wgan-gp') {
    throw new Error(`--model must be wgan-gp or gan, got ${model}`);
  }
  return { yaml: document.toString(), name: example };
}

async function train(yaml: string, name: string): Promise<string> {
  const parsed = parseConfig(yaml, name);
  if (!parsed.config) throw new Error(parsed.problems.map((problem) => formatProblem(problem, name)).join('\n'));
  const runDir = mkdtempSync(join(tmpdir(), 'genmon-dots-probe-'));
  const backend = await selectBackend({ requested: 'wasm', requestedBy: 'dots-probe-experiment' });
  const stop = new StopSignal({ exitWithParent: false });
  const errors: string[] = [];
  try {
    const code = await runTrainer({ config: parsed.config, configText: yaml, configPath: join(runDir, name), runDir, backend, stop, out: () => undefined, err: (line) => errors.push(line), control: false });
    if (code !== 0) throw new Error(`the trainer exited with ${code}: ${errors.slice(-3).join(' ')}`);
  } finally {
    stop.dispose();
  }
  return runDir;
}

/** Averages the numerosity histograms of the given snapshots, bin by bin value (each snapshot has its own range of counts). */
function pooled(measures: readonly ProbeMeasures[]): ReadonlyMap<number, { training: number; generated: number }> {
  const shares = new Map<number, { training: number; generated: number }>();
  for (const measure of measures) {
    measure.bins.forEach((bin, index) => {
      const entry = shares.get(bin) ?? { training: 0, generated: 0 };
      entry.training += (measure.trainingHistogram[index] ?? 0) / measures.length;
      entry.generated += (measure.generatedHistogram[index] ?? 0) / measures.length;
      shares.set(bin, entry);
    });
  }
  return new Map([...shares].sort(([a], [b]) => a - b));
}

async function main(): Promise<void> {
  const only = flag('only', '');
  const last = positiveInteger('last', 5);
  for (const { counts, example } of EXPERIMENTS.filter((experiment) => only === '' || experiment.counts === only)) {
    const { yaml, name } = experimentConfig(example);
    const started = Date.now();
    const runDir = await train(yaml, name);
    const result = new StreamAnalysis(runDir).catchUp();
    const numerosity = result.analysed.map((report) => report.metrics.probes?.find((probe) => probe.feature === 'numerosity')).filter((probe): probe is ProbeMeasures => probe !== undefined);
    console.log(`\n## counts [${counts}] (${name}, ${flag('model', 'wgan-gp')}, ${positiveInteger('iterations', 2000)} iterations, ${((Date.now() - started) / 60_000).toFixed(1)} min)\nrun: ${runDir}\n`);
    for (const problem of result.problems) console.log(`problem: ${problem}`);
    console.log('| iteration | KL(gen ‖ train) | generated mode | generated mean | prototype enhancement |\n| ---: | ---: | ---: | ---: | --- |');
    result.analysed.forEach((report) => {
      const probe = report.metrics.probes?.find((candidate) => candidate.feature === 'numerosity');
      if (probe) console.log(`| ${report.iteration} | ${probe.klDivergence?.toFixed(3) ?? '—'} | ${probe.generatedMode ?? '—'} | ${probe.generatedMean?.toFixed(2) ?? '—'} | ${probe.prototypeEnhancement ? 'yes' : 'no'} |`);
    });
    const histogram = pooled(numerosity.slice(-last));
    if (histogram.size === 0) {
      console.log('\nno numerosity measures in this run');
      continue;
    }
    console.log(`\nNumerosity, last ${Math.min(last, numerosity.length)} snapshots pooled (share of samples):\n\n| count | training | generated |\n| ---: | ---: | ---: |`);
    for (const [bin, { training, generated }] of histogram) {
      if (training > 0 || generated > 0) console.log(`| ${bin} | ${training.toFixed(3)} | ${generated.toFixed(3)} |`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
