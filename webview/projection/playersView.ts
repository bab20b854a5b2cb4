import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import type { PlayersPanelView } from '../../src/protocol/projectionPanel';
import { drawMiniScatter, squareBox } from './miniScatter';
import { categoryColors, themeColor, withAlpha } from './theme';

const PLAYER_SIDE = 140;
const CHART_WIDTH = 420;
const CHART_HEIGHT = 160;

type Collapsible = HTMLElement & { heading: string; description: string; open: boolean };

/**
 * The players section of a multi-player (auction) run: one small scatter per player at the newest
 * snapshot (the reference outlined), the auction scores over time (one line per player) and the
 * latest bid matrix as a heat map. Counts, the reference and each cell's bidder/seller are data
 * attributes, so tests that drive the real panel can read them.
 */
export class PlayersView {
  constructor(private readonly section: Collapsible) {
    section.heading = 'Players';
    section.hidden = true;
  }

  show(view: PlayersPanelView | null): void {
    const section = this.section;
    if (!view) {
      section.hidden = true;
      delete section.dataset['count'];
      delete section.dataset['reference'];
      delete section.dataset['iteration'];
      section.replaceChildren();
      return;
    }
    const wasHidden = section.hidden;
    section.hidden = false;
    section.dataset['count'] = String(view.count);
    section.dataset['reference'] = String(view.reference);
    section.dataset['iteration'] = String(view.iteration);
    section.description = `${view.count} players · reference ${view.reference} · iteration ${view.iteration.toLocaleString('en-US')}`;
    if (wasHidden) section.open = true;
    const colors = categoryColors(view.count);
    section.replaceChildren(smallMultiples(view, colors), scoreChart(view, colors), bidTable(view));
  }
}

function smallMultiples(view: PlayersPanelView, colors: readonly string[]): HTMLElement {
  const grid = element('div', 'players-grid');
  const box = squareBox([view.realPoints ?? [], ...view.players.map((player) => player.points ?? [])]);
  for (const player of view.players) {
    const figure = element('figure', 'player');
    figure.dataset['player'] = String(player.player);
    figure.dataset['reference'] = String(player.player === view.reference);
    figure.dataset['points'] = String((player.points?.length ?? 0) / 2);
    if (player.player === view.reference) figure.classList.add('reference');
    const canvas = document.createElement('canvas');
    canvas.width = PLAYER_SIDE;
    canvas.height = PLAYER_SIDE;
    canvas.setAttribute('role', 'img');
    if (player.points && box) {
      drawMiniScatter(canvas, box, [
        { points: view.realPoints ?? [], color: withAlpha(themeColor('--vscode-descriptionForeground', '#8b8b8b'), 0.35), dot: 2 },
        { points: player.points, color: colors[player.player] ?? '#d18616', dot: 2 },
      ]);
      canvas.setAttribute('aria-label', `player ${player.player}'s samples over the real points`);
    } else {
      canvas.hidden = true;
    }
    const score = player.score === null ? '' : ` · score ${player.score.toFixed(3)}`;
    const losses = Object.entries(player.losses)
      .map(([name, value]) => `${name} ${value.toFixed(3)}`)
      .join(', ');
    const caption = element('figcaption', '', `Player ${player.player}${player.player === view.reference ? ' (reference)' : ''}${score}`);
    if (losses) caption.title = losses;
    figure.append(canvas, caption);
    grid.append(figure);
  }
  if (!view.players.some((player) => player.points)) grid.append(element('p', 'players-note', 'Per-player samples are drawn for 2-D points; the main view shows the reference player.'));
  return grid;
}

function scoreChart(view: PlayersPanelView, colors: readonly string[]): HTMLElement {
  const figure = element('figure', 'players-scores');
  const canvas = document.createElement('canvas');
  canvas.id = 'players-scores';
  canvas.width = CHART_WIDTH;
  canvas.height = CHART_HEIGHT;
  canvas.dataset['points'] = String(view.scoreHistory.length);
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'Auction score of each player per snapshot');
  figure.append(canvas, element('figcaption', '', view.scoreHistory.length > 0 ? 'Auction scores per snapshot (one line per player)' : 'No auction yet'));
  const context = canvas.getContext('2d');
  const history = view.scoreHistory;
  if (!context || history.length === 0) return figure;
  const values = history.flatMap((entry) => entry.scores.filter((score): score is number => score !== null));
  const low = Math.min(...values);
  const high = Math.max(...values);
  const spread = high - low || 1;
  const first = (history[0] as (typeof history)[number]).iteration;
  const span = (history[history.length - 1] as (typeof history)[number]).iteration - first || 1;
  const margin = 8;
  const x = (iteration: number): number => margin + ((iteration - first) / span) * (CHART_WIDTH - 2 * margin);
  const y = (score: number): number => CHART_HEIGHT - margin - ((score - low) / spread) * (CHART_HEIGHT - 2 * margin);
  for (let player = 0; player < view.count; player++) {
    context.strokeStyle = colors[player] ?? '#d18616';
    context.lineWidth = player === view.reference ? 2.5 : 1.2;
    context.beginPath();
    let drawing = false;
    for (const entry of history) {
      const score = entry.scores[player];
      if (score === null || score === undefined) {
        drawing = false;
        continue;
      }
      if (drawing) context.lineTo(x(entry.iteration), y(score));
      else context.moveTo(x(entry.iteration), y(score));
      drawing = true;
    }
    context.stroke();
  }
  figure.title = `scores from ${low.toFixed(3)} to ${high.toFixed(3)}`;
  return figure;
}

function bidTable(view: PlayersPanelView): HTMLElement {
  const { bids } = view;
  if (!bids) return element('p', 'players-no-bids', 'No auction yet: bids appear after the first round.');
  const table = element('table', 'players-bids');
  table.id = 'players-bids';
  table.title = "Latest auction: each discriminator's (row) mean output on each generator's batch (column); the diagonal is not used.";
  const head = document.createElement('tr');
  head.append(element('th', '', 'bidder \\ seller'), ...bids.map((_, seller) => element('th', '', `G${seller}`)));
  if (view.realBids) head.append(element('th', '', 'real'));
  table.append(head);
  const offDiagonal = bids.flatMap((row, bidder) => row.filter((_, seller) => seller !== bidder)).filter(Number.isFinite);
  const low = Math.min(...offDiagonal);
  const spread = Math.max(...offDiagonal) - low || 1;
  const heat = themeColor('--vscode-charts-orange', '#d18616');
  bids.forEach((row, bidder) => {
    const line = document.createElement('tr');
    line.append(element('th', '', `D${bidder}`));
    row.forEach((bid, seller) => {
      const cell = element('td', seller === bidder ? 'own' : '', Number.isFinite(bid) ? bid.toFixed(3) : '—');
      cell.dataset['bidder'] = String(bidder);
      cell.dataset['seller'] = String(seller);
      if (seller !== bidder && Number.isFinite(bid)) cell.style.backgroundColor = withAlpha(heat, 0.1 + (0.7 * (bid - low)) / spread);
      line.append(cell);
    });
    const real = view.realBids?.[bidder];
    if (view.realBids) line.append(element('td', 'real', real !== undefined && Number.isFinite(real) ? real.toFixed(3) : '—'));
    table.append(line);
  });
  return table;
}

function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
