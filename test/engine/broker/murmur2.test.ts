import { describe, it, expect } from 'vitest';
import { murmur2, utf8 } from '../../../src/engine/broker/murmur2';

describe('murmur2', () => {
  // Expected values copied from Apache Kafka's own test:
  // apache/kafka clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java,
  // method testMurmur2. Those keys are ASCII, so "x".getBytes() there equals utf8("x") here.
  // Lengths 2, 6, 24, 26, 48 and 3 cover tails of 0, 2 and 3 bytes.
  const kafkaUtilsTest: ReadonlyArray<readonly [string, number]> = [
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
  ];

  it.each(kafkaUtilsTest)('hashes %j like Kafka Utils.murmur2', (key, expected) => {
    expect(murmur2(utf8(key))).toBe(expected);
  });

  it("hashes the raw bytes {'a','b','c'} like Kafka Utils.murmur2", () => {
    // apache/kafka UtilsTest.testMurmur2: cases.put(new byte[] {'a', 'b', 'c'}, 479470107)
    expect(murmur2(new Uint8Array([0x61, 0x62, 0x63]))).toBe(479470107);
  });

  it('returns signed 32-bit ints, negative ones included', () => {
    // Five of Kafka's six vectors are negative: a port that returned `h >>> 0`
    // would give 2^32 + h instead, which these checks reject.
    const h = murmur2(utf8('foobar'));
    expect(h).toBe(-790332482);
    expect(Number.isInteger(h) && h >= -(2 ** 31) && h < 2 ** 31).toBe(true);
  });

  // Kafka's vectors never have a 1-byte tail, so a second published set is used
  // to cover it. Source: confluentinc/librdkafka src/rdmurmur2.c, unittest_murmur2,
  // array `java_murmur2_results` (librdkafka states these are Java's results). They are
  // published as int32_t hex; `| 0` reinterprets the literal as signed, like the C cast.
  // The "1234"/"PreAmble…" entries there hash the string from offsets 0..3.
  const librdkafkaJavaResults: ReadonlyArray<readonly [string, number]> = [
    ['kafka', 0xd067cf64 | 0], // 5 bytes: 1-byte tail
    ['giberish123456789', 0x8f552b0c | 0], // 17 bytes: 1-byte tail
    ['1234', 0x9fc97b14 | 0],
    ['234', 0xe7c009ca | 0],
    ['34', 0x873930da | 0],
    ['4', 0x5a4b5ca1 | 0], // tail only, no full block
    ['PreAmbleWillBeRemoved,ThePrePartThatIs', 0x78424f1c | 0],
    ['reAmbleWillBeRemoved,ThePrePartThatIs', 0x4a62b377 | 0],
    ['eAmbleWillBeRemoved,ThePrePartThatIs', 0xe0e4e09e | 0],
    ['AmbleWillBeRemoved,ThePrePartThatIs', 0x62b8b43f | 0],
    ['', 0x106e08d9 | 0], // empty input: only the seed and the final avalanche
  ];

  it.each(librdkafkaJavaResults)('hashes %j like librdkafka’s Java reference values', (key, expected) => {
    expect(murmur2(utf8(key))).toBe(expected);
  });

  it('older librdkafka published the same "kafka" hash with the sign bit cleared', () => {
    // confluentinc/librdkafka src/rdmurmur2.c, older unittest_murmurhashneutral2:
    // "kafka" -> 1348980580. 0xd067cf64 & 0x7fffffff = 0x5067cf64 = 1348980580.
    expect(murmur2(utf8('kafka')) & 0x7fffffff).toBe(1348980580);
  });

  it('does not read past a subarray view', () => {
    // "foobar" sliced out of a larger buffer must hash like "foobar" alone
    // (Kafka vector above); reading the whole backing buffer would change it.
    const backing = utf8('xxfoobarxx');
    expect(murmur2(backing.subarray(2, 8))).toBe(-790332482);
  });
});

describe('utf8', () => {
  it('encodes ASCII one byte per character', () => {
    expect(Array.from(utf8('abc'))).toEqual([0x61, 0x62, 0x63]);
  });

  it('encodes the string from Kafka UtilsTest.utf8ByteArraySerde', () => {
    // apache/kafka UtilsTest.utf8ByteArraySerde uses "A\u00ea\u00f1\u00fcC".
    // By hand: U+00EA = 000 1110 1010 -> 110_00011 10_101010 = C3 AA;
    // U+00F1 -> C3 B1; U+00FC -> C3 BC; 'A' = 41, 'C' = 43.
    expect(Array.from(utf8('A\u00ea\u00f1\u00fcC'))).toEqual([
      0x41, 0xc3, 0xaa, 0xc3, 0xb1, 0xc3, 0xbc, 0x43,
    ]);
  });

  it('encodes 3- and 4-byte sequences', () => {
    // U+20AC (euro) = 0010 000010 101100 -> 1110_0010 10_000010 10_101100 = E2 82 AC.
    expect(Array.from(utf8('\u20ac'))).toEqual([0xe2, 0x82, 0xac]);
    // U+1F600 = 000 011111 011000 000000 -> F0 9F 98 80 (a surrogate pair in UTF-16).
    expect(Array.from(utf8('\u{1f600}'))).toEqual([0xf0, 0x9f, 0x98, 0x80]);
  });

  it('encodes the empty string as no bytes', () => {
    expect(utf8('').length).toBe(0);
  });
});
