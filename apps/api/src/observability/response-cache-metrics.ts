import { Counter, Gauge, Registry } from 'prom-client';

interface CacheCounts {
  readonly hits: number;
  readonly misses: number;
  stats(): { entries: number; bytes: number; maxBytes: number };
}

/**
 * The anonymous response cache's hits and misses (and their ratio) and what it holds against its
 * byte budget, read from the cache on scrape.
 */
export function registerResponseCacheMetrics(registry: Registry, cache: () => CacheCounts | null): void {
  const counter = (name: string, help: string, read: (c: CacheCounts) => number) => {
    let reported = 0;
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const counts = cache();
        if (!counts) return;
        const value = read(counts);
        if (value > reported) this.inc(value - reported);
        reported = value;
      },
    });
  };
  counter(
    'portal_response_cache_hits_total',
    'Anonymous GraphQL reads answered from the cache',
    (c) => c.hits,
  );
  counter(
    'portal_response_cache_misses_total',
    'Anonymous cacheable-looking GraphQL reads the cache could not answer',
    (c) => c.misses,
  );
  new Gauge({
    name: 'portal_response_cache_hit_ratio',
    help: 'Hits / (hits + misses) since the process started',
    registers: [registry],
    collect() {
      const counts = cache();
      const total = counts ? counts.hits + counts.misses : 0;
      this.set(total ? counts!.hits / total : 0);
    },
  });
  const gauge = (name: string, help: string, read: (c: CacheCounts) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const counts = cache();
        this.set(counts ? read(counts) : 0);
      },
    });
  gauge(
    'portal_response_cache_entries',
    'Answers the anonymous response cache holds',
    (c) => c.stats().entries,
  );
  gauge(
    'portal_response_cache_bytes',
    'Bytes the anonymous response cache holds (keys, headers, bodies)',
    (c) => c.stats().bytes,
  );
  gauge(
    'portal_response_cache_max_bytes',
    'The byte budget of the anonymous response cache',
    (c) => c.stats().maxBytes,
  );
}
