import type { ProjectionPanelState, ProjectionToHostMessage } from '../../src/protocol/projectionPanel';

interface VsCodeApi {
  postMessage(message: ProjectionToHostMessage): void;
  getState(): unknown;
  setState(state: ProjectionPanelState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** acquireVsCodeApi may be called once per page load; everything goes through this one handle. */
export const vscode: VsCodeApi = acquireVsCodeApi();
