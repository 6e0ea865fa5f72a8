/**
 * @module backend/data-dir
 * The data directory holds readings, password and session hashes, the consent ledger and the receipt signing key:
 * only the account running courant may read it. The directory is kept 0700 and the files the hub keeps in it 0600.
 *
 * DuckDB creates its files itself (the database, its `.wal`, spill files under `<db>.tmp/`), some long after the
 * database was opened, so the hub and the CLI set a process umask of 077 once at start (`restrictNewFiles`); the
 * files already there when courant starts are tightened by `secureDataDir`, which names each one it changed.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

/**
 * File in the data dir telling CLI tools where the running hub listens (DuckDB lets one process hold the database):
 * its address, pid and local token. Written by the hub at start, removed at stop.
 */
export const HUB_FILE = 'hub.json';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** From now on this process creates files without any group or other permission (worker threads share it). */
export function restrictNewFiles(): void {
  if (isMainThread) process.umask(process.umask() | 0o077);
}

const octal = (m: number) => m.toString(8).padStart(4, '0');

/** Sub-directories of the data dir holding private files: the signing key, DuckDB's spill files. */
const privateSubdir = (name: string) => name === 'keys' || name.endsWith('.tmp');

/**
 * Create `dir` (0700) if missing, then remove group and other permissions from it, from every file directly in it
 * and from its private sub-directories (keys/, DuckDB's *.tmp/) and their files. Returns one warning per path that
 * was wider, or that could not be tightened (not owned by this user). A directory that is not this user's own or is
 * shared (sticky, like /tmp) is left alone with everything in it.
 */
export function secureDataDir(dir: string): string[] {
  if (dir === ':memory:') return [];
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const warnings: string[] = [];
  const uid = process.getuid?.();
  const own = (st: Stats) => uid === undefined || st.uid === uid;
  const narrow = (path: string, st: Stats, what: string): void => {
    const mode = st.mode & 0o7777;
    if ((mode & 0o077) === 0) return;
    if (!own(st)) {
      warnings.push(`${what} ${path} is ${octal(mode)} and belongs to another user: left as is`);
      return;
    }
    const tight = mode & ~0o077;
    chmodSync(path, tight);
    warnings.push(
      `${what} ${path} was ${octal(mode)}, now ${octal(tight)}: it holds readings, password and session hashes and the consent ledger`,
    );
  };
  const top = statSync(dir); // follows a symlinked data dir to the real one
  if (!own(top) || top.mode & 0o1000) {
    if (top.mode & 0o077)
      warnings.push(
        `data directory ${dir} is ${octal(top.mode & 0o7777)} and shared or another user's: left as is; keep courant's data in a directory of its own`,
      );
    return warnings;
  }
  narrow(dir, top, 'data directory');
  const walk = (d: string, depth: number) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isFile()) narrow(p, lstatSync(p), 'file');
      else if (e.isDirectory() && (depth > 0 || privateSubdir(e.name))) {
        const st = lstatSync(p);
        narrow(p, st, 'directory');
        if (own(st)) walk(p, depth + 1);
      }
    }
  };
  walk(dir, 0);
  return warnings;
}
