/**
 * Publishing a folder of files so that a folder under its final name is always complete: the files
 * are written and fsynced in a temporary sibling (`.tmp-<name>-…`), which is then renamed into
 * place. A crash part-way leaves only the temporary folder, which readers skip by its name.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface FolderFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * What to do when a folder with the final name exists: `replace` it (a newer version of the same
 * thing), or `keep` it (another writer published the same content first). With `keep`, the existing
 * folder counts as published only if it holds the last of `files`, which callers write last for that reason.
 */
export type ExistingFolderPolicy = 'replace' | 'keep';

/** Writes `files` in order into `<parent>/<name>` atomically and returns that folder's path. */
export function publishFolder(parent: string, name: string, files: readonly FolderFile[], existing: ExistingFolderPolicy): string {
  fs.mkdirSync(parent, { recursive: true });
  const final = path.join(parent, name);
  const unique = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temporary = path.join(parent, `.tmp-${name}-${unique}`);
  fs.mkdirSync(temporary);
  try {
    for (const file of files) writeFileDurably(path.join(temporary, file.name), file.bytes);
    if (existing === 'replace') replaceFolder(temporary, final, path.join(parent, `.old-${name}-${unique}`));
    else keepOrRename(temporary, final, files[files.length - 1]?.name);
  } catch (error) {
    fs.rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
  return final;
}

function replaceFolder(source: string, target: string, aside: string): void {
  const hadTarget = fs.existsSync(target);
  if (hadTarget) fs.renameSync(target, aside);
  fs.renameSync(source, target);
  if (hadTarget) fs.rmSync(aside, { recursive: true, force: true });
}

function keepOrRename(source: string, target: string, completeMarker: string | undefined): void {
  try {
    fs.renameSync(source, target);
  } catch (error) {
    if (completeMarker === undefined || !fs.existsSync(path.join(target, completeMarker))) throw error;
    fs.rmSync(source, { recursive: true, force: true });
  }
}

function writeFileDurably(file: string, bytes: Uint8Array): void {
  const fd = fs.openSync(file, 'wx');
  try {
    fs.writeFileSync(fd, bytes);
    // The rename that publishes the folder must not reach the disk before the data does.
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
