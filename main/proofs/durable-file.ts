// Writing an export so that no half-written file is left: the bytes go to a temp name beside
// the target, are fsynced, and only then renamed into place; on a failure the temp file is removed.
import { randomUUID } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';

/** `<file>.<uuid>.tmp` → `write` → fsync → rename to `file`; returns what `write` returned. */
export async function writeViaTemp<T>(file: string, write: (fh: FileHandle) => Promise<T>): Promise<T> {
  const tmp = `${file}.${randomUUID()}.tmp`;
  const fh = await open(tmp, 'wx');
  let result: T;
  try {
    result = await write(fh);
    await fh.sync();
  } catch (err) {
    await fh.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  await rename(tmp, file);
  return result;
}
