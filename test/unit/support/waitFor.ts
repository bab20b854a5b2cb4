/**
 * Polls until `find` returns something other than undefined or false, and returns it; throws after
 * `timeoutMs` naming what was awaited. For tests that watch a trainer running beside them.
 */
export async function waitFor<T>(find: () => T | undefined | false, what: string, timeoutMs = 30_000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
