/**
 * Kafka's key hash, bit for bit.
 *
 * The simulator places keyed records on the same partitions a real Kafka
 * producer would, so the hash must match `org.apache.kafka.common.utils.Utils.murmur2`
 * exactly, including Java's signed 32-bit overflow. JavaScript numbers are
 * doubles, so every multiply goes through `Math.imul` (a true 32-bit multiply)
 * and every shift that Java writes as `>>>` stays `>>>` here.
 */

// The engine's tsconfig has neither DOM nor Node types, yet TextEncoder exists in
// every runtime we target (browsers, workers, Node >= 11). Declaring the one
// member we use keeps the engine type-checking without pulling in either lib.
declare const TextEncoder: new () => { encode(input: string): Uint8Array };

const SEED = 0x9747b28c;
// 'm' and 'r' are MurmurHash2's mixing constants, unchanged by Kafka.
const M = 0x5bd1e995;
const R = 24;

/**
 * MurmurHash2 exactly as Kafka's `Utils.murmur2` computes it: seed 0x9747b28c,
 * little-endian 4-byte blocks, the 1–3 trailing bytes folded in, then the final
 * avalanche. Returns the signed 32-bit int Java would return.
 *
 * @example
 * murmur2(utf8('foobar')); // -790332482 (Kafka's UtilsTest.testMurmur2)
 */
export function murmur2(bytes: Uint8Array): number {
  const length = bytes.length;
  let h = SEED ^ length; // `^` already yields an int32, as Java's int does

  const blocks = length >>> 2;
  for (let i = 0; i < blocks; i++) {
    const i4 = i * 4;
    // Uint8Array entries are already 0..255, so Java's `& 0xff` is implicit.
    // `<< 24` may set the sign bit; that is fine, Java's int does the same.
    let k = bytes[i4] | (bytes[i4 + 1] << 8) | (bytes[i4 + 2] << 16) | (bytes[i4 + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }

  // Java uses a fall-through switch on length % 4; the compiler here forbids
  // fall-through, so the same cascade is written as nested thresholds.
  const tail = length & ~3;
  const rest = length & 3;
  if (rest >= 3) h ^= bytes[tail + 2] << 16;
  if (rest >= 2) h ^= bytes[tail + 1] << 8;
  if (rest >= 1) {
    h ^= bytes[tail];
    h = Math.imul(h, M);
  }

  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/**
 * The UTF-8 bytes of `text`, as Kafka's `StringSerializer` sends a string key.
 *
 * One known difference: an unpaired surrogate becomes U+FFFD (EF BF BD) here,
 * while Java's `getBytes(UTF_8)` writes `?` (0x3F). Well-formed strings agree.
 *
 * @example
 * utf8('é'); // Uint8Array [0xc3, 0xa9]
 */
export function utf8(text: string): Uint8Array {
  // A fresh encoder per call: it is cheap and keeps the module free of shared state.
  return new TextEncoder().encode(text);
}
