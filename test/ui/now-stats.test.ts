/**
 * The mode cards count windows as of now (issue 13: "62 wrong" at 10 s was the end-of-run total).
 * late-ctr, from `npm run -s sim -- scenarios/late-ctr.json`: streaming emits ad-A [0 s, 10 s) 0.037
 * at 11,200 (truth 0.064), ad-C 0.048 at 11,200 and 0.06 at 11,226 (truth 0.083), ad-C 0.071 at
 * 12,948, ad-C 0.083 at 13,848 (= truth), ad-A 0.046 at 12,683 and 0.055 at 15,781 (truth 0.064).
 */
import { describe, expect, test } from 'vitest';
import { finishedLesson } from '../helpers/scripted';
import { compareRun } from '../../src/ui/outputs/truth-divergence';
import { tallyAt, tallyTimeline } from '../../src/ui/outputs/now-stats';

describe('window tallies as of now', () => {
  const run = finishedLesson('late-ctr.json');
  const c = compareRun(run);
  const streaming = tallyTimeline(c, 'streaming', run.endTime);
  const microbatch = tallyTimeline(c, 'microbatch', run.endTime);

  test('late-ctr streaming: nothing before 11.2 s; 2 wrong at 12 s; ad-C exact from 13,848', () => {
    expect(tallyAt(streaming, 11_199)).toEqual({ exact: 0, wrong: 0, missing: 0 });
    expect(tallyAt(streaming, 12_000)).toEqual({ exact: 0, wrong: 2, missing: 0 });
    expect(tallyAt(streaming, 13_848)).toEqual({ exact: 1, wrong: 1, missing: 0 });
  });

  test('late-ctr micro-batch: its first batch with results runs at 20 s, and its watermark is below 10,000 before it', () => {
    // The micro-batch watermark after the 10 s batch is under 10,000 (13,975 only from 20 s on).
    expect(tallyAt(microbatch, 19_999)).toEqual({ exact: 0, wrong: 0, missing: 0 });
    // At 20 s: ad-A 0.046 (truth 0.064) wrong, ad-C 0.083 exact.
    expect(tallyAt(microbatch, 20_000)).toEqual({ exact: 1, wrong: 1, missing: 0 });
  });

  test('at the end of the run the tallies are the engine summary, in every scenario tried', () => {
    for (const file of ['late-ctr.json', 'four-engines.json', 'consumer-crash.json', 'dataflow-by-hand.json', 'idle-partition.json', 'exactly-once-latency.json', 'replay.json']) {
      const r = finishedLesson(file);
      const cmp = compareRun(r);
      for (const mode of ['microbatch', 'streaming'] as const) {
        const s = cmp.divergence[mode]?.summary;
        if (!s) throw new Error('no summary');
        expect(tallyAt(tallyTimeline(cmp, mode, r.endTime), r.endTime), `${file} ${mode}`).toEqual({ exact: s.exact, wrong: s.wrong, missing: s.missing });
      }
    }
  });
});
