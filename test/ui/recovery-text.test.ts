/**
 * The mode cards' recovery lines and exactly-once latency, from hand-written Recovery records
 * (the numbers are those `npm run sim -- scenarios/consumer-crash.json` prints for its streaming
 * job: failed at 27 s, back at 32 s, the 20 s checkpoint, 77 re-read, none counted twice).
 */
import { describe, expect, test } from 'vitest';
import type { Recovery } from '../../src/engine/index';
import { lagText, recoveryCost, recoveryDetail, recoveryHeadline, restoreText, visibleLatency } from '../../src/ui/outputs/recovery-text';

const CRASH: Recovery = { kind: 'crash', at: 27_000, restartAt: 32_000, restoredFrom: 'checkpoint', restoredTo: 20_000, offsets: [87, 108], reread: 77, recounted: 0, aborted: 4 };

describe('recovery lines', () => {
  test('a crash restored from a checkpoint', () => {
    expect(recoveryHeadline(CRASH)).toBe('Failed at 27 s, back at 32 s: restored the checkpoint of 20 s');
    expect(recoveryCost(CRASH)).toBe('re-read 77 · counted twice 0 · 4 results aborted');
    expect(recoveryCost({ ...CRASH, aborted: 0 })).toBe('re-read 77 · counted twice 0');
    expect(recoveryCost({ ...CRASH, aborted: 1 })).toContain('1 result aborted');
    expect(recoveryDetail(CRASH)).toContain('offsets 87, 108 (one per partition)');
  });

  test('wording per restore point', () => {
    expect(restoreText({ ...CRASH, restoredFrom: 'commit' })).toBe('restored the state committed at 20 s');
    expect(restoreText({ ...CRASH, restoredFrom: 'batch', restoredTo: 25_000 })).toBe('restored the state of the batch at 25 s');
    expect(restoreText({ ...CRASH, restoredFrom: 'kept', restoredTo: null })).toBe('kept its state (the changelog has every update)');
    expect(restoreText({ ...CRASH, restoredFrom: 'empty', restoredTo: null })).toBe('restarted with empty state');
    // A replay at 35 s starts a new job at once: no "back at".
    expect(recoveryHeadline({ ...CRASH, kind: 'replay', at: 35_000, restartAt: 35_000, restoredFrom: 'empty', restoredTo: null })).toBe('Replayed at 35 s: a new job, starting with empty state');
  });

  test('visible latency only when it differs', () => {
    // exactly-once-latency's streaming summary: first result p50 800 ms, visible p50 5,185 ms.
    const cost = visibleLatency({ latencyP50: 800, visibleLatencyP50: 5185, latencyMax: 10_200, visibleLatencyMax: 20_000 });
    expect(cost).toEqual({
      emitted: { amount: '800 ms', side: 'after' },
      visible: { amount: '5.185 s', side: 'after' },
      emittedMax: { amount: '10.200 s', side: 'after' },
      visibleMax: { amount: '20.000 s', side: 'after' },
    });
    expect(visibleLatency({ latencyP50: 800, visibleLatencyP50: 800, latencyMax: 900, visibleLatencyMax: 900 })).toBeNull();
    // Kafka Streams emits an update per record, so its first result comes before the window closes.
    expect(lagText(visibleLatency({ latencyP50: -4310, visibleLatencyP50: 185, latencyMax: 5000, visibleLatencyMax: 5000 })!.emitted)).toBe('4.310 s before');
  });
});
