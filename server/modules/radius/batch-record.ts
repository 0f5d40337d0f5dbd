import { ACCOUNTING_ATTRIBUTES } from "./accounting";

// One NDJSON line of the batch endpoint read straight from the body's bytes, for the form rlm_rest
// writes: `{"Name":{"type":"…","value":[one text or whole number]}, …}`. JSON.parse made about
// 25 objects a record (the record, an object and an array per attribute) for the dozen values
// accounting reads, and they were most of what the batch's garbage collector had to do; and the
// body is never turned into one string (megabytes each time, in fresh memory: about 15 ms a
// request of 5,000 records). Anything outside that form (a byte outside ASCII, an escape, another number, true/false, several values, a key beside `type`
// and `value`, an attribute accounting reads named twice in any spelling, more after the closing
// brace) is left to JSON.parse and attributesOfRecord (batch.ts), so every refusal and its reason
// still come from the one check there; batch-record.test.ts holds both readers side by side.

const MAX_NAME = 128;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const TYPE = Buffer.from('"type"');
const VALUE = Buffer.from('"value"');

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
 * body[from, end) when it is a record in rlm_rest's plain form, else null (the caller parses it).
 */
export function plainAttributes(body: Buffer, from: number, end: number): Map<string, string> | null {
  const out = new Map<string, string>();
  let at = skipSpace(body, from, end);
  if (body[at] !== 0x7b /* { */ || at >= end) return null;
  at = skipSpace(body, at + 1, end);
  if (body[at] === 0x7d /* } */) return at < end && skipSpace(body, at + 1, end) === end ? out : null;
  for (;;) {
    // "Name": {"type": "…", "value": [ value ]}
    const nameEnd = stringEnd(body, at, end);
    if (nameEnd < 0 || nameEnd - at - 1 < 1 || nameEnd - at - 1 > MAX_NAME) return null;
    const name = body.toString("latin1", at + 1, nameEnd);
    at = expect(body, skipSpace(body, nameEnd + 1, end), end, 0x3a /* : */);
    at = expect(body, at, end, 0x7b /* { */);
    if (at < 0 || !startsWith(body, at, end, TYPE)) return null;
    at = expect(body, skipSpace(body, at + 6, end), end, 0x3a);
    if (at < 0) return null;
    const typeEnd = stringEnd(body, at, end);
    if (typeEnd < 0) return null;
    at = expect(body, skipSpace(body, typeEnd + 1, end), end, 0x2c /* , */);
    if (at < 0 || !startsWith(body, at, end, VALUE)) return null;
    at = expect(body, skipSpace(body, at + 7, end), end, 0x3a);
    at = expect(body, at, end, 0x5b /* [ */);
    if (at < 0) return null;
    let valueEnd: number;
    let value: string;
    if (body[at] === QUOTE) {
      valueEnd = stringEnd(body, at, end);
      if (valueEnd < 0) return null;
      value = body.toString("latin1", at + 1, valueEnd);
      valueEnd++;
    } else {
      valueEnd = wholeNumberEnd(body, at, end);
      if (valueEnd < 0) return null;
      value = body.toString("latin1", at, valueEnd);
    }
    at = expect(body, skipSpace(body, valueEnd, end), end, 0x5d /* ] */);
    at = expect(body, at, end, 0x7d /* } */);
    if (at < 0) return null;
    const read = nameRead(name);
    if (read !== null) {
      // Named twice (in any spelling): JSON.parse's rules decide which value counts.
      if (out.has(read)) return null;
      out.set(read, value);
    }
    const next = body[at];
    if (at < end && next === 0x2c) {
      at = skipSpace(body, at + 1, end);
      continue;
    }
    if (at < end && next === 0x7d) return skipSpace(body, at + 1, end) === end ? out : null;
    return null;
  }
}

/** Whether `word` is at `at`. */
function startsWith(body: Buffer, at: number, end: number, word: Buffer): boolean {
  if (at + word.length > end) return false;
  for (let i = 0; i < word.length; i++) if (body[at + i] !== word[i]) return false;
  return true;
}

/** The first position from `at` that is not JSON whitespace (a line holds no newline). */
function skipSpace(body: Buffer, at: number, end: number): number {
  while (at < end) {
    const c = body[at];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break;
    at++;
  }
  return at;
}

/** Past `char` and the whitespace after it, or -1 when `char` is not at `at`. */
function expect(body: Buffer, at: number, end: number, char: number): number {
  if (at < 0 || at >= end || body[at] !== char) return -1;
  return skipSpace(body, at + 1, end);
}

/**
 * The closing quote of the JSON string opening at `at`, or -1 if it is not one in ASCII without
 * escapes or control characters (its bytes are then its text, as Latin-1).
 */
function stringEnd(body: Buffer, at: number, end: number): number {
  if (at >= end || body[at] !== QUOTE) return -1;
  for (let i = at + 1; i < end; i++) {
    const c = body[i];
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < 0x20 || c > 0x7e) return -1;
  }
  return -1;
}

/** The end of a whole number of 1 to 15 digits without a leading zero (its text is then the number's), or -1. */
function wholeNumberEnd(body: Buffer, at: number, end: number): number {
  let i = at;
  while (i < end && i - at < 16) {
    const c = body[i];
    if (c < 0x30 || c > 0x39) break;
    i++;
  }
  const digits = i - at;
  if (digits < 1 || digits > 15 || (digits > 1 && body[at] === 0x30)) return -1;
  // A fraction or an exponent follows: not a whole number's text.
  const c = i < end ? body[i] : 0;
  return c === 0x2e || c === 0x65 || c === 0x45 ? -1 : i;
}
