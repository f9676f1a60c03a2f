/**
 * Window aggregates as accumulators: one small mutable object per window and key, the same
 * shape for every aggregate so the hot path stays monomorphic.
 */
import type { AggregateSpec } from '../scenario/schema';

export interface Accumulator {
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Ratio aggregate: events whose type is the numerator's / denominator's. */
  numerator: number;
  denominator: number;
  distinct: Set<number> | null;
}

export interface Aggregate {
  create(): Accumulator;
  add(acc: Accumulator, value: number, type: number): void;
  merge(into: Accumulator, from: Accumulator): void;
  result(acc: Accumulator): number;
}

/** Matches no event: untyped events have type -1, so an unknown name must not map there. */
const NO_TYPE = -2;

export function createAggregate(spec: AggregateSpec, typeIndex: (name: string) => number): Aggregate {
  const kind = typeof spec === 'string' ? spec : spec.type;
  const indexOf = (name: string) => {
    const i = typeIndex(name);
    return i >= 0 ? i : NO_TYPE;
  };
  const numType = typeof spec === 'string' ? NO_TYPE : indexOf(spec.numerator);
  const denType = typeof spec === 'string' ? NO_TYPE : indexOf(spec.denominator);
  const distinct = kind === 'countDistinct';
  return {
    create: () => ({ count: 0, sum: 0, min: Infinity, max: -Infinity, numerator: 0, denominator: 0, distinct: distinct ? new Set() : null }),
    add: adderFor(kind, numType, denType),
    merge(into, from) {
      into.count += from.count;
      into.sum += from.sum;
      into.min = Math.min(into.min, from.min);
      into.max = Math.max(into.max, from.max);
      into.numerator += from.numerator;
      into.denominator += from.denominator;
      if (into.distinct && from.distinct) for (const v of from.distinct) into.distinct.add(v);
    },
    result(acc) {
      switch (kind) {
        case 'count':
          return acc.count;
        case 'sum':
          return acc.sum;
        case 'min':
          return acc.min;
        case 'max':
          return acc.max;
        case 'avg':
          return acc.sum / acc.count;
        case 'countDistinct':
          return acc.distinct ? acc.distinct.size : 0;
        case 'ratio':
          // No denominator events yet: the ratio is undefined, written as null in JSON.
          return acc.denominator === 0 ? NaN : acc.numerator / acc.denominator;
        default:
          return NaN;
      }
    },
  };
}

/**
 * `add` runs once per element and window, so it updates only the fields its aggregate's
 * result reads (the others keep their initial values, which `merge` and `reset` handle).
 */
function adderFor(kind: string, numType: number, denType: number): Aggregate['add'] {
  switch (kind) {
    case 'count':
      return (acc) => {
        acc.count++;
      };
    case 'sum':
      return (acc, value) => {
        acc.sum += value;
      };
    case 'avg':
      return (acc, value) => {
        acc.count++;
        acc.sum += value;
      };
    case 'min':
      return (acc, value) => {
        if (value < acc.min) acc.min = value;
      };
    case 'max':
      return (acc, value) => {
        if (value > acc.max) acc.max = value;
      };
    case 'countDistinct':
      return (acc, value) => {
        acc.distinct?.add(value);
      };
    case 'ratio':
      return (acc, _value, type) => {
        if (type === numType) acc.numerator++;
        if (type === denType) acc.denominator++;
      };
    default:
      // An aggregate whose result is NaN whatever it holds.
      return () => {};
  }
}

export function resetAccumulator(acc: Accumulator): void {
  acc.count = 0;
  acc.sum = 0;
  acc.min = Infinity;
  acc.max = -Infinity;
  acc.numerator = 0;
  acc.denominator = 0;
  if (acc.distinct) acc.distinct.clear();
}
