/**
 * Finds where JSON text first goes wrong, so an error can name the line and column even
 * where the JavaScript engine's message does not (V8 often says only "Unexpected token").
 * A small scanner with an explicit stack: deep nesting cannot overflow the call stack.
 *
 * @example
 * jsonErrorPosition('{"a": [1, 2,]}') // 12: the "]" after a trailing comma
 */
type Expect = 'value' | 'key' | 'colon' | 'commaOrEnd' | 'valueOrEnd' | 'keyOrEnd';

export function jsonErrorPosition(text: string): number | null {
  const n = text.length;
  let i = 0;
  const stack: ('{' | '[')[] = [];
  let expect = 'value' as Expect;

  const skipSpace = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return;
      i++;
    }
  };
  const scanString = (): boolean => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c < 32) return false;
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return false;
      } else i++;
    }
    return false;
  };
  const scanNumber = (): boolean => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0].length === 0) return false;
    i += m[0].length;
    return true;
  };
  // After a complete value: a comma, the end of its container, or (at top level) the end.
  const afterValue = () => {
    expect = 'commaOrEnd';
  };

  for (;;) {
    skipSpace();
    if (i >= n) return stack.length === 0 && expect === 'commaOrEnd' ? null : n;
    const ch = text[i];
    switch (expect) {
      case 'value':
      case 'valueOrEnd':
        if (expect === 'valueOrEnd' && ch === ']') {
          stack.pop();
          i++;
          afterValue();
        } else if (ch === '{') {
          stack.push('{');
          i++;
          expect = 'keyOrEnd';
        } else if (ch === '[') {
          stack.push('[');
          i++;
          expect = 'valueOrEnd';
        } else if (ch === '"') {
          if (!scanString()) return i;
          afterValue();
        } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
          if (!scanNumber()) return i;
          afterValue();
        } else {
          const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
          if (!word) return i;
          i += word.length;
          afterValue();
        }
        break;
      case 'key':
      case 'keyOrEnd':
        if (expect === 'keyOrEnd' && ch === '}') {
          stack.pop();
          i++;
          afterValue();
        } else if (ch === '"') {
          if (!scanString()) return i;
          expect = 'colon';
        } else return i;
        break;
      case 'colon':
        if (ch !== ':') return i;
        i++;
        expect = 'value';
        break;
      case 'commaOrEnd': {
        const top = stack[stack.length - 1];
        if (top === undefined) return i; // text after a complete value
        if (ch === ',') {
          i++;
          expect = top === '{' ? 'key' : 'value';
        } else if ((ch === '}' && top === '{') || (ch === ']' && top === '[')) {
          stack.pop();
          i++;
          afterValue();
        } else return i;
        break;
      }
    }
  }
}

/** 1-based line and column of a position in text. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < position && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}
