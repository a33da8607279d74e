const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SPACE = 0x20;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
/** UTF-8 lead bytes from here on start code points from U+E000: their byte order is not their UTF-16 order. */
const FIRST_BYTE_OUT_OF_UTF16_ORDER = 0xee;
/** Integers of up to 15 digits are exact doubles that JavaScript prints digit for digit. */
const MAX_PLAIN_INTEGER_DIGITS = 15;

/** The input is not in the shapes this handles; `canonicalJson(JSON.parse(text))` gives the answer instead. */
class NotHandled extends Error {}
const NOT_HANDLED = new NotHandled();

type Member = { keyStart: number; keyEnd: number; valueStart: number; valueEnd: number };

/**
 * `canonicalJson(JSON.parse(text))` for `text` as PostgreSQL prints a jsonb value, written as UTF-8 straight from
 * the printed bytes: spaces dropped, object members re-ordered, strings and plain integers copied as they are.
 * jsonb prints keys sorted by length first and strings with exactly JSON.stringify's escapes, so only the order and
 * the spacing differ for most values. Whatever could come out differently is left to the caller (returns -1): keys
 * with escapes or characters from U+E000 (UTF-8 and UTF-16 sort those differently), and numbers other than plain
 * integers of up to 15 digits.
 *
 * Reads `source[0, length)`, writes to `target` from 0 (which must hold `length` bytes: the result is never longer)
 * and returns the bytes written.
 */
export function canonicalJsonFromJsonbText(source: Buffer, length: number, target: Buffer): number {
  const writer = WRITER.start(source, length, target);
  try {
    const end = writer.value(writer.skipSpaces(0));
    if (writer.skipSpaces(end) !== length) return -1;
    return writer.written;
  } catch (error) {
    if (error instanceof NotHandled) return -1;
    throw error;
  }
}

class CanonicalWriter {
  written = 0;
  private source: Buffer = Buffer.alloc(0);
  private length = 0;
  private target: Buffer = Buffer.alloc(0);
  /** Members' output while their object is re-ordered. */
  private scratch = Buffer.allocUnsafe(0);

  start(source: Buffer, length: number, target: Buffer): this {
    this.source = source;
    this.length = length;
    this.target = target;
    this.written = 0;
    return this;
  }

  skipSpaces(at: number): number {
    while (at < this.length && this.source[at] === SPACE) at += 1;
    return at;
  }

  /** Writes the value starting at `at` and returns where it ends in the source. */
  value(at: number): number {
    const byte = this.source[at];
    if (byte === OPEN_OBJECT) return this.object(at);
    if (byte === OPEN_ARRAY) return this.array(at);
    if (byte === QUOTE) return this.copy(at, this.stringEnd(at));
    if (byte === MINUS || (byte !== undefined && byte >= ZERO && byte <= NINE)) return this.copy(at, this.integerEnd(at));
    for (const literal of LITERALS) {
      const end = at + literal.length;
      if (end <= this.length && this.source.compare(literal, 0, literal.length, at, end) === 0) {
        return this.copy(at, at + literal.length);
      }
    }
    throw NOT_HANDLED;
  }

  private copy(from: number, to: number): number {
    this.written = copyBytes(this.source, from, to, this.target, this.written);
    return to;
  }

  /** The end (after the closing quote) of the string starting at `at`. */
  private stringEnd(at: number): number {
    for (let index = at + 1; index < this.length; index += 1) {
      const byte = this.source[index];
      if (byte === BACKSLASH) index += 1;
      else if (byte === QUOTE) return index + 1;
    }
    throw NOT_HANDLED;
  }

  /** The end of a plain integer (`-?(0|[1-9][0-9]*)`, at most 15 digits) starting at `at`; any other number is not handled. */
  private integerEnd(at: number): number {
    const digitsFrom = this.source[at] === MINUS ? at + 1 : at;
    let index = digitsFrom;
    while (index < this.length && this.source[index]! >= ZERO && this.source[index]! <= NINE) index += 1;
    const digits = index - digitsFrom;
    const next = this.source[index];
    const endsHere = index === this.length || next === COMMA || next === SPACE || next === CLOSE_ARRAY || next === CLOSE_OBJECT;
    if (!endsHere || digits === 0 || digits > MAX_PLAIN_INTEGER_DIGITS) throw NOT_HANDLED;
    // Leading zeros do not occur in jsonb's output; "-0" is what JavaScript prints as 0.
    if (this.source[digitsFrom] === ZERO && (digits > 1 || digitsFrom !== at)) throw NOT_HANDLED;
    return index;
  }

  private array(at: number): number {
    this.target[this.written++] = OPEN_ARRAY;
    at = this.skipSpaces(at + 1);
    if (this.source[at] === CLOSE_ARRAY) {
      this.target[this.written++] = CLOSE_ARRAY;
      return at + 1;
    }
    for (;;) {
      at = this.skipSpaces(this.value(at));
      const byte = this.source[at];
      if (byte === CLOSE_ARRAY) {
        this.target[this.written++] = CLOSE_ARRAY;
        return at + 1;
      }
      if (byte !== COMMA) throw NOT_HANDLED;
      this.target[this.written++] = COMMA;
      at = this.skipSpaces(at + 1);
    }
  }

  private object(at: number): number {
    const objectStart = this.written;
    this.target[this.written++] = OPEN_OBJECT;
    at = this.skipSpaces(at + 1);
    if (this.source[at] === CLOSE_OBJECT) {
      this.target[this.written++] = CLOSE_OBJECT;
      return at + 1;
    }
    const members: Member[] = [];
    let sorted = true;
    for (;;) {
      if (this.source[at] !== QUOTE) throw NOT_HANDLED;
      const keyStart = at;
      const keyEnd = this.stringEnd(at);
      for (let index = keyStart + 1; index < keyEnd - 1; index += 1) {
        const byte = this.source[index]!;
        if (byte === BACKSLASH || byte >= FIRST_BYTE_OUT_OF_UTF16_ORDER) throw NOT_HANDLED;
      }
      at = this.skipSpaces(keyEnd);
      if (this.source[at] !== COLON) throw NOT_HANDLED;
      at = this.skipSpaces(at + 1);
      if (members.length > 0) this.target[this.written++] = COMMA;
      this.copy(keyStart, keyEnd);
      this.target[this.written++] = COLON;
      const valueStart = this.written;
      at = this.skipSpaces(this.value(at));
      const member = { keyStart, keyEnd, valueStart, valueEnd: this.written };
      if (sorted && members.length > 0 && this.compareKeys(members[members.length - 1]!, member) > 0) sorted = false;
      members.push(member);
      const byte = this.source[at];
      if (byte === CLOSE_OBJECT) break;
      if (byte !== COMMA) throw NOT_HANDLED;
      at = this.skipSpaces(at + 1);
    }
    this.target[this.written++] = CLOSE_OBJECT;
    if (!sorted) this.reorder(objectStart, members);
    return at + 1;
  }

  /** UTF-16 order of two keys without escapes or code points from U+E000, which is their bytes' order. */
  private compareKeys(a: Member, b: Member): number {
    const { source } = this;
    const aLength = a.keyEnd - a.keyStart;
    const bLength = b.keyEnd - b.keyStart;
    const common = Math.min(aLength, bLength) - 1;
    for (let index = 1; index < common; index += 1) {
      const difference = source[a.keyStart + index]! - source[b.keyStart + index]!;
      if (difference !== 0) return difference;
    }
    return aLength - bLength;
  }

  /** Writes the object at `objectStart` (written in jsonb's order) again with its members in key order. */
  private reorder(objectStart: number, members: Member[]): void {
    // Insertion sort: objects have few members, and jsonb's order is often close to this one.
    for (let index = 1; index < members.length; index += 1) {
      const member = members[index]!;
      let to = index;
      while (to > 0 && this.compareKeys(members[to - 1]!, member) > 0) {
        members[to] = members[to - 1]!;
        to -= 1;
      }
      members[to] = member;
    }
    const objectEnd = this.written;
    if (this.scratch.length < objectEnd - objectStart) this.scratch = Buffer.allocUnsafe(2 * (objectEnd - objectStart));
    const { scratch, target, source } = this;
    copyBytes(target, objectStart, objectEnd, scratch, 0);
    let written = objectStart + 1;
    for (let index = 0; index < members.length; index += 1) {
      const member = members[index]!;
      if (index > 0) target[written++] = COMMA;
      written = copyBytes(source, member.keyStart, member.keyEnd, target, written);
      target[written++] = COLON;
      written = copyBytes(scratch, member.valueStart - objectStart, member.valueEnd - objectStart, target, written);
    }
    target[written] = CLOSE_OBJECT;
  }
}

/** One writer for all calls (they never overlap), so that a value allocates nothing but its members. */
const WRITER = new CanonicalWriter();

const LITERALS = ['true', 'false', 'null'].map((literal) => Buffer.from(literal));

/** Copies `source[from, to)` to `target` at `at` and returns where it ends: for the short pieces here, a loop is cheaper than `Buffer#copy`. */
function copyBytes(source: Buffer, from: number, to: number, target: Buffer, at: number): number {
  if (to - from > 64) return at + source.copy(target, at, from, to);
  for (let index = from; index < to; index += 1) target[at++] = source[index]!;
  return at;
}
