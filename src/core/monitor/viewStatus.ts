import type { ProjectionViewName } from '../../protocol/projection';
import type { SnapshotFrame, ViewFrame } from '../../protocol/projectionPanel';
import type { ShownFrame } from './viewFrameTable';

export const VIEW_LABELS: Readonly<Record<ProjectionViewName, string>> = {
  distribution: 'Distribution',
  latent: 'Latent',
  discriminator: 'Discriminator',
};

/**
 * What the panel says about the map it draws: 'exact' data drawn as it is; 'first' a fast layout
 * being refined; 'refined' the final map; 'projecting' this snapshot has no map yet (an earlier one is
 * drawn, if any); 'absent' the snapshot lacks the view; 'none' nothing to show.
 */
export type ViewStage = 'exact' | 'first' | 'refined' | 'projecting' | 'absent' | 'none';

export interface ViewDescription {
  readonly stage: ViewStage;
  readonly text: string;
}

const LAYOUT_NAMES: Readonly<Record<ViewFrame['layout'], string>> = {
  exact: 'drawn as is',
  pca: 'PCA',
  placement: 'placed among neighbours',
  'umap-cold': 'UMAP',
  'umap-warm': 'UMAP, aligned',
  unchanged: 'unchanged since the last snapshot',
};

export function describeShown(view: ProjectionViewName | undefined, snapshot: SnapshotFrame | undefined, shown: ShownFrame | undefined): ViewDescription {
  if (!view || !snapshot) return { stage: 'none', text: '' };
  if (!snapshot.views.some((info) => info.view === view)) return { stage: 'absent', text: `this snapshot has no ${VIEW_LABELS[view].toLowerCase()} view` };
  if (!shown || shown.pending) {
    const showing = shown ? ` (showing iteration ${shown.frame.iteration.toLocaleString('en-US')})` : '';
    return { stage: 'projecting', text: `projecting…${showing}` };
  }
  const frame = shown.frame;
  if (frame.layout === 'exact') return { stage: 'exact', text: 'drawn as is, no projection needed · trustworthiness 1' };
  if (frame.stage === 'first') return { stage: 'first', text: `refining… (${LAYOUT_NAMES[frame.layout]} first)` };
  const parts = [LAYOUT_NAMES[frame.layout]];
  if (frame.cached) parts.push('cached');
  const quality = frame.quality;
  if (quality) {
    parts.push(`trustworthiness ${quality.trustworthiness.toFixed(3)} (k=${quality.trustworthinessK})`);
    parts.push(quality.stabilityGenerated === null ? 'first map' : `generated moved ${percent(quality.stabilityGenerated)} of the map`);
  } else {
    parts.push('measuring…');
  }
  return { stage: 'refined', text: parts.join(' · ') };
}

function percent(fraction: number): string {
  return `${(100 * fraction).toFixed(fraction < 0.01 ? 2 : 1)} %`;
}
