import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function ruleIdsFor(relativePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, relativePath) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

test('the lint config forbids vscode outside src/vscode/', async () => {
  const importing = "import * as vscode from 'vscode';\nexport const x = vscode;\n";
  const requiring = "export const x = require('vscode');\n";
  for (const where of ['src/core/leak.ts', 'src/protocol/leak.ts', 'src/trainer/leak.ts', 'webview/projection/leak.ts']) {
    assert.ok((await ruleIdsFor(where, importing)).includes('no-restricted-imports'), `${where} may not import vscode`);
    assert.ok((await ruleIdsFor(where, requiring)).includes('no-restricted-syntax'), `${where} may not require vscode`);
  }
  assert.ok(!(await ruleIdsFor('src/vscode/ok.ts', importing)).includes('no-restricted-imports'));
});

test('every contributed command has the Genmon category and is registered by the extension', () => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    contributes: { commands: { command: string; title: string; category?: string }[] };
  };
  // Commands are registered in src/vscode/commands.ts and beside the feature they belong to (src/vscode/alerts/…).
  const vscodeDir = path.join(root, 'src/vscode');
  const source = readdirSync(vscodeDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(path.join(vscodeDir, file), 'utf8'))
    .join('\n');
  assert.ok(manifest.contributes.commands.length >= 3);
  for (const command of manifest.contributes.commands) {
    assert.equal(command.category, 'Genmon', `${command.command} needs a category`);
    assert.ok(source.includes(`'${command.command}'`), `${command.command} is contributed but never registered`);
  }
});
