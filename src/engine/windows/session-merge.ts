/**
 * Session merging: sessions of one key that a new element bridges become one window holding
 * all their contents. A session that already emitted a pane leaves that pane behind; with
 * retracting accumulation the merged session's next pane retracts it (and any panes the
 * absorbed session had itself absorbed) before emitting its own value, as Beam's and Flink's
 * retractions of merged windows do.
 */
import type { Aggregate } from '../aggregates/accumulator';
import type { AbsorbedPane, WindowState } from './window-state';

/** Folds parts[from..to) into `merged` and marks them dead (their timers are the triggers' to stop). */
export function absorbInto(merged: WindowState, parts: readonly WindowState[], from: number, to: number, aggregate: Aggregate): void {
  const absorbed: AbsorbedPane[] = [];
  for (let i = from; i < to; i++) {
    const part = parts[i];
    aggregate.merge(merged.acc, part.acc);
    merged.hasNew ||= part.hasNew;
    if (part.lastEmitted !== undefined) absorbed.push({ window: { start: part.start, end: part.end }, value: part.lastEmitted });
    if (part.absorbed) absorbed.push(...part.absorbed);
    part.alive = false;
  }
  merged.absorbed = absorbed.length > 0 ? absorbed : null;
}
