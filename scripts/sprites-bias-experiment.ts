/**
 * Trains a GAN on sprites with the trainer itself, analyses the run with the default alert rules
 * and prints, per snapshot, precision, recall, each shape+colour group's generated ÷ real share and
 * the bias alerts that fired — the experiment behind docs/experiments.md, "Sprites with a rare
 * combination".
 *
 *   npx tsx scripts/sprites-bias-experiment.ts [--red-circles 0.03] [--balanced] [--joint '{ circle: {...}, square: {...} }'] [--iterations 2000]
 *     [--model gan|wgan-gp] [--architecture conv|mlp] [--learning-rate 0.0005] [--beta1 0.5] [--beta2 0.999]
 *     [--base-channels 16] [--size 16] [--latent-dim 16] [--scale 0.35,0.6] [--color-jitter 0.1] [--noise 0.02] [--seed 7]
 *
 * The run directory is left in the system's temporary folder (its path is printed) so that its
 * thumbnails can be looked at in genmon (Genmon: Open Run…).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamAnalysis } from '../src/core/analysis/streamAnalysis';
import { formatProblem, parseConfig } from '../src/core/config/parse';
import { selectBackend } from '../src/trainer/backend';
import { runTrainer } from '../src/trainer/runTrainer';
import { StopSignal } from '../src/trainer/stopSignal';

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : (process.argv[at + 1] ?? fallback);
}

function experimentYaml(): string {
  const balanced = process.argv.includes('--balanced');
  const rare = flag('red-circles', '0.03');
  const joint = process.argv.includes('--joint') ? flag('joint', '') : balanced ? '{ circle: { red: 0.25, blue: 0.25 }, square: { red: 0.25, blue: 0.25 } }' : `{ circle: { red: ${rare}, blue: 0.32 }, square: { red: 0.33, blue: 0.33 } }`;
  const architecture = flag('architecture', 'conv');
  const networks = architecture === 'mlp' ? 'generator: { hidden: [256, 256] }, discriminator: { hidden: [256, 256] }' : `baseChannels: ${flag('base-channels', '16')}`;
  return `name: sprites-bias
seed: ${flag('seed', '7')}
dataset: { type: sprites, size: ${flag('size', '16')}, joint: ${joint}, scale: [${flag('scale', '0.35,0.6')}], colorJitter: ${flag('color-jitter', '0.1')}, noise: ${flag('noise', '0.02')} }
model: { type: ${flag('model', 'gan')}, architecture: ${architecture}, latentDim: ${flag('latent-dim', '16')}, ${networks} }
training: { batchSize: 64, learningRate: ${flag('learning-rate', '0.0005')}, beta1: ${flag('beta1', '0.5')}, beta2: ${flag('beta2', '0.999')}, maxIterations: ${flag('iterations', '2000')}, backend: wasm }
snapshot: { every: 100, realSamples: 512, generatedSamples: 512 }
`;
}

async function main(): Promise<void> {
  const yaml = experimentYaml();
  const parsed = parseConfig(yaml, 'sprites-bias.genmon.yaml');
  if (!parsed.config) throw new Error(parsed.problems.map((problem) => formatProblem(problem, 'sprites-bias.genmon.yaml')).join('\n'));
  const runDir = mkdtempSync(join(tmpdir(), 'genmon-sprites-bias-'));
  const backend = await selectBackend({ requested: 'wasm', requestedBy: 'sprites-bias-experiment' });
  const stop = new StopSignal({ exitWithParent: false });
  const errors: string[] = [];
  try {
    const code = await runTrainer({ config: parsed.config, configText: yaml, configPath: join(runDir, 'sprites-bias.genmon.yaml'), runDir, backend, stop, out: () => undefined, err: (line) => errors.push(line), control: false });
    if (code !== 0) throw new Error(`the trainer exited with ${code}: ${errors.slice(-3).join(' ')}`);
  } finally {
    stop.dispose();
  }
  console.log(`run: ${runDir}\n\n| iteration | precision | recall | circle+red | circle+blue | square+red | square+blue | bias alerts fired |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |`);
  const result = new StreamAnalysis(runDir).catchUp();
  for (const problem of result.problems) console.log(`problem: ${problem}`);
  for (const report of result.analysed) {
    const pairs = new Map((report.metrics.groupShares?.groups ?? []).filter((group) => group.attributes.length === 2).map((group) => [group.label, group.ratio]));
    const ratio = (label: string) => pairs.get(label)?.toFixed(2) ?? '—';
    const fired = report.changes.filter((change) => change.change === 'fired' && change.alert.kind === 'bias').map((change) => change.alert.message);
    const { precision, recall } = report.metrics.prdc ?? {};
    console.log(`| ${report.iteration} | ${precision?.toFixed(2) ?? '—'} | ${recall?.toFixed(2) ?? '—'} | ${ratio('circle+red')} | ${ratio('circle+blue')} | ${ratio('square+red')} | ${ratio('square+blue')} | ${fired.join('; ')} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
