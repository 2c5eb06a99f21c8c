import { ResponseStore, StoredResponse } from './response-store';

const answer = (body: string, expiresAt: number, tenantId = 't1'): StoredResponse => ({
  tenantId,
  version: 1,
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(body),
  storedAt: 0,
  expiresAt,
});

describe('ResponseStore', () => {
  it('never holds more bytes than its budget, evicting the least recently used first', () => {
    const store = new ResponseStore({ maxBytes: 4096, maxEntryBytes: 2048 });
    for (let i = 0; i < 100; i++) expect(store.set(`k${i}`, answer('x'.repeat(500), 1e15), 0)).toBe(true);
    expect(store.bytes).toBeLessThanOrEqual(4096);
    expect(store.size).toBeLessThan(10);
    expect(store.get('k0', 0)).toBeNull();
    expect(store.get('k99', 0)).not.toBeNull();

    // Reading an entry keeps it: the others go before it.
    const kept = [...Array(100).keys()].map((i) => `k${i}`).find((k) => store.get(k, 0))!;
    for (let i = 100; i < 103; i++) {
      store.get(kept, 0);
      store.set(`k${i}`, answer('y'.repeat(500), 1e15), 0);
    }
    expect(store.get(kept, 0)).not.toBeNull();
  });

  it('refuses an entry over the entry limit, and replaces an entry without counting it twice', () => {
    const store = new ResponseStore({ maxBytes: 100_000, maxEntryBytes: 1000 });
    expect(store.set('big', answer('z'.repeat(2000), 1e15), 0)).toBe(false);
    expect(store.size).toBe(0);
    store.set('a', answer('1', 1e15), 0);
    const once = store.bytes;
    store.set('a', answer('2', 1e15), 0);
    expect(store.bytes).toBe(once);
    expect(store.get('a', 0)!.body.toString()).toBe('2');
  });

  it('drops expired entries when met, on a sweep, and before evicting live ones; keeps stale ones only if asked', () => {
    const store = new ResponseStore({ maxBytes: 2700, maxEntryBytes: 2000 });
    store.set('old', answer('o'.repeat(300), 10), 0);
    store.set('live', answer('l'.repeat(300), 1e15), 0);
    store.set('other', answer('p'.repeat(300), 1e15), 0);
    // A new entry that needs room: the expired one goes, not the least recently used live one.
    store.set('new', answer('n'.repeat(600), 1e15), 20);
    expect(store.get('live', 20)).not.toBeNull();
    expect(store.get('other', 20)).not.toBeNull();
    expect(store.get('old', 20)).toBeNull();
    expect(store.sweep(1e16)).toBe(3);
    expect(store.bytes).toBe(0);

    const stale = new ResponseStore({ maxBytes: 2000, maxEntryBytes: 2000, keepStaleMs: 100 });
    stale.set('s', answer('s', 10), 0);
    expect(stale.get('s', 50)).toBeNull();
    expect(stale.peek('s', 50)).not.toBeNull();
    expect(stale.peek('s', 111)).toBeNull();
    expect(stale.size).toBe(0);
  });

  it('forgets one portal’s entries', () => {
    const store = new ResponseStore({ maxBytes: 100_000, maxEntryBytes: 10_000 });
    store.set('a', answer('a', 1e15, 't1'), 0);
    store.set('b', answer('b', 1e15, 't2'), 0);
    store.deleteWhere((e) => e.tenantId === 't1');
    expect(store.get('a', 0)).toBeNull();
    expect(store.get('b', 0)).not.toBeNull();
  });
});
