/**
 * One scenario, the streaming mode run under two semantics profiles, window by window: which
 * windows' results differ, and the rule that made them differ, in a sentence a learner can
 * carry to the real engines.
 */
import type { Firing, Result } from '../modes/results';
import type { ModeOutput } from '../modes/mode-output';
import type { Scenario, SemanticsName } from '../scenario/schema';
import { createRun } from '../simulation/run';
import type { Window } from '../windows/window';
import { profile } from '../semantics/profiles';

export interface ProfileEmission {
  at: number;
  value: number;
  firing: Firing;
  pane?: number;
  retraction?: true;
}

/** What one profile did with one window of one key. */
export interface ProfileSide {
  /** The value a sink holds at the end (discarding panes combined), or null if never emitted. */
  final: number | null;
  emissions: ProfileEmission[];
}

export interface ProfileWindowDiff {
  key: string;
  window: Window;
  /** Batch's value for this window, or null when batch has no such window. */
  truth: number | null;
  a: ProfileSide;
  b: ProfileSide;
  /** The rule behind the difference, in plain words. */
  rule: string;
}

export interface ProfileComparison {
  profiles: [SemanticsName, SemanticsName];
  /** Windows (key and window) either profile emitted or batch has. */
  windows: number;
  /** Every window whose emissions (value, firing, time) differ, by window end, then key. */
  differing: ProfileWindowDiff[];
  /** Records each profile dropped as late. */
  droppedLate: [number, number];
}

const windowId = (key: string, w: Window) => `${w.start}\u0000${w.end}\u0000${key}`;

/** Runs `scenario` with the streaming mode under profiles a and b and lines up their windows. */
export function compareProfiles(scenario: Scenario, a: SemanticsName, b: SemanticsName): ProfileComparison {
  const runA = createRun({ ...scenario, processor: { ...scenario.processor, semantics: a } }, { only: ['streaming', 'batch'] });
  runA.advanceTo(runA.endTime);
  const runB = createRun({ ...scenario, processor: { ...scenario.processor, semantics: b } }, { only: ['streaming'] });
  runB.advanceTo(runB.endTime);
  return compareOutputs(scenario, [a, b], runA.modes.streaming, runB.modes.streaming, runA.modes.batch);
}

/** Lines up two finished streaming outputs (exported for tests that build outputs by hand). */
export function compareOutputs(
  scenario: Scenario,
  profiles: [SemanticsName, SemanticsName],
  outA: ModeOutput,
  outB: ModeOutput,
  truth: ModeOutput | null,
): ProfileComparison {
  const discarding = scenario.processor.accumulation === 'discarding';
  const sides = new Map<string, { key: string; window: Window; a: ProfileSide; b: ProfileSide; truth: number | null }>();
  const entry = (key: string, window: Window) => {
    const id = windowId(key, window);
    let e = sides.get(id);
    if (!e) {
      e = { key, window: { start: window.start, end: window.end }, a: { final: null, emissions: [] }, b: { final: null, emissions: [] }, truth: null };
      sides.set(id, e);
    }
    return e;
  };
  const add = (side: ProfileSide, r: Result) => {
    const emission: ProfileEmission = { at: r.emittedAt, value: r.value, firing: r.firing };
    if (r.pane !== undefined) emission.pane = r.pane;
    if (r.retraction) {
      emission.retraction = true;
      side.emissions.push(emission);
      return;
    }
    side.emissions.push(emission);
    side.final = side.final === null || !discarding ? r.value : combine(scenario, side.final, r.value);
  };
  for (const r of outA.results) add(entry(r.key, r.window).a, r);
  for (const r of outB.results) add(entry(r.key, r.window).b, r);
  for (const r of truth?.results ?? []) entry(r.key, r.window).truth = r.value;

  const differing: ProfileWindowDiff[] = [];
  for (const e of sides.values()) {
    if (sameEmissions(e.a.emissions, e.b.emissions)) continue;
    differing.push({ ...e, rule: explain(scenario, profiles, e.a, e.b) });
  }
  differing.sort((x, y) => x.window.end - y.window.end || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0) || x.window.start - y.window.start);
  return { profiles, windows: sides.size, differing, droppedLate: [outA.counters.droppedLate, outB.counters.droppedLate] };
}

function combine(scenario: Scenario, a: number, b: number): number {
  const agg = scenario.processor.aggregate;
  if (agg === 'count' || agg === 'sum') return a + b;
  if (agg === 'min') return Math.min(a, b);
  if (agg === 'max') return Math.max(a, b);
  return b;
}

const same = (x: number, y: number) => x === y || (Number.isNaN(x) && Number.isNaN(y));

function sameEmissions(x: ProfileEmission[], y: ProfileEmission[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const p = x[i];
    const q = y[i];
    if (p.at !== q.at || !same(p.value, q.value) || p.firing !== q.firing || !!p.retraction !== !!q.retraction) return false;
  }
  return true;
}

/**
 * The most telling difference first: a window only one profile has (how windows are formed),
 * then a different number of results (when each profile emits), then a different final value
 * (what each counts as late), then only the timing (when each fires).
 */
function explain(scenario: Scenario, [a, b]: [SemanticsName, SemanticsName], sa: ProfileSide, sb: ProfileSide): string {
  const A = profile(a).label;
  const B = profile(b).label;
  const ra = profile(a).rules;
  const rb = profile(b).rules;
  const session = scenario.processor.window.type === 'session';
  const onlyIn = sa.emissions.length === 0 ? 'b' : sb.emissions.length === 0 ? 'a' : null;
  if (onlyIn !== null) {
    const [has, hasnt] = onlyIn === 'a' ? [A, B] : [B, A];
    if (session) return `Only ${has} has this session. ${ra.sessions} ${rb.sessions}`;
    if (scenario.processor.window.type === 'sliding' && (a === 'kafka-streams' || b === 'kafka-streams')) {
      return `Only ${has} has this window. ${profile('kafka-streams').rules.windows}`;
    }
    return `${hasnt} never emitted this window. ${hasnt === A ? ra.late : rb.late}`;
  }
  const nonRetractions = (s: ProfileSide) => s.emissions.filter((e) => !e.retraction).length;
  if (nonRetractions(sa) !== nonRetractions(sb)) {
    const [more, fewer, rMore, rFewer] = nonRetractions(sa) > nonRetractions(sb) ? [A, B, ra, rb] : [B, A, rb, ra];
    return `${more} emitted ${Math.max(nonRetractions(sa), nonRetractions(sb))} results, ${fewer} ${Math.min(nonRetractions(sa), nonRetractions(sb))}. ${rMore.emits} ${rFewer.emits}`.replace(/\s+/g, ' ');
  }
  if (sa.final !== null && sb.final !== null && !same(sa.final, sb.final)) {
    // Firing at different moments changes what counts as late, so say when each fired too.
    const firedApart = sa.emissions[0].at !== sb.emissions[0].at;
    return `${A} ends with ${sa.final}, ${B} with ${sb.final}. ${firedApart ? `${ra.fires} ${rb.fires} ` : ''}${ra.late} ${rb.late}`;
  }
  return `Same values at different moments. ${ra.fires} ${rb.fires}`;
}
