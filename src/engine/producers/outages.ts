/**
 * A producer outage: records sent while the producer is offline wait in its buffer and
 * reach the broker together when it reconnects.
 */
export interface Outage {
  from: number;
  to: number;
}

/**
 * When a record sent at `sentAt` reaches the broker, given non-overlapping outages. An outage
 * that starts the moment another ends keeps the buffer closed: the flush waits for the last.
 */
export function arrivalAfterOutages(sentAt: number, outages: readonly Outage[]): number {
  let t = sentAt;
  for (let moved = true; moved; ) {
    moved = false;
    for (const o of outages) {
      if (t >= o.from && t < o.to) {
        t = o.to;
        moved = true;
      }
    }
  }
  return t;
}
