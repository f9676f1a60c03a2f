/**
 * The page's keyboard shortcuts, decided as a video player decides them: Space plays and pauses
 * wherever focus is, except on a control where Space already means something to the learner
 * (typing in a text field, choosing in a menu, ticking a checkbox or radio). Buttons and links
 * are not exceptions: Enter presses them, so Space stays play/pause even on the guide's Next.
 */

/** What a keyboard shortcut needs to know about the focused element. */
export interface FocusedControl {
  tagName: string;
  /** An <input>'s type ('' otherwise). */
  type: string;
  /** The ARIA role, if any ('' otherwise). */
  role: string;
  isContentEditable: boolean;
}

/** Inputs whose Space is not typed: a slider, a colour or file chooser's button, a button input. */
const INPUTS_WITHOUT_TEXT = new Set(['range', 'button', 'submit', 'reset', 'image', 'color', 'file']);
/** Roles whose Space chooses or types (ARIA's own keyboard conventions). */
const ROLES_THAT_USE_SPACE = new Set(['textbox', 'searchbox', 'combobox', 'listbox', 'option', 'menu', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'checkbox', 'radio', 'switch', 'spinbutton']);

/** True when Space on this element is its own (type, choose, tick), so the page must not take it. */
export function spaceBelongsTo(el: FocusedControl | null): boolean {
  if (!el) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT' && !INPUTS_WITHOUT_TEXT.has(el.type.toLowerCase())) return true;
  return ROLES_THAT_USE_SPACE.has(el.role.toLowerCase());
}

/** True when the arrow keys belong to the element (a text caret, a menu, a slider): the page leaves them alone. */
export function arrowsBelongTo(el: FocusedControl | null): boolean {
  if (!el) return false;
  const tag = el.tagName.toUpperCase();
  return spaceBelongsTo(el) || tag === 'INPUT' || el.role.toLowerCase() === 'radiogroup';
}

/** The focused element as the shortcuts see it. */
export function focusedControl(target: EventTarget | null): FocusedControl | null {
  if (!(target instanceof HTMLElement)) return null;
  return {
    tagName: target.tagName,
    type: target instanceof HTMLInputElement ? target.type : '',
    role: target.getAttribute('role') ?? '',
    isContentEditable: target.isContentEditable,
  };
}
