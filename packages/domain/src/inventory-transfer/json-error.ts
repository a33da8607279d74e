/**
 * The offset of the first syntax error in `text`, found by a small recursive-descent scan over RFC 8259
 * JSON; null when the text is valid or too deeply nested to scan. Only used after JSON.parse has failed,
 * since the engine's messages differ between Node.js versions and do not always give a position.
 */
export function jsonErrorOffset(text: string): number | null {
  let index = 0;

  const fail = (): never => {
    throw new SyntaxAt(index);
  };
  const skipSpace = () => {
    while (index < text.length && ' \t\n\r'.includes(text.charAt(index))) index += 1;
  };
  const expect = (word: string) => {
    for (const char of word) {
      if (text.charAt(index) !== char) fail();
      index += 1;
    }
  };
  const digits = () => {
    const start = index;
    while (/[0-9]/.test(text.charAt(index))) index += 1;
    if (index === start) fail();
  };
  const number = () => {
    if (text.charAt(index) === '-') index += 1;
    if (text.charAt(index) === '0') index += 1;
    else digits();
    if (text.charAt(index) === '.') {
      index += 1;
      digits();
    }
    if (/[eE]/.test(text.charAt(index))) {
      index += 1;
      if (/[+-]/.test(text.charAt(index))) index += 1;
      digits();
    }
  };
  const string = () => {
    expect('"');
    for (;;) {
      if (index >= text.length) fail();
      const char = text.charAt(index);
      if (char === '"') {
        index += 1;
        return;
      }
      if (char < ' ') fail();
      if (char === '\\') {
        index += 1;
        const escape = text.charAt(index);
        if (escape === 'u') {
          index += 1;
          for (let n = 0; n < 4; n += 1) {
            if (!/[0-9a-fA-F]/.test(text.charAt(index))) fail();
            index += 1;
          }
          continue;
        }
        if (!'"\\/bfnrt'.includes(escape) || escape === '') fail();
      }
      index += 1;
    }
  };
  const list = (close: string, item: () => void) => {
    index += 1;
    skipSpace();
    if (text.charAt(index) === close) {
      index += 1;
      return;
    }
    for (;;) {
      item();
      skipSpace();
      if (text.charAt(index) === close) {
        index += 1;
        return;
      }
      expect(',');
    }
  };
  const value = (): void => {
    skipSpace();
    const char = text.charAt(index);
    if (char === '{') {
      list('}', () => {
        skipSpace();
        string();
        skipSpace();
        expect(':');
        value();
      });
    } else if (char === '[') list(']', value);
    else if (char === '"') string();
    else if (char === 't') expect('true');
    else if (char === 'f') expect('false');
    else if (char === 'n') expect('null');
    else if (char === '-' || /[0-9]/.test(char)) number();
    else fail();
  };

  try {
    value();
    skipSpace();
    if (index < text.length) fail();
    return null;
  } catch (error) {
    if (error instanceof SyntaxAt) return error.offset;
    return null;
  }
}

class SyntaxAt extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at offset ${offset}`);
  }
}
