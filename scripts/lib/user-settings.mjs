// User settings for a code-server instance that shows the extension and nothing else: no AI chat
// side bar, no welcome page, no update or telemetry traffic (the machines running this are offline).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const cleanUserSettings = Object.freeze({
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
});

/**
 * Writes <userDataDir>/User/settings.json, replacing whatever was there.
 * @param {string} userDataDir
 * @param {Record<string, unknown>} [overrides]
 */
export function writeUserSettings(userDataDir, overrides = {}) {
  const userDir = join(userDataDir, 'User');
  mkdirSync(userDir, { recursive: true });
  const file = join(userDir, 'settings.json');
  writeFileSync(file, `${JSON.stringify({ ...cleanUserSettings, ...overrides }, null, 2)}\n`);
  return file;
}
