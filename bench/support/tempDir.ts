/** A scratch folder for one measurement, removed afterwards whatever happens. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export async function withTempDir<T>(use: (dir: string) => Promise<T> | T): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genmon-bench-'));
  try {
    return await use(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
