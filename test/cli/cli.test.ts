/**
 * The CLI as a learner runs it: a subprocess (`tsx src/cli/main.ts ...`) from the project root.
 * Good input prints a summary or one JSON document and exits 0; bad input exits non-zero with
 * a field-path message on stderr and never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLE = 'scenarios/scripted-example.json';
const BAD = 'test/fixtures/scenarios/bad';
const WATERMARK_MAX = Number.MAX_SAFE_INTEGER; // +infinity in JSON output

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): CliRun {
  const env = { ...process.env };
  delete env.STREAMLAB_DEBUG; // the debug switch prints stacks on internal errors
  const r = spawnSync('node_modules/.bin/tsx', ['src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A stack frame line, as Node prints them ("    at main (file:1:2)"). */
const STACK_LINE = /^\s+at /m;

interface ResultJson {
  key: string;
  window: { start: number; end: number };
  value: number | null;
  firing: string;
  emittedAt: number;
  watermark: number | null;
}
interface DropJson {
  id: string;
  key: string;
  eventTime: number;
  reason: string;
  droppedAt: number;
  partition: number;
  offset: number;
}
interface ReportJson {
  scenario: string;
  counters: { produced: number; markers: number };
  modes: Record<'batch' | 'microbatch' | 'streaming', { results: ResultJson[]; dropped: DropJson[] }>;
}

const TIMEOUT = 120_000;

describe('the scripted example', () => {
  it(
    'prints a readable summary and exits 0',
    () => {
      const r = cli(EXAMPLE);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const out = r.stdout;
      expect(out).toContain('Scripted events with punctuated watermarks (scripted-example)');
      expect(out).toMatch(/Counters: produced 4 /);
      expect(out).toContain('Batch (complete data: the truth): 2 results');
      expect(out).toContain('Micro-batch: 2 results');
      expect(out).toContain('Streaming (Flink rules): 2 results');
      // A table row: key, window, value, firing, emitted at, visible at ('=': the same), watermark.
      expect(out).toMatch(/^\s+k1\s+\[0, 3,000\)\s+3\s+on-time\s+2\s+=\s+2,999$/m);
      expect(out).toMatch(/^\s+k2\s+\[3,000, 6,000\)\s+3\s+on-time\s+40\s+=\s+\+inf$/m);
      expect(out).toContain('dropped: late-1 (k1 @500) late');
      expect(out).not.toMatch(STACK_LINE);
    },
    TIMEOUT,
  );

  it(
    'prints one JSON document with --json, byte-identical from run to run',
    () => {
      const first = cli(EXAMPLE, '--json');
      const second = cli('--json', EXAMPLE);
      expect(first.status).toBe(0);
      expect(first.stderr).toBe('');
      expect(second.status).toBe(0);
      expect(second.stdout).toBe(first.stdout);

      const report = JSON.parse(first.stdout) as ReportJson;
      expect(report.scenario).toBe('scripted-example');
      expect(report.counters.produced).toBe(4);
      for (const mode of ['batch', 'microbatch', 'streaming'] as const) {
        expect(Array.isArray(report.modes[mode].results), mode).toBe(true);
        expect(Array.isArray(report.modes[mode].dropped), mode).toBe(true);
      }
    },
    TIMEOUT,
  );

  it(
    'gives the results derived by hand',
    () => {
      /*
       * The script (one partition, one consumer reading each record when it is appended):
       *   entry               arrives at  why
       *   k1 = 1 @ 1000       0           first entry without arrivalTime: 0
       *   k1 = 2 @ 2000       1           previous + 1
       *   watermark 2999      2           previous + 1 (a marker, written to every partition)
       *   late-1: k1 = 4 @ 500  3         previous + 1
       *   k2 = 3 @ 3500       40          explicit arrivalTime
       * Input ends at 40 (the last arrival). Tumbling windows of 3000: [0, 3000) and [3000, 6000).
       *
       * Streaming (punctuated: only markers move the watermark):
       * - at 2 the marker sets the watermark to 2999 = end - 1 of [0, 3000): k1 fires 1 + 2 = 3,
       *   emittedAt 2, watermark 2999;
       * - at 3, late-1 (event time 500, window [0, 3000)) is late: end - 1 + allowedLateness
       *   = 3000 - 1 + 0 = 2999 <= watermark 2999, so it is dropped (offset 2 in partition 0);
       * - at 40 k2 opens [3000, 6000); the end of input sends a +infinity watermark (flushAtEnd),
       *   which fires k2 = 3 at emittedAt 40.
       * Batch (all records at once, at 40): k1 [0, 3000) = 1 + 2 + 4 = 7, k2 [3000, 6000) = 3, "final".
       * Micro-batch (interval 1000): the only batch runs at 1000, after the input ended at 40; its
       * watermark is still 0, so late-1 is counted, and flushAtEnd makes it +infinity: 7 and 3.
       */
      const report = JSON.parse(cli(EXAMPLE, '--json').stdout) as ReportJson;

      expect(report.modes.streaming.results).toEqual([
        { key: 'k1', window: { start: 0, end: 3000 }, value: 3, firing: 'on-time', emittedAt: 2, visibleAt: 2, watermark: 2999 },
        { key: 'k2', window: { start: 3000, end: 6000 }, value: 3, firing: 'on-time', emittedAt: 40, visibleAt: 40, watermark: WATERMARK_MAX },
      ]);
      expect(report.modes.streaming.dropped).toEqual([
        { id: 'late-1', key: 'k1', eventTime: 500, reason: 'late', droppedAt: 3, partition: 0, offset: 2 },
      ]);

      expect(report.modes.batch.results).toEqual([
        { key: 'k1', window: { start: 0, end: 3000 }, value: 7, firing: 'final', emittedAt: 40, visibleAt: 40, watermark: WATERMARK_MAX },
        { key: 'k2', window: { start: 3000, end: 6000 }, value: 3, firing: 'final', emittedAt: 40, visibleAt: 40, watermark: WATERMARK_MAX },
      ]);
      expect(report.modes.batch.dropped).toEqual([]);

      expect(report.modes.microbatch.results).toEqual([
        { key: 'k1', window: { start: 0, end: 3000 }, value: 7, firing: 'on-time', emittedAt: 1000, visibleAt: 1000, watermark: WATERMARK_MAX },
        { key: 'k2', window: { start: 3000, end: 6000 }, value: 3, firing: 'on-time', emittedAt: 1000, visibleAt: 1000, watermark: WATERMARK_MAX },
      ]);
      expect(report.modes.microbatch.dropped).toEqual([]);
      expect(report.counters.markers).toBe(1);
    },
    TIMEOUT,
  );
});

describe('bad input', () => {
  /** Non-zero exit, nothing on stdout, the expected lines on stderr, and no stack trace. */
  function expectRejected(r: CliRun, ...lines: string[]): void {
    expect(r.status).not.toBe(0);
    expect(r.status).not.toBeNull(); // not killed by the timeout
    expect(r.stdout).toBe('');
    for (const line of lines) expect(r.stderr).toContain(line);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr).not.toContain('internal error');
  }

  it(
    'a missing file',
    () => {
      const r = cli(`${BAD}/does-not-exist.json`);
      expectRejected(r, `${BAD}/does-not-exist.json: cannot read the file (no such file)`);
      expect(r.status).toBe(1);
    },
    TIMEOUT,
  );

  it(
    'a folder instead of a file',
    () => {
      expectRejected(cli(BAD), `${BAD}: cannot read the file (it is a folder)`);
    },
    TIMEOUT,
  );

  it(
    'a malformed JSON file',
    () => {
      const r = cli(`${BAD}/malformed.json`);
      expectRejected(r, `${BAD}/malformed.json: the scenario is not valid:`, '  (root): not valid JSON: ');
      expect(r.status).toBe(1);
    },
    TIMEOUT,
  );

  it(
    'a JSON syntax error with its line and column',
    () => {
      expectRejected(cli(`${BAD}/trailing-comma.json`), '  (root): not valid JSON: unexpected "}" at line 4, column 1');
    },
    TIMEOUT,
  );

  it(
    'a negative rate',
    () => {
      const r = cli(`${BAD}/negative-rate.json`, '--json');
      expectRejected(r, `${BAD}/negative-rate.json: the scenario is not valid:\n  producers[0].rate: must be > 0\n`);
      expect(r.status).toBe(1);
    },
    TIMEOUT,
  );

  it(
    'an unknown field',
    () => {
      expectRejected(cli(`${BAD}/unknown-field.json`), '  (root): unknown field "foo"');
    },
    TIMEOUT,
  );

  it(
    'several problems, one line each',
    () => {
      const r = cli(`${BAD}/several-problems.json`);
      expectRejected(r);
      expect(r.stderr).toBe(
        [
          `${BAD}/several-problems.json: the scenario is not valid:`,
          '  topic.partitions: must be a whole number',
          '  producers[0].rate: must be a number, not a string',
          '  processor.window.type: must be one of "tumbling", "sliding", "session"',
          '',
        ].join('\n'),
      );
    },
    TIMEOUT,
  );

  it(
    'a version newer than this Streamlab',
    () => {
      expectRejected(cli(`${BAD}/version-newer.json`), '  version: 2 is newer than this Streamlab reads (up to 1); update Streamlab');
    },
    TIMEOUT,
  );

  it(
    'an unknown flag, with the usage',
    () => {
      const r = cli(EXAMPLE, '--bogus');
      expectRejected(r, 'error: ', '--bogus', 'Usage:');
      expect(r.status).toBe(2);
    },
    TIMEOUT,
  );

  it(
    'no arguments, with the usage',
    () => {
      const r = cli();
      expectRejected(r, 'error: missing the scenario file', 'Usage:');
      expect(r.status).toBe(2);
    },
    TIMEOUT,
  );

  it(
    'two files',
    () => {
      const r = cli(EXAMPLE, EXAMPLE);
      expectRejected(r, 'error: expected one scenario file, got 2');
      expect(r.status).toBe(2);
    },
    TIMEOUT,
  );
});

describe('--help', () => {
  it(
    'prints the usage on stdout and exits 0',
    () => {
      for (const flag of ['--help', '-h']) {
        const r = cli(flag);
        expect(r.status).toBe(0);
        expect(r.stderr).toBe('');
        expect(r.stdout).toContain('Usage:');
        expect(r.stdout).toContain('--json');
      }
    },
    TIMEOUT,
  );
});

describe('semantics profiles', () => {
  // The fixture and its hand derivation: test/engine/metrics/profile-diff.test.ts.
  const BOUNDARY = 'test/fixtures/scenarios/good/profiles-boundary.json';

  it(
    '--semantics overrides the scenario and changes the streaming results',
    () => {
      const flink = JSON.parse(cli(BOUNDARY, '--json').stdout) as { semantics: string; modes: { streaming: { results: ResultJson[] } } };
      const beam = cli(BOUNDARY, '--json', '--semantics', 'beam');
      expect(beam.status).toBe(0);
      const report = JSON.parse(beam.stdout) as { semantics: string; modes: { streaming: { results: (ResultJson & { pane?: number })[] } } };
      expect(flink.semantics).toBe('flink');
      expect(report.semantics).toBe('beam');
      expect(flink.modes.streaming.results.map((r) => [r.value, r.firing, r.emittedAt])).toEqual([
        [3, 'on-time', 3],
        [4, 'late', 4],
      ]);
      expect(report.modes.streaming.results.map((r) => [r.value, r.firing, r.emittedAt, r.pane])).toEqual([
        [4, 'on-time', 5, 0],
        [5, 'late', 6, 1],
      ]);
    },
    TIMEOUT,
  );

  it(
    'compare prints the windows that differ and why',
    () => {
      const r = cli('compare', BOUNDARY, 'flink', 'kafka-streams');
      expect(r.status).toBe(0);
      // Flink ends with 4, Kafka Streams with 5 (test/engine/metrics/profile-diff.test.ts): a value difference.
      expect(r.stdout).toContain('1 of 1 windows end with different values in Flink and Kafka Streams');
      expect(r.stdout).toContain('Kafka Streams emitted an update for every record');
      const json = JSON.parse(cli('compare', BOUNDARY, 'flink', 'beam', '--json').stdout) as { differing: { b: { final: number } }[] };
      expect(json.differing.map((d) => d.b.final)).toEqual([5]);
    },
    TIMEOUT,
  );

  it(
    'an unknown profile names the argument and the choices',
    () => {
      for (const args of [[BOUNDARY, '--semantics', 'storm'], ['compare', BOUNDARY, 'flink', 'storm']]) {
        const r = cli(...args);
        expect(r.status).toBe(2);
        expect(r.stderr).toContain('must be one of flink, beam, kafka-streams, spark, not "storm"');
        expect(r.stderr).not.toMatch(STACK_LINE);
      }
      expect(cli('compare', BOUNDARY, 'flink').stderr).toContain('compare takes a scenario file and two profiles');
    },
    TIMEOUT,
  );
});
