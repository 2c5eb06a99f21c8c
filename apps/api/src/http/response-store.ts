/** One kept answer: what is written back on a hit, and what decides whether it still may be. */
export interface StoredResponse {
  /** The portal it belongs to (its answers are dropped together when it changes). */
  readonly tenantId: string;
  /** The tenancy version it was computed under (a newer version makes it unusable). */
  readonly version: number;
  readonly status: number;
  /** Representation headers only (lower-case names); the security headers are added per request. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** Epoch ms. */
  readonly storedAt: number;
  /** Epoch ms after which it is stale (from the answer's max-age). */
  readonly expiresAt: number;
}

export interface ResponseStoreLimits {
  /** All entries together, keys, headers and bodies counted, never exceed this. */
  readonly maxBytes: number;
  /** A larger single entry is not kept. */
  readonly maxEntryBytes: number;
  /**
   * How long a stale entry may stay after its expiry (0: it is dropped as soon as it expires).
   * It is still bounded by maxBytes and evicted first.
   */
  readonly keepStaleMs?: number;
}

/** What an entry costs besides its body and header text: the Map slot, the object, the key. */
const ENTRY_OVERHEAD = 256;

/**
 * A least-recently-used map of answers bounded in bytes. Its cost is counted, not guessed from an
 * entry count: a flood of distinct requests can take at most `maxBytes` of the process, whatever
 * their size. Expired entries are dropped when met, by `sweep`, and before any live one is evicted.
 */
export class ResponseStore {
  /** Map iteration order is insertion order: the first entry is the least recently used. */
  private readonly entries = new Map<string, { response: StoredResponse; bytes: number }>();
  private used = 0;

  constructor(private readonly limits: ResponseStoreLimits) {}

  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  get maxBytes(): number {
    return this.limits.maxBytes;
  }

  /** The fresh entry for `key` (marked most recently used), or null. */
  get(key: string, now = Date.now()): StoredResponse | null {
    const found = this.peek(key, now);
    return found && found.expiresAt > now ? found : null;
  }

  /**
   * The entry for `key` even if stale (within keepStaleMs), marked most recently used; null when
   * there is none or it is past keeping.
   */
  peek(key: string, now = Date.now()): StoredResponse | null {
    const slot = this.entries.get(key);
    if (!slot) return null;
    if (this.pastKeeping(slot.response, now)) {
      this.remove(key);
      return null;
    }
    this.entries.delete(key);
    this.entries.set(key, slot);
    return slot.response;
  }

  /** Keeps an answer; false when it is too large to keep at all. */
  set(key: string, response: StoredResponse, now = Date.now()): boolean {
    const bytes = sizeOf(key, response);
    if (bytes > this.limits.maxEntryBytes || bytes > this.limits.maxBytes) return false;
    this.remove(key);
    if (this.used + bytes > this.limits.maxBytes) this.sweep(now);
    for (const oldest of this.entries.keys()) {
      if (this.used + bytes <= this.limits.maxBytes) break;
      this.remove(oldest);
    }
    this.entries.set(key, { response, bytes });
    this.used += bytes;
    return true;
  }

  delete(key: string): void {
    this.remove(key);
  }

  /** Drops every entry `drop` selects. */
  deleteWhere(drop: (response: StoredResponse) => boolean): void {
    for (const [key, slot] of this.entries) if (drop(slot.response)) this.remove(key);
  }

  clear(): void {
    this.entries.clear();
    this.used = 0;
  }

  /** Drops the entries past keeping; returns how many. */
  sweep(now = Date.now()): number {
    let dropped = 0;
    for (const [key, slot] of this.entries)
      if (this.pastKeeping(slot.response, now)) {
        this.remove(key);
        dropped++;
      }
    return dropped;
  }

  private pastKeeping(response: StoredResponse, now: number): boolean {
    return response.expiresAt + (this.limits.keepStaleMs ?? 0) <= now;
  }

  private remove(key: string): void {
    const slot = this.entries.get(key);
    if (!slot) return;
    this.entries.delete(key);
    this.used -= slot.bytes;
  }
}

function sizeOf(key: string, response: StoredResponse): number {
  let bytes = ENTRY_OVERHEAD + key.length * 2 + response.body.length;
  for (const [name, value] of Object.entries(response.headers))
    bytes += (name.length + value.length) * 2 + 32;
  return bytes;
}
