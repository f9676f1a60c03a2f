/**
 * Page parameters for the embedded player: where `embed` and `lesson` are read from, and the
 * "Open in Streamlab" address, which must keep a share-link payload byte for byte.
 */
import { describe, expect, test } from 'vitest';
import { readPageParams, withoutEmbed } from '../../src/ui/lessons/embed';

const base = 'https://example.org/streamlab/';

describe('readPageParams', () => {
  test('embed and lesson from the query string', () => {
    expect(readPageParams(`${base}?embed=1&lesson=clicks`)).toEqual({ embed: true, lesson: 'clicks' });
  });
  test('embed among the fragment parameters of a share link', () => {
    expect(readPageParams(`${base}#s=v1.N4Ig+$x-1&t=500&embed=1`)).toEqual({ embed: true, lesson: null });
  });
  test('no parameters, embed=0 and a lesson id that cannot be an id', () => {
    expect(readPageParams(base)).toEqual({ embed: false, lesson: null });
    expect(readPageParams(`${base}?embed=0`).embed).toBe(false);
    expect(readPageParams(`${base}?lesson=%3Cscript%3E`).lesson).toBeNull();
  });
  test('not a URL at all', () => {
    expect(readPageParams('not a url')).toEqual({ embed: false, lesson: null });
  });
});

describe('withoutEmbed', () => {
  test('drops embed from the query and keeps the rest', () => {
    expect(withoutEmbed(`${base}?embed=1&lesson=clicks`)).toBe(`${base}?lesson=clicks`);
  });
  test('drops embed from the fragment and keeps the payload byte for byte', () => {
    // '+' and '$' are in the link alphabet; form-style re-encoding would turn '+' into a space.
    expect(withoutEmbed(`${base}#s=v1.N4Ig+$x-1&embed=1&t=500`)).toBe(`${base}#s=v1.N4Ig+$x-1&t=500`);
  });
});
