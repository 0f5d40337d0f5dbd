import { ACCOUNTING_ATTRIBUTES } from "./accounting";

// One NDJSON line of the batch endpoint read straight from the body's text, for the form rlm_rest
// writes: `{"Name":{"type":"…","value":[one text or whole number]}, …}`. JSON.parse made about
// 25 objects a record (the record, an object and an array per attribute) for the dozen values
// accounting reads, and they were most of what the batch's garbage collector had to do. Anything
// outside that form (an escape, another number, true/false, several values, a key beside `type`
// and `value`, an attribute accounting reads named twice in any spelling, more after the closing
// brace) is left to JSON.parse and attributesOfRecord (batch.ts), so every refusal and its reason
// still come from the one check there; batch-record.test.ts holds both readers side by side.

const MAX_NAME = 128;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Attribute names as records spell them → the lower-case name when accountingPacket reads it,
 * else null: a batch repeats the same dozen names thousands of times, so each is lower-cased and
 * looked up once. Bounded, as names come from the caller.
 */
const readName = new Map<string, string | null>();
export function nameRead(name: string): string | null {
  let lower = readName.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (!ACCOUNTING_ATTRIBUTES.has(lower)) lower = null;
    if (readName.size >= 10_000) readName.clear();
    readName.set(name, lower);
  }
  return lower;
}

/**
 * The attributes accounting reads (lower-case names, first values as text) of the line
 * text[from, end) when it is a record in rlm_rest's plain form, else null (the caller parses it).
 */
export function plainAttributes(text: string, from: number, end: number): Map<string, string> | null {
  const out = new Map<string, string>();
  let at = skipSpace(text, from, end);
  if (text.charCodeAt(at) !== 0x7b /* { */ || at >= end) return null;
  at = skipSpace(text, at + 1, end);
  if (text.charCodeAt(at) === 0x7d /* } */) return at < end && skipSpace(text, at + 1, end) === end ? out : null;
  for (;;) {
    // "Name": {"type": "…", "value": [ value ]}
    const nameEnd = stringEnd(text, at, end);
    if (nameEnd < 0 || nameEnd - at - 1 < 1 || nameEnd - at - 1 > MAX_NAME) return null;
    const name = text.slice(at + 1, nameEnd);
    at = expect(text, skipSpace(text, nameEnd + 1, end), end, 0x3a /* : */);
    at = expect(text, at, end, 0x7b /* { */);
    if (at < 0 || !text.startsWith('"type"', at)) return null;
    at = expect(text, skipSpace(text, at + 6, end), end, 0x3a);
    if (at < 0) return null;
    const typeEnd = stringEnd(text, at, end);
    if (typeEnd < 0) return null;
    at = expect(text, skipSpace(text, typeEnd + 1, end), end, 0x2c /* , */);
    if (at < 0 || !text.startsWith('"value"', at)) return null;
    at = expect(text, skipSpace(text, at + 7, end), end, 0x3a);
    at = expect(text, at, end, 0x5b /* [ */);
    if (at < 0) return null;
    let valueEnd: number;
    let value: string;
    if (text.charCodeAt(at) === QUOTE) {
      valueEnd = stringEnd(text, at, end);
      if (valueEnd < 0) return null;
      value = text.slice(at + 1, valueEnd);
      valueEnd++;
    } else {
      valueEnd = wholeNumberEnd(text, at, end);
      if (valueEnd < 0) return null;
      value = text.slice(at, valueEnd);
    }
    at = expect(text, skipSpace(text, valueEnd, end), end, 0x5d /* ] */);
    at = expect(text, at, end, 0x7d /* } */);
    if (at < 0) return null;
    const read = nameRead(name);
    if (read !== null) {
      // Named twice (in any spelling): JSON.parse's rules decide which value counts.
      if (out.has(read)) return null;
      out.set(read, value);
    }
    const next = text.charCodeAt(at);
    if (at < end && next === 0x2c) {
      at = skipSpace(text, at + 1, end);
      continue;
    }
    if (at < end && next === 0x7d) return skipSpace(text, at + 1, end) === end ? out : null;
    return null;
  }
}

/** The first position from `at` that is not JSON whitespace (a line holds no newline). */
function skipSpace(text: string, at: number, end: number): number {
  while (at < end) {
    const c = text.charCodeAt(at);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break;
    at++;
  }
  return at;
}

/** Past `char` and the whitespace after it, or -1 when `char` is not at `at`. */
function expect(text: string, at: number, end: number, char: number): number {
  if (at < 0 || at >= end || text.charCodeAt(at) !== char) return -1;
  return skipSpace(text, at + 1, end);
}

/** The closing quote of the JSON string opening at `at`, or -1 if it is not one without escapes or control characters. */
function stringEnd(text: string, at: number, end: number): number {
  if (at >= end || text.charCodeAt(at) !== QUOTE) return -1;
  for (let i = at + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < 0x20) return -1;
  }
  return -1;
}

/** The end of a whole number of 1 to 15 digits without a leading zero (its text is then the number's), or -1. */
function wholeNumberEnd(text: string, at: number, end: number): number {
  let i = at;
  while (i < end && i - at < 16) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    i++;
  }
  const digits = i - at;
  if (digits < 1 || digits > 15 || (digits > 1 && text.charCodeAt(at) === 0x30)) return -1;
  // A fraction or an exponent follows: not a whole number's text.
  const c = i < end ? text.charCodeAt(i) : 0;
  return c === 0x2e || c === 0x65 || c === 0x45 ? -1 : i;
}
