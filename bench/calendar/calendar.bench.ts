import { join } from 'node:path';
import { FIRST_DAY, LAST_DAY, WorkingCalendar, loadNationalSchedule } from '../../libs/calendar/src';
import { num, printTable } from '../support/report';

const CALLS = 1_000_000;

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same pairs. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The obvious implementation, for comparison: step one day at a time asking the same calendar. */
function naiveAdd(cal: WorkingCalendar, day: number, n: number): number {
  let d = day;
  for (let left = n; left > 0;) {
    d++;
    if (cal.isWorkingDay(d)) left--;
  }
  return d;
}

export async function runCalendarBench(): Promise<void> {
  const cal = new WorkingCalendar(
    loadNationalSchedule(
      join(__dirname, '..', '..', '..', 'tenants', 'calendar', 'vietnam-public-sector.yaml'),
    ),
  );
  const random = prng(20261122);
  const span = LAST_DAY - 60 - FIRST_DAY;
  const days = new Int32Array(CALLS);
  const ns = new Int32Array(CALLS);
  for (let i = 0; i < CALLS; i++) {
    days[i] = FIRST_DAY + Math.floor(random() * span);
    ns[i] = 1 + Math.floor(random() * 30);
  }
  // Warm-up: compiles every year (the lunar computations run here, once) and lets the JIT settle.
  let t0 = performance.now();
  for (let i = 0; i < CALLS; i++) cal.addWorkingDays(days[i], ns[i]);
  const firstPass = performance.now() - t0;

  let check = 0;
  t0 = performance.now();
  for (let i = 0; i < CALLS; i++) check += cal.addWorkingDays(days[i], ns[i]);
  const fast = performance.now() - t0;

  let naiveCheck = 0;
  t0 = performance.now();
  for (let i = 0; i < CALLS; i++) naiveCheck += naiveAdd(cal, days[i], ns[i]);
  const naive = performance.now() - t0;
  if (check !== naiveCheck) throw new Error('addWorkingDays disagrees with the day-by-day count');

  t0 = performance.now();
  let between = 0;
  for (let i = 0; i < CALLS; i++) between += cal.workingDaysBetween(days[i], days[i] + ns[i] * 2);
  const betweenMs = performance.now() - t0;
  void between;

  const perCall = (ms: number) => (ms * 1e6) / CALLS;
  printTable('calendar benchmark', [
    ['pairs', `${num(CALLS)} random (date in 1990–2099, n in 1–30), national calendar`],
    ['first pass (compiles 110 years)', `${firstPass.toFixed(0)} ms`],
    [
      'addWorkingDays after warm-up',
      `${perCall(fast).toFixed(0)} ns/call  (target < 2,000 ns)  ${perCall(fast) < 2000 ? 'OK' : 'MISSED'}`,
    ],
    ['day-by-day loop, same calendar', `${perCall(naive).toFixed(0)} ns/call`],
    ['ratio day-by-day / addWorkingDays', `${(naive / fast).toFixed(1)} x`],
    ['workingDaysBetween', `${perCall(betweenMs).toFixed(0)} ns/call`],
  ]);
}
