/**
 * A producer outage: records sent while the producer is offline wait in its buffer and
 * reach the broker together when it reconnects.
 */
export interface Outage {
  from: number;
  to: number;
}

/** When a record sent at `sentAt` reaches the broker, given non-overlapping outages. */
export function arrivalAfterOutages(sentAt: number, outages: readonly Outage[]): number {
  for (const o of outages) {
    if (sentAt >= o.from && sentAt < o.to) return o.to;
  }
  return sentAt;
}
