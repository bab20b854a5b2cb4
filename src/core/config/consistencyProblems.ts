import { datasetSpecProblems } from '../../trainer/datasets/validate';
import { MODEL_DEFAULTS } from '../../trainer/models/spec';
import type { ConfigPath, ConfigProblem, ConfigProblemCode } from './problem';
import { datasetKind, type ExperimentConfig } from './types';
import { keyRangeAtPath, locatePath, valueRangeAtPath } from './yamlSource';
import type { YamlSource } from './yamlSource';
import { DOCUMENT_START } from './positions';

type Severity = ConfigProblem['severity'];

/**
 * Problems of settings that are each valid but do not work together: a dataset whose values
 * cannot all be drawn (a pie that leaves the image), an architecture that does not fit the data,
 * keys the chosen architecture ignores. Errors stop a run; warnings do not (the user may mean it).
 */
export function consistencyProblems(source: YamlSource, config: ExperimentConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const at = (path: ConfigPath, severity: Severity, code: ConfigProblemCode, message: string, fallback: ConfigPath = []): void => {
    const range = valueRangeAtPath(source, path) ?? keyRangeAtPath(source, fallback) ?? DOCUMENT_START;
    problems.push({ message, severity, range, path, code });
  };
  const written = (path: ConfigPath): boolean => locatePath(source, path) !== undefined;

  if (config.snapshot.every > config.training.maxIterations) {
    at(
      ['snapshot', 'every'],
      'warning',
      'no-snapshot',
      `snapshot.every (${config.snapshot.every}) is more than training.maxIterations (${config.training.maxIterations}), so no periodic snapshot falls within training`,
      ['training', 'maxIterations'],
    );
  }

  for (const problem of datasetSpecProblems(config.dataset)) {
    const sentence = problem.replace(/^dataset \([^)]*\): /, '');
    const keyPath = datasetKeyPath(sentence);
    const path: ConfigPath = keyPath !== undefined && written(['dataset', ...keyPath]) ? ['dataset', ...keyPath] : ['dataset', 'type'];
    at(path, 'error', 'dataset', `dataset: ${sentence}`, ['dataset']);
  }

  const { model, dataset } = config;
  const kind = datasetKind(dataset);
  if (model.architecture === 'conv' && kind === 'points') {
    at(['model', 'architecture'], 'error', 'architecture', `architecture conv needs images, but dataset type ${dataset.type} gives 2-D points: use mlp (or auto)`);
  }
  if (model.architecture === 'mlp' && kind === 'image' && written(['model', 'architecture'])) {
    at(['model', 'architecture'], 'warning', 'architecture', `an MLP sees ${dataset.type} images as flat vectors and usually learns them far worse than conv (the default for images)`);
  }
  if (model.architecture === 'conv' && 'size' in dataset && dataset.size % 2 !== 0) {
    at(['dataset', 'size'], 'error', 'architecture', `architecture conv halves the image at least once, so it needs an even image side (got ${dataset.size})`);
  }
  if (model.type === 'vae' && model.decoder === 'bernoulli' && kind === 'points') {
    at(['model', 'decoder'], 'error', 'architecture', `a Bernoulli decoder needs data in [0, 1], but ${dataset.type} points are unbounded: use decoder: gaussian`);
  }

  // Written-out defaults (a run header's resolved config) are not worth a warning.
  const ignored = (path: ConfigPath, value: unknown, unset: unknown, why: string): void => {
    if (!written(path) || JSON.stringify(value) === JSON.stringify(unset)) return;
    problems.push({ message: `${path.join('.')} is ignored: ${why}`, severity: 'warning', range: keyRangeAtPath(source, path) ?? DOCUMENT_START, path, code: 'ignored-key' });
  };
  if (model.architecture === 'conv') {
    const why = 'it sets MLP widths and the architecture is conv';
    ignored(['model', 'hidden'], model.hidden, MODEL_DEFAULTS.hidden, why);
    if (model.type !== 'vae') {
      ignored(['model', 'generator'], model.generator.hidden, model.hidden, why);
      ignored(['model', 'discriminator'], model.discriminator.hidden, model.hidden, why);
    }
  } else {
    const why = 'it applies to architecture conv and the architecture is mlp';
    ignored(['model', 'baseChannels'], model.baseChannels, MODEL_DEFAULTS.baseChannels, why);
    ignored(['model', 'pixelNorm'], model.pixelNorm, MODEL_DEFAULTS.pixelNorm, why);
  }
  if (model.type === 'vae' && model.decoder === 'bernoulli') ignored(['model', 'decoderSigma'], model.decoderSigma, MODEL_DEFAULTS.decoderSigma, 'it applies to decoder gaussian');
  return problems;
}

/** `joint.circle.red must be…` → ['joint', 'circle', 'red']; undefined when the sentence does not start with a key. */
function datasetKeyPath(sentence: string): ConfigPath | undefined {
  const token = /^([A-Za-z][\w.[\]]*)/.exec(sentence)?.[1];
  if (token === undefined) return undefined;
  const path: (string | number)[] = [];
  for (const part of token.split('.')) {
    const match = /^(\w+)((?:\[\d+\])*)$/.exec(part);
    if (!match) return undefined;
    path.push(match[1] ?? '');
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  return path;
}
