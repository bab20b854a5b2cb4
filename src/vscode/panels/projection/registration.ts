import * as vscode from 'vscode';
import type { ProjectionPanelState } from '../../../protocol/projectionPanel';
import { Disposable } from '../../dispose';
import { isConfigUri } from '../../config/configDocuments';
import type { RunManager } from '../../runs/runManager';
import { PROJECTION_VIEW_TYPE, ProjectionPanel } from './projectionPanel';

/** One Projection panel per config; restored after a reload from the state the webview saved. */
export class ProjectionPanels extends Disposable {
  private readonly panels = new Map<string, ProjectionPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly runs: RunManager,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register({ dispose: () => [...this.panels.values()].forEach((panel) => panel.dispose()) });
    this.register(
      vscode.window.registerWebviewPanelSerializer(PROJECTION_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => this.restore(panel, state),
      }),
    );
    this.register(runs.onDidAddRun((run) => this.panels.get(run.configUri.toString())?.attach(run)));
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => this.bringForward(editor)));
  }

  /** Opens (or reveals) the panel of a config beside its editor. */
  show(configUri: vscode.Uri, preserveFocus = true): ProjectionPanel {
    const existing = this.panels.get(configUri.toString());
    if (existing) {
      existing.reveal(preserveFocus);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      PROJECTION_VIEW_TYPE,
      'Projection',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      { enableScripts: true, retainContextWhenHidden: false },
    );
    return this.adopt(panel, configUri);
  }

  private restore(panel: vscode.WebviewPanel, state: unknown): void {
    const restored = parseState(state);
    if (!restored) {
      // Nothing says which config this panel belonged to: closing it is better than showing a blank page.
      panel.dispose();
      return;
    }
    const configUri = vscode.Uri.parse(restored.configUri);
    const projection = this.adopt(panel, configUri);
    if (!this.runs.get(configUri) && restored.runDir) projection.attach(this.runs.open(configUri, restored.runDir));
  }

  private adopt(panel: vscode.WebviewPanel, configUri: vscode.Uri): ProjectionPanel {
    const key = configUri.toString();
    this.panels.get(key)?.dispose();
    const projection = new ProjectionPanel(panel, configUri, this.extensionUri, this.log);
    this.panels.set(key, projection);
    projection.onDidDispose(() => {
      if (this.panels.get(key) === projection) this.panels.delete(key);
    });
    projection.attach(this.runs.get(configUri));
    return projection;
  }

  /** Focusing a config's editor brings its panel forward, unless that would cover the editor itself. */
  private bringForward(editor: vscode.TextEditor | undefined): void {
    const uri = editor?.document.uri;
    if (!isConfigUri(uri)) return;
    const projection = this.panels.get(uri.toString());
    if (!projection || projection.panel.visible) return;
    if (projection.panel.viewColumn !== undefined && projection.panel.viewColumn === editor?.viewColumn) return;
    projection.reveal(true);
  }
}

function parseState(state: unknown): ProjectionPanelState | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const candidate = state as { configUri?: unknown; runDir?: unknown };
  if (typeof candidate.configUri !== 'string') return undefined;
  return {
    configUri: candidate.configUri,
    ...(typeof candidate.runDir === 'string' ? { runDir: candidate.runDir } : {}),
  };
}
