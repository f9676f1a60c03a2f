/** Which focused controls keep Space (and the arrows) for themselves, as a video player decides. */
import { describe, expect, test } from 'vitest';
import { arrowsBelongTo, spaceBelongsTo, type FocusedControl } from '../../src/ui/controls/keys';

const el = (tagName: string, type = '', role = '', isContentEditable = false): FocusedControl => ({ tagName, type, role, isContentEditable });

describe('spaceBelongsTo', () => {
  test('text fields, menus, checkboxes and radios keep Space', () => {
    expect(spaceBelongsTo(el('INPUT', 'text'))).toBe(true);
    expect(spaceBelongsTo(el('INPUT', 'number'))).toBe(true);
    expect(spaceBelongsTo(el('INPUT', 'checkbox'))).toBe(true);
    expect(spaceBelongsTo(el('INPUT', 'radio'))).toBe(true);
    expect(spaceBelongsTo(el('TEXTAREA'))).toBe(true);
    expect(spaceBelongsTo(el('SELECT'))).toBe(true);
    expect(spaceBelongsTo(el('DIV', '', '', true))).toBe(true);
    expect(spaceBelongsTo(el('DIV', '', 'menuitem'))).toBe(true);
  });

  test('buttons, links, the scrubber and the page body give Space to play/pause', () => {
    expect(spaceBelongsTo(el('BUTTON'))).toBe(false);
    expect(spaceBelongsTo(el('A'))).toBe(false);
    expect(spaceBelongsTo(el('SUMMARY'))).toBe(false);
    expect(spaceBelongsTo(el('INPUT', 'range'))).toBe(false);
    expect(spaceBelongsTo(el('BODY'))).toBe(false);
    expect(spaceBelongsTo(el('CANVAS', '', 'application'))).toBe(false);
    expect(spaceBelongsTo(null)).toBe(false);
  });
});

describe('arrowsBelongTo', () => {
  test('a slider and a radio group move with the arrows; a button does not', () => {
    expect(arrowsBelongTo(el('INPUT', 'range'))).toBe(true);
    expect(arrowsBelongTo(el('DIV', '', 'radiogroup'))).toBe(true);
    expect(arrowsBelongTo(el('BUTTON'))).toBe(false);
    expect(arrowsBelongTo(el('CANVAS', '', 'application'))).toBe(false);
  });
});
