/**
 * Finding a dot on the event-time chart: under the pointer, or the next one in processing
 * order for the keyboard, and what the tooltip says about it.
 */
import { FATE, recordId, type Run } from '../../engine/index';
import { countUntilTimes } from '../state/at-time';
import { keyColour } from '../palette';
import { formatTime } from '../format';
import type { EventTimeLayout } from './event-time-layout';
import type { EventPoints } from './event-time-data';
import { DOT } from '../marks';

export function dotAt(l: EventTimeLayout, points: EventPoints, i: number): { x: number; y: number } {
  return { x: l.ax.a * points.times[i] + l.ax.b, y: l.ay.a * points.eventTimes[i] + l.ay.b };
}

/** The shown dot nearest to (mx, my) within `within` px, among the first `visible`. */
export function nearestDot(l: EventTimeLayout, points: EventPoints, visible: number, mx: number, my: number, within: number): number | null {
  const { ax, ay } = l;
  const first = countUntilTimes(points.times, l.x.domain()[0] - 1);
  let best = -1;
  let bestD = within * within;
  // Latest first: a dot drawn on top wins a tie.
  for (let i = visible - 1; i >= first; i--) {
    const dx = ax.a * points.times[i] + ax.b - mx;
    const dy = ay.a * points.eventTimes[i] + ay.b - my;
    const d = dx * dx + dy * dy;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best >= 0 ? best : null;
}

/** "]" steps to the next processed dot, "[" to the previous; from no selection, to the first or last. */
export function stepDot(current: number, visible: number, key: '[' | ']'): number {
  if (current < 0 || current >= visible) return key === ']' ? 0 : visible - 1;
  return Math.max(0, Math.min(visible - 1, current + (key === ']' ? 1 : -1)));
}

function fateText(r: Run, points: EventPoints, row: number): string {
  switch (points.style[points.indexOf[row]]) {
    case DOT.LATE:
      return 'dropped as late: its window had already closed';
    case DOT.MALFORMED:
      return 'dead-lettered: malformed';
    case DOT.DUPLICATE:
      return r.modes.streaming.fate[row] === FATE.DUPLICATE ? 'a retry’s duplicate, dropped by dedup' : 'a retry’s duplicate, counted again (dedup is off)';
    default:
      return 'counted in its window';
  }
}

export interface DotTip {
  x: number;
  y: number;
  id: string;
  key: string;
  colour: string;
  eventTime: string;
  processed: string;
  wait: string;
  fate: string;
  /** Show the tip left of / above the pointer, away from the plot's nearer edges. */
  flip: boolean;
  above: boolean;
}

export function dotTip(run: Run, points: EventPoints, l: EventTimeLayout, i: number, pointer: { x: number; y: number }, size: { width: number; height: number }): DotTip {
  const row = points.rows[i];
  const processed = points.times[i];
  const eventTime = points.eventTimes[i];
  return {
    ...dotAt(l, points, i),
    id: recordId(run.log, row),
    key: run.log.keys[points.keys[i]],
    colour: keyColour(points.keys[i]),
    eventTime: formatTime(eventTime),
    processed: formatTime(processed),
    // Processing time against processing time: event time need not share its clock (scripted).
    wait: formatTime(processed - run.log.records.appendedAt[row]),
    fate: fateText(run, points, row),
    flip: pointer.x > size.width / 2,
    above: pointer.y > size.height / 2,
  };
}
