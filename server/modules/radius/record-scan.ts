// Reading one NDJSON line of the batch endpoint straight from its text, in the shapes forwarders
// and rlm_rest write: {"Acct-Status-Type":{"type":"integer","value":["Start"]},…} or plain values
// ({"Acct-Status-Type":"Start",…}). JSON.parse made a few dozen objects a record (an object and a
// list per attribute) that were garbage at once, and with walking them was about half of reading
// a batch. A line in any other shape (an escape or a control character in a string, null, deeper
// nesting, other keys in an attribute's object, a number that is not a plain whole number, …) is
// not read here: the caller falls back to JSON.parse and attributesOfRecord (batch.ts), which take
// all of JSON and give the reasons. So this reader only has to be right about what it accepts:
// for those lines it gives the same attributes with the same values as that path.

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const OPEN = 123;
const CLOSE = 125;
const OPEN_LIST = 91;
const CLOSE_LIST = 93;
/** The longest whole number read here: every one up to 15 digits is exact as a double, so its text is its value's. */
const MAX_DIGITS = 15;

function skipSpace(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) i++;
    else return i;
  }
}

/** Where the string opening at s[i] ends (after its quote), or -1: no string there, an escape or a control character in it, or no end. */
function stringEnd(s: string, i: number): number {
  if (s.charCodeAt(i) !== QUOTE) return -1;
  for (let j = i + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === QUOTE) return j + 1;
    if (c === BACKSLASH || c < 32) return -1;
  }
  return -1;
}

/** The text of the last scalar read by scalarEnd, as String() of its JSON value. */
let scalar = "";

/** Where the scalar at s[i] ends, with its text in `scalar`, or -1 when it is not one read here. */
function scalarEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === QUOTE) {
    const end = stringEnd(s, i);
    if (end > 0) scalar = s.slice(i + 1, end - 1);
    return end;
  }
  if (c === 116 /* t */ && s.startsWith("true", i)) return ((scalar = "true"), i + 4);
  if (c === 102 /* f */ && s.startsWith("false", i)) return ((scalar = "false"), i + 5);
  // A whole number without a leading zero (JSON has none; "-0" would read as "0"), nothing after it
  // that would make it a fraction or an exponent.
  let j = c === MINUS ? i + 1 : i;
  const first = s.charCodeAt(j);
  if (!(first >= ZERO && first <= NINE) || (first === ZERO && j > i)) return -1;
  const from = j;
  if (first === ZERO) j++;
  else while (s.charCodeAt(j) >= ZERO && s.charCodeAt(j) <= NINE) j++;
  if (j - from > MAX_DIGITS) return -1;
  const next = s.charCodeAt(j);
  if (next === 46 /* . */ || next === 101 /* e */ || next === 69 /* E */) return -1;
  scalar = s.slice(i, j);
  return j;
}

/** The value last read by entryEnd (the first of a list), or undefined for an empty list. */
let entryValue: string | undefined;

/**
 * Where the attribute's entry at s[i] ends, with its value in `entryValue`, or -1: a scalar, or
 * {"type": text, "value": a scalar or a list of scalars} with "value" present, each key once.
 */
function entryEnd(s: string, i: number): number {
  if (s.charCodeAt(i) !== OPEN) {
    const end = scalarEnd(s, i);
    if (end > 0) entryValue = scalar;
    return end;
  }
  let sawType = false;
  let sawValue = false;
  i = skipSpace(s, i + 1);
  if (s.charCodeAt(i) === CLOSE) return -1;
  for (;;) {
    // The two keys read here, matched in place: any other key is not this shape.
    const isType = s.startsWith('"type"', i);
    const isValue = !isType && s.startsWith('"value"', i);
    if (!isType && !isValue) return -1;
    i = skipSpace(s, i + (isType ? 6 : 7));
    if (s.charCodeAt(i) !== COLON) return -1;
    i = skipSpace(s, i + 1);
    if (isType && !sawType) {
      sawType = true;
      if (s.charCodeAt(i) !== QUOTE) return -1;
      i = stringEnd(s, i);
    } else if (isValue && !sawValue) {
      sawValue = true;
      if (s.charCodeAt(i) === OPEN_LIST) {
        entryValue = undefined;
        i = skipSpace(s, i + 1);
        if (s.charCodeAt(i) !== CLOSE_LIST)
          for (;;) {
            i = scalarEnd(s, i);
            if (i < 0) return -1;
            entryValue ??= scalar;
            i = skipSpace(s, i);
            const c = s.charCodeAt(i);
            if (c === CLOSE_LIST) break;
            if (c !== COMMA) return -1;
            i = skipSpace(s, i + 1);
          }
        i++;
      } else {
        i = scalarEnd(s, i);
        entryValue = scalar;
      }
    } else return -1;
    if (i < 0) return -1;
    i = skipSpace(s, i);
    const c = s.charCodeAt(i);
    if (c === CLOSE) return sawValue ? i + 1 : -1;
    if (c !== COMMA) return -1;
    i = skipSpace(s, i + 1);
  }
}

/**
 * The attributes of an NDJSON line that `nameOf` keeps (its lower-case name → the first value as
 * text), as attributesOfRecord gives them for the parsed line, written into `out` (emptied first:
 * a batch reuses one map for all its lines); false when the line is not in a shape read here (the
 * caller then parses it). `nameOf` maps a name as written to the name kept, or null.
 */
export function scanRecord(
  line: string,
  nameOf: (name: string) => string | null,
  maxName: number,
  out: Map<string, string>,
): boolean {
  out.clear();
  let i = skipSpace(line, 0);
  if (line.charCodeAt(i) !== OPEN) return false;
  i = skipSpace(line, i + 1);
  if (line.charCodeAt(i) === CLOSE) i++;
  else
    for (;;) {
      const nameEnd = stringEnd(line, i);
      // A name that attributesOfRecord would refuse (empty, or too long): let it say why.
      if (nameEnd < 0 || nameEnd - i - 2 < 1 || nameEnd - i - 2 > maxName) return false;
      const name = line.slice(i + 1, nameEnd - 1);
      i = skipSpace(line, nameEnd);
      if (line.charCodeAt(i) !== COLON) return false;
      i = entryEnd(line, skipSpace(line, i + 1));
      if (i < 0) return false;
      const kept = nameOf(name);
      if (kept !== null) {
        // A value given before (in any case): which one wins depends on the order JSON.parse keeps keys in.
        if (out.has(kept)) return false;
        if (entryValue !== undefined) out.set(kept, entryValue);
      }
      i = skipSpace(line, i);
      const c = line.charCodeAt(i);
      if (c === CLOSE) {
        i++;
        break;
      }
      if (c !== COMMA) return false;
      i = skipSpace(line, i + 1);
    }
  return skipSpace(line, i) === line.length;
}
