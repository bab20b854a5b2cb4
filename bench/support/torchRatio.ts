/**
 * The target for the conv GAN: wasm at no less than half the PyTorch CPU speed on the
 * same machine. The ratio is only meaningful between figures of one run (the machine's load moves
 * both), so it is derived from that run's results or not reported at all.
 */
import type { BenchResult } from '../types';

export const WASM_FIGURE = 'trainer.convgan.wasm';
export const TORCH_FIGURE = 'trainer.convgan.torch-cpu';
export const RATIO_FIGURE = 'trainer.convgan.wasm_vs_torch';
export const TORCH_FUSED_FIGURE = 'trainer.convgan.torch-cpu-fused';
export const FUSED_RATIO_FIGURE = 'trainer.convgan.wasm_vs_torch_fused';
export const TARGET_RATIO = 0.5;

function ratio(results: readonly BenchResult[], torchFigure: string, name: string): BenchResult | undefined {
  const wasm = results.find((result) => result.name === WASM_FIGURE);
  const torch = results.find((result) => result.name === torchFigure);
  if (!wasm || !torch || !(torch.value > 0) || !Number.isFinite(wasm.value)) return undefined;
  const value = wasm.value / torch.value;
  const verdict = value >= TARGET_RATIO ? 'met' : 'missed';
  return {
    name,
    unit: 'ratio',
    value,
    note: `${WASM_FIGURE} ${wasm.value.toPrecision(3)} ÷ ${torchFigure} ${torch.value.toPrecision(3)} steps/s, same run; target ≥ ${TARGET_RATIO}: ${verdict}`,
  };
}

/** wasm steps/s ÷ torch steps/s (the figure), when this run measured both; undefined otherwise. */
export function wasmVsTorchRatio(results: readonly BenchResult[]): BenchResult | undefined {
  return ratio(results, TORCH_FIGURE, RATIO_FIGURE);
}

/**
 * The ratio and the same against PyTorch with genmon's fused upsampling: the stricter
 * reading, where both sides run the same algorithm and only the frameworks differ.
 */
export function wasmVsTorchRatios(results: readonly BenchResult[]): BenchResult[] {
  return [wasmVsTorchRatio(results), ratio(results, TORCH_FUSED_FIGURE, FUSED_RATIO_FIGURE)].filter((result): result is BenchResult => result !== undefined);
}
