// Where one code-server instance keeps its state. Everything lives under a single folder so that
// runs never read or write the user's own VS Code / code-server configuration in $HOME.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string} stateDir */
export function codeServerDirs(stateDir) {
  const dirs = {
    stateDir,
    config: join(stateDir, 'xdg-config'),
    data: join(stateDir, 'xdg-data'),
    cache: join(stateDir, 'xdg-cache'),
    userData: join(stateDir, 'user-data'),
    log: join(stateDir, 'code-server.log'),
  };
  for (const dir of [dirs.config, dirs.data, dirs.cache, dirs.userData]) mkdirSync(dir, { recursive: true });
  return dirs;
}

/** The environment for code-server: the caller's, with XDG folders isolated and Node flags dropped. */
export function codeServerEnv(dirs) {
  const env = { ...process.env };
  // The test runner's loaders (tsx) and a caller's debug flags must not reach code-server's Node 24.
  delete env.NODE_OPTIONS;
  delete env.NODE_INSPECT_RESUME_ON_START;
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_')) delete env[key];
  // An empty gallery turns off code-server's extension marketplace, so it never tries to reach
  // open-vsx.org (these machines are offline; genmon is installed from its own VSIX).
  return { ...env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data, XDG_CACHE_HOME: dirs.cache };
}
