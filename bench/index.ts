/**
 * npm run bench [-- --quick] [-- --json]
 *
 * Measures the engine on this machine and prints medians of several runs. Figures are
 * printed, never asserted: machines here are shared and noisy.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createRun, type Scenario } from '../src/engine/index';
import type { ModeName } from '../src/engine/modes/mode-output';
import { benchScenario, crashingBenchScenario } from './scenarios';
import { benchBrowser, type BrowserFigures } from './browser';
import { prepareReferenceStreaming, sameResults, type ReferenceOutput } from './reference';

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, json: { type: 'boolean' }, 'no-browser': { type: 'boolean' } } });
const quick = values.quick ?? false;
const log = (line: string) => {
  if (!values.json) console.log(line);
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const round1 = (n: number) => Math.round(n * 10) / 10;

function timeMode(scenario: Scenario, mode: ModeName): { seconds: number; records: number; setupSeconds: number } {
  const t0 = performance.now();
  const run = createRun(scenario, { only: [mode] });
  const t1 = performance.now();
  run.advanceTo(run.endTime);
  const t2 = performance.now();
  return { seconds: (t2 - t1) / 1000, records: run.log.records.length, setupSeconds: (t1 - t0) / 1000 };
}

function throughput(scenario: Scenario, mode: ModeName, repeats: number) {
  const runs = Array.from({ length: repeats }, () => timeMode(scenario, mode));
  const seconds = median(runs.map((r) => r.seconds));
  return { eventsPerSec: runs[0].records / seconds, seconds, records: runs[0].records, setupSeconds: median(runs.map((r) => r.setupSeconds)) };
}

/**
 * Times the hand-written reference (bench/reference.ts) on the same prepared input as the
 * engine's streaming mode (the log and the group's deliveries from createRun), then runs the
 * engine on that run and checks that both give the same output.
 */
function referenceThroughput(scenario: Scenario, repeats: number) {
  const run = createRun(scenario, { only: ['streaming'] });
  const times: number[] = [];
  let out: ReferenceOutput | null = null;
  for (let i = 0; i < repeats; i++) {
    const loop = prepareReferenceStreaming(run);
    const t0 = performance.now();
    out = loop();
    times.push((performance.now() - t0) / 1000);
  }
  run.advanceTo(run.endTime);
  const verdict = sameResults(run.modes.streaming, out as ReferenceOutput);
  const seconds = median(times);
  return { eventsPerSec: run.log.records.length / seconds, seconds, ...verdict };
}

function peakHeapMB(scenario: Scenario): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  let peak = process.memoryUsage().heapUsed;
  const run = createRun(scenario);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const steps = 20;
  for (let i = 1; i <= steps; i++) {
    run.advanceTo((run.endTime * i) / steps);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  return peak / 1e6;
}

const events = quick ? 50_000 : 1_000_000;
const repeats = quick ? 3 : 5;
log(`Streamlab benchmark on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), Node ${process.version}${quick ? ' [quick]' : ''}`);
const scenario = benchScenario(events);
// Warm the JIT up first, so the first measured size is not charged for compilation.
for (const mode of ['streaming', 'microbatch', 'batch'] as const) timeMode(benchScenario(20_000), mode);

const engine: Record<ModeName, ReturnType<typeof throughput>> = {
  streaming: throughput(scenario, 'streaming', repeats),
  microbatch: throughput(scenario, 'microbatch', repeats),
  batch: throughput(scenario, 'batch', repeats),
};
log(`\nEngine throughput, ${fmt(engine.streaming.records)} records, 8 partitions, 1,000 keys (median of ${repeats}):`);
for (const [mode, r] of Object.entries(engine)) log(`  ${mode.padEnd(11)} ${fmt(r.eventsPerSec).padStart(12)} events/s  (${(r.seconds * 1000).toFixed(0)} ms)`);
log(`  producers + broker + consumer group (shared by all modes): ${(engine.streaming.setupSeconds * 1000).toFixed(0)} ms`);

// The hand-written reference of the streaming mode, on the same input (warmed up first too).
referenceThroughput(benchScenario(20_000), 1);
const reference = referenceThroughput(scenario, repeats);
const ratio = engine.streaming.seconds / reference.seconds;
log(`\nHand-written streaming reference (bench/reference.ts), same ${fmt(engine.streaming.records)} records (median of ${repeats}):`);
log(`  reference streaming ${fmt(reference.eventsPerSec)} events/s  (${(reference.seconds * 1000).toFixed(0)} ms)`);
log(`  engine/reference time ratio ${ratio.toFixed(2)}`);
log(`  results match: ${reference.match ? 'yes' : `no (first difference: ${reference.firstDifference})`}`);

const sizes = quick ? [10_000, 50_000] : [10_000, 100_000, 1_000_000];
const scaling: { events: number; partitions: number; eventsPerSec: number }[] = [];
for (const n of sizes) scaling.push({ events: n, partitions: 8, eventsPerSec: throughput(benchScenario(n), 'streaming', repeats).eventsPerSec });
for (const p of [1, 64]) scaling.push({ events: quick ? 50_000 : 100_000, partitions: p, eventsPerSec: throughput(benchScenario(quick ? 50_000 : 100_000, p), 'streaming', repeats).eventsPerSec });
log('\nStreaming throughput by size and partitions:');
for (const s of scaling) log(`  ${fmt(s.events).padStart(9)} events, ${String(s.partitions).padStart(2)} partitions: ${fmt(s.eventsPerSec).padStart(12)} events/s`);

// Recovery: the streaming job reads on its own and rebuilds restored state by re-running its history.
const checkpointing = throughput(benchScenario(events, 8, { processor: { checkpoint: { interval: 10_000 } } }), 'streaming', repeats);
const crashing = throughput(crashingBenchScenario(events), 'streaming', repeats);
log(`\nRecovery, streaming with a checkpoint every 10 s (median of ${repeats}):`);
log(`  no failure      ${fmt(checkpointing.eventsPerSec).padStart(12)} events/s  (${(checkpointing.seconds * 1000).toFixed(0)} ms + ${(checkpointing.setupSeconds * 1000).toFixed(0)} ms setup)`);
log(`  three failures  ${fmt(crashing.eventsPerSec).padStart(12)} events/s  (${(crashing.seconds * 1000).toFixed(0)} ms + ${(crashing.setupSeconds * 1000).toFixed(0)} ms setup)`);
log(`  time ratio, three failures / none (processing and setup): ${((crashing.seconds + crashing.setupSeconds) / (checkpointing.seconds + checkpointing.setupSeconds)).toFixed(2)}`);

const heap = peakHeapMB(scenario);
log(`\nPeak heap for the ${fmt(events)}-event run, all modes: ${heap.toFixed(0)} MB${(globalThis as { gc?: unknown }).gc ? '' : ' (run with node --expose-gc for a cleaner figure)'}`);

let browser: BrowserFigures | null = null;
if (!values['no-browser']) {
  browser = await benchBrowser({ quick });
  const f = browser.frames;
  const s = browser.scrub;
  log('\nIn Chromium (production build, 1440x900):');
  log(`  built JavaScript, gzipped: ${browser.bundleGzipKB.toFixed(0)} KB`);
  log(`  first events on screen after opening: ${browser.firstFlowMs.toFixed(0)} ms`);
  log(`  frame time with ~${fmt(f.dotsInFlight)} dots in flight: p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(1)} ms (${f.samples} frames)`);
  log(`  ${fmt(s.records)}-record run: re-run after an edit ${s.loadMs.toFixed(0)} ms; scrub to a time and paint: median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (${s.samples} scrubs)`);
  log(`  ${fmt(browser.bigRunRecords)}-record run in the worker: on screen after ${browser.bigRunComputeMs.toFixed(0)} ms (bigRunComputeMs); longest frame gap meanwhile ${browser.responsiveMaxGapMs.toFixed(0)} ms (responsiveMaxGapMs), ${browser.bigRunArrivalMaxGapMs.toFixed(0)} ms in the 2 s after it appeared`);
}

if (values.json) {
  console.log(
    JSON.stringify(
      {
        machine: `${os.cpus()[0]?.model ?? 'unknown'} x${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
        events: engine.streaming.records,
        engine: Object.fromEntries(Object.entries(engine).map(([m, r]) => [m, { eventsPerSec: Math.round(r.eventsPerSec) }])),
        setupMs: Math.round(engine.streaming.setupSeconds * 1000),
        reference: { streaming: { eventsPerSec: Math.round(reference.eventsPerSec) } },
        ratio: Math.round(ratio * 100) / 100,
        resultsMatch: reference.match,
        ...(reference.match ? {} : { firstDifference: reference.firstDifference }),
        peakHeapMB: Math.round(heap),
        recovery: { checkpointingMs: Math.round((checkpointing.seconds + checkpointing.setupSeconds) * 1000), threeFailuresMs: Math.round((crashing.seconds + crashing.setupSeconds) * 1000) },
        scaling: scaling.map((s) => ({ ...s, eventsPerSec: Math.round(s.eventsPerSec) })),
        seekMs: browser ? { p50: round1(browser.scrub.median), p95: round1(browser.scrub.p95) } : null,
        browser: browser
          ? { firstFrameMs: Math.round(browser.firstFlowMs), frameP50Ms: round1(browser.frames.p50), frameP95Ms: round1(browser.frames.p95), inFlight: browser.frames.dotsInFlight, details: browser }
          : null,
        bundleGzipKB: browser ? Math.round(browser.bundleGzipKB) : null,
        responsiveMaxGapMs: browser ? Math.round(browser.responsiveMaxGapMs) : null,
        bigRunComputeMs: browser ? Math.round(browser.bigRunComputeMs) : null,
      },
      null,
      2,
    ),
  );
}
