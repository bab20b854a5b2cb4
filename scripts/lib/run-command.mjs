// Runs a short-lived command to completion, failing with its output when it fails, so that a
// packaging or install error reads as the tool's own message rather than a bare exit code.
import { spawn } from 'node:child_process';

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<string>} combined stdout and stderr
 */
export function runCommand(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    // No stdin: a tool that would prompt (vsce asks about a missing LICENSE) fails at once.
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`\`${command} ${args.join(' ')}\` failed (${signal ?? `exit ${code}`}):\n${output.trim()}`));
    });
  });
}
