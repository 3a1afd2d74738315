/**
 * `--data DIR`: pools, app clients and users survive restarts — and a kill -9 — in plain
 * files, nothing to install. `journal.jsonl` gets one line per changed pool after each
 * request (the pool's whole state), and one per change of the other kept state (signing
 * keys, refresh tokens, revocations, sign-in Sessions, auth events), written and fsynced
 * before the answer leaves; now and
 * then the state is compacted into `state.json` (written to a temporary file, fsynced, then
 * renamed over the old one, so a reader sees the old or the new file, never half of one).
 * A torn last journal line — the process died while writing it — is ignored on load.
 *
 * Not kept: the outbox, the clock, code-attempt counters.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool, Store } from './model.js';

const STATE = 'state.json';
const JOURNAL = 'journal.jsonl';
const LOCK = 'LOCK';
/** Journal bytes after which the state is compacted into state.json. */
const COMPACT_BYTES = 4 * 1024 * 1024;
const FORMAT = 1;
/** The files hold private signing keys, refresh tokens and Sessions: owner only (new files). */
const FILE_MODE = 0o600;

// ---- encoding: Maps, Sets, bigints and bytes (passkey public keys) in JSON ----------------------------------------------

function encode(v: unknown): unknown {
  if (typeof v === 'bigint') return { $big: v.toString(16) };
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('base64') };
  if (v instanceof Map) return { $map: [...v].map(([k, x]) => [k, encode(x)]) };
  if (v instanceof Set) return { $set: [...v].map(encode) };
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined && typeof x !== 'function') out[k] = encode(x);
    return out;
  }
  return v;
}

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$big === 'string' && Object.keys(o).length === 1) return BigInt('0x' + o.$big);
    if (typeof o.$bytes === 'string' && Object.keys(o).length === 1) return new Uint8Array(Buffer.from(o.$bytes, 'base64'));
    if (Array.isArray(o.$map) && Object.keys(o).length === 1) return new Map((o.$map as [unknown, unknown][]).map(([k, x]) => [k, decode(x)]));
    if (Array.isArray(o.$set) && Object.keys(o).length === 1) return new Set((o.$set as unknown[]).map(decode));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = decode(x);
    return out;
  }
  return v;
}

/** A pool as stored: everything but its trigger functions, which are resolved again at load. */
export function serializePool(pool: Pool): string {
  const { triggers: _functions, ...data } = pool;
  return JSON.stringify(encode(data));
}

/** A stored pool, without triggers (the caller attaches them). */
export function deserializePool(text: string): Pool {
  const pool = decode(JSON.parse(text)) as Pool;
  pool.triggers = {};
  return pool;
}

// ---- the data directory ---------------------------------------------------------------------

type Record_ = { t: 'pool'; id: string; pool: string } | { t: 'delete'; id: string } | { t: 'x'; k: string; r: unknown };

/**
 * State kept beside the pools as change records (one journal line each). Records must be
 * idempotent sets ("token T is now …"), since a crash during compaction replays journal
 * lines the new state.json already holds.
 */
export interface DurableState {
  /** Records that recreate the whole current state (written at compaction). */
  snapshot(): unknown[];
  /** Records of the changes since the last call (journaled after each request). */
  drain(): unknown[];
}

function fsyncDir(dir: string): void {
  // Makes a rename durable; some platforms cannot open directories, which is fine there.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* not supported here */
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Directories open in this process (the LOCK file names the process, not the emulator). */
const openHere = new Set<string>();

/** An open data directory: what it held at start, and the writer of changes. */
export class DataDir {
  private journalFd: number;
  private journalBytes: number;
  /** The last serialization written per pool id, to write only what changed. */
  private readonly written = new Map<string, string>();
  private closed = false;
  private readonly durables = new Map<string, DurableState>();

  private constructor(
    readonly dir: string,
    /** Pools as stored, by id (serialized). */
    readonly stored: Map<string, string>,
    /** The other kept state as stored, by kind: records in the order to apply them. */
    readonly records: Map<string, unknown[]>,
    journalBytes: number,
  ) {
    for (const [id, text] of stored) this.written.set(id, text);
    this.journalFd = openSync(join(dir, JOURNAL), 'a', FILE_MODE);
    this.journalBytes = journalBytes;
  }

  /**
   * Opens (creating) a data directory. Refuses one another live emulator holds; a lock left
   * by a killed one is taken over.
   */
  static open(dir: string): DataDir {
    mkdirSync(dir, { recursive: true });
    if (openHere.has(dir)) throw new Error(`Emulator data directory ${dir} is in use by another emulator of this process`);
    const lock = join(dir, LOCK);
    if (existsSync(lock)) {
      const pid = Number(readFileSync(lock, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && pidAlive(pid)) throw new Error(`Emulator data directory ${dir} is in use by process ${pid}`);
    }
    writeFileSync(lock, `${process.pid}\n`);
    const stored = new Map<string, string>();
    const records = new Map<string, unknown[]>();
    const add = (kind: string, list: unknown[]) => {
      let have = records.get(kind);
      if (!have) records.set(kind, (have = []));
      for (const r of list) have.push(decode(r));
    };
    const statePath = join(dir, STATE);
    if (existsSync(statePath)) {
      let state: { format: number; pools: Record<string, string>; kept?: Record<string, unknown[]> };
      try {
        state = JSON.parse(readFileSync(statePath, 'utf8'));
      } catch (e) {
        throw new Error(`Emulator data directory ${dir}: ${STATE} is not readable JSON (${(e as Error).message})`);
      }
      if (state.format !== FORMAT) throw new Error(`Emulator data directory ${dir}: unknown format ${String(state.format)}`);
      for (const [id, text] of Object.entries(state.pools)) stored.set(id, text);
      for (const [kind, list] of Object.entries(state.kept ?? {})) add(kind, list);
    }
    let journalBytes = 0;
    const journalPath = join(dir, JOURNAL);
    if (existsSync(journalPath)) {
      const text = readFileSync(journalPath, 'utf8');
      journalBytes = Buffer.byteLength(text);
      const lines = text.split('\n');
      // Every complete line ends with "\n"; what follows the last one is a torn write.
      const complete = lines.slice(0, -1);
      for (const [i, line] of complete.entries()) {
        if (line === '') continue;
        let rec: Record_;
        try {
          rec = JSON.parse(line) as Record_;
        } catch {
          // Only the last line can be torn: an fsynced line is never rewritten.
          if (i === complete.length - 1) break;
          throw new Error(`Emulator data directory ${dir}: ${JOURNAL} line ${i + 1} is corrupt`);
        }
        if (rec.t === 'pool') stored.set(rec.id, rec.pool);
        else if (rec.t === 'delete') stored.delete(rec.id);
        else if (rec.t === 'x') add(rec.k, [rec.r]);
      }
    }
    openHere.add(dir);
    return new DataDir(dir, stored, records, journalBytes);
  }

  /** Journals `state`'s changes under `kind` from now on, and its snapshot at compaction. */
  keep(kind: string, state: DurableState): void {
    this.durables.set(kind, state);
  }

  /** Writes every pool that changed since the last call (and the deletions), and the kept state's changes, durably. */
  record(store: Store): void {
    if (this.closed) return;
    let out = '';
    const seen = new Set<string>();
    for (const pool of store.pools.values()) {
      seen.add(pool.id);
      const text = serializePool(pool);
      if (this.written.get(pool.id) === text) continue;
      this.written.set(pool.id, text);
      out += JSON.stringify({ t: 'pool', id: pool.id, pool: text }) + '\n';
    }
    for (const id of [...this.written.keys()]) {
      if (seen.has(id)) continue;
      this.written.delete(id);
      out += JSON.stringify({ t: 'delete', id }) + '\n';
    }
    for (const [k, state] of this.durables) for (const r of state.drain()) out += JSON.stringify({ t: 'x', k, r: encode(r) }) + '\n';
    if (!out) return;
    const bytes = Buffer.from(out);
    writeSync(this.journalFd, bytes);
    fsyncSync(this.journalFd);
    this.journalBytes += bytes.length;
    if (this.journalBytes > COMPACT_BYTES) this.compact();
  }

  /** Folds the journal into state.json: temporary file, fsync, rename, then a fresh journal. */
  compact(): void {
    const pools: Record<string, string> = Object.fromEntries(this.written);
    const kept: Record<string, unknown[]> = {};
    for (const [k, state] of this.durables) {
      // What the snapshot holds needs no journal line after it.
      state.drain();
      kept[k] = state.snapshot().map(encode);
    }
    const tmp = join(this.dir, `${STATE}.tmp`);
    const fd = openSync(tmp, 'w', FILE_MODE);
    try {
      writeSync(fd, JSON.stringify({ format: FORMAT, pools, kept }));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(this.dir, STATE));
    fsyncDir(this.dir);
    // A crash before the journal is emptied only replays lines state.json already holds.
    closeSync(this.journalFd);
    this.journalFd = openSync(join(this.dir, JOURNAL), 'w', FILE_MODE);
    fsyncSync(this.journalFd);
    this.journalBytes = 0;
  }

  /** Releases the directory without writing (a start that failed). */
  release(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.journalFd);
    rmSync(join(this.dir, LOCK), { force: true });
    openHere.delete(this.dir);
  }

  /** Compacts and releases the directory. */
  close(): void {
    if (this.closed) return;
    this.compact();
    this.closed = true;
    closeSync(this.journalFd);
    rmSync(join(this.dir, LOCK), { force: true });
    openHere.delete(this.dir);
  }
}
