import { describe, expect, it } from "vitest";
import { attributesOfLine, nameRead } from "./batch";
import { scanRecord } from "./record-scan";

// The batch endpoint reads NDJSON lines in forwarders' usual shape from their text (record-scan.ts)
// and every other line through JSON.parse and attributesOfRecord. The scanner may decline any
// line, but a line it reads must give exactly what the parsing path gives: these tests compare the
// two on hand-picked lines and on thousands of mangled ones.

const scan = (line: string) => {
  const out = new Map<string, string>([["left", "from the line before"]]);
  return scanRecord(line, nameRead, 128, out) ? out : null;
};
/** What the parsing path makes of the line: its attributes, or null when it rejects it. */
function parsed(line: string): Map<string, string> | null {
  const attrs = attributesOfLine(line);
  return typeof attrs === "string" ? null : attrs;
}
const entries = (m: Map<string, string> | null) => (m ? [...m].sort(([a], [b]) => (a < b ? -1 : 1)) : m);
/** The scanner either declines the line or agrees with the parsing path. */
function agrees(line: string) {
  const fast = scan(line);
  if (fast !== null) expect(entries(fast), line).toEqual(entries(parsed(line)));
  return fast !== null;
}

const typed = (value: string | number | boolean) => ({
  type: typeof value === "number" ? "integer" : "string",
  value: [value],
});
const forwarderLine = JSON.stringify({
  "User-Name": typed("alice@fibre"),
  "Acct-Session-Id": typed("81a0-0001"),
  "Acct-Status-Type": typed("Interim-Update"),
  "NAS-IP-Address": typed("10.0.0.1"),
  "Framed-IP-Address": typed("100.64.0.9"),
  "Acct-Session-Time": typed(600),
  "Acct-Input-Octets": typed(4294967295),
  "Acct-Input-Gigawords": typed(3),
  "Acct-Output-Octets": typed(0),
  "Event-Timestamp": typed("Dec  5 2026 07:00:00 UTC"),
  "Mikrotik-Rate-Limit": typed("10M/10M"),
});

describe("reading batch lines without JSON.parse", () => {
  it("reads forwarders' and rlm_rest's shapes, giving what the parsing path gives", () => {
    const lines = [
      forwarderLine,
      JSON.stringify({
        "User-Name": "bob",
        "Acct-Session-Id": "s-1",
        "Acct-Status-Type": "Start",
        "Acct-Delay-Time": 0,
      }),
      JSON.stringify({
        "user-name": { value: ["carol", "second"] },
        "ACCT-SESSION-ID": { value: "s-2", type: "string" },
      }),
      JSON.stringify({ "User-Name": typed("dan"), "Acct-Session-Id": { type: "string", value: [] } }),
      JSON.stringify({ "User-Name": typed("eve"), "Connect-Info": typed(true), "Acct-Status-Type": false }),
      ` \t{ "User-Name" : { "type" : "string" , "value" : [ "frank" , 7 ] } , "Acct-Session-Time" : -5 }\r`,
      JSON.stringify({ "User-Name": typed("gina"), "Acct-Input-Octets": typed(999999999999999) }),
      JSON.stringify({ "user-name": { value: [] }, "User-Name": "hal" }),
      JSON.stringify({ "123": "x", __proto__: "y", "User-Name": "ivy" }),
      "{}",
    ];
    for (const line of lines) expect(agrees(line), line).toBe(true);
    expect(scan(forwarderLine)).toEqual(
      new Map([
        ["user-name", "alice@fibre"],
        ["acct-session-id", "81a0-0001"],
        ["acct-status-type", "Interim-Update"],
        ["nas-ip-address", "10.0.0.1"],
        ["framed-ip-address", "100.64.0.9"],
        ["acct-session-time", "600"],
        ["acct-input-octets", "4294967295"],
        ["acct-input-gigawords", "3"],
        ["acct-output-octets", "0"],
        ["event-timestamp", "Dec  5 2026 07:00:00 UTC"],
      ]),
    );
  });

  it("leaves every other line to JSON.parse, even when it is valid", () => {
    const declined = [
      String.raw`{"User-Name":"a\"b"}`, // an escape
      String.raw`{"User-Name":"\u0041"}`,
      '{"User-Name":"tab\there"}', // a control character: not JSON at all
      '{"User-Name":null}',
      '{"User-Name":{"value":[{"nested":true}]}}',
      '{"User-Name":{"type":"string"}}', // no value
      '{"User-Name":{"type":1,"value":["a"]}}',
      '{"User-Name":{"value":["a"],"vendor":"x"}}',
      '{"User-Name":{"value":["a"],"value":["b"]}}',
      '{"Acct-Session-Time":1.5}',
      '{"Acct-Session-Time":1e3}',
      '{"Acct-Session-Time":-0}',
      '{"Acct-Session-Time":01}',
      '{"Acct-Input-Octets":1234567890123456}', // past 15 digits: its text may not be its value's
      '{"User-Name":"a","User-Name":"b"}', // which one wins is JSON.parse's business
      '{"User-Name":"a","USER-NAME":"b"}',
      '{"User-Name":"a","User-Name":{"value":[]}}', // JSON.parse keeps the empty list: no User-Name
      '{"User-Name":"a",Name":"b"}', // a name without its opening quote
      `{"${"x".repeat(129)}":"a"}`,
      '{"":"a"}',
      '{"User-Name":"a",}',
      '{"User-Name":"a"} x',
      '{"User-Name":"a"',
      '["User-Name"]',
      "",
    ];
    for (const line of declined) expect(scan(line), line).toBeNull();
    expect(parsed('{"User-Name":"a\\"b"}')).toEqual(new Map([["user-name", 'a"b']]));
  });

  it("never disagrees with the parsing path on mangled lines", () => {
    // A fixed seed: the same 20,000 lines every run.
    let seed = 12345;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const pieces = [
      '"',
      "\\",
      ",",
      ":",
      "{",
      "}",
      "[",
      "]",
      " ",
      "0",
      "1",
      "-",
      ".",
      "e",
      "null",
      "true",
      '"User-Name"',
      "\t",
    ];
    const seeds = [
      forwarderLine,
      JSON.stringify({ "User-Name": "bob", "Acct-Session-Id": "s-1", "Acct-Session-Time": 60 }),
      '{ "User-Name" : { "value" : [ "x" , 1 ] , "type" : "string" } }',
    ];
    let read = 0;
    for (let n = 0; n < 20_000; n++) {
      let line = seeds[random(seeds.length)];
      for (let edits = 1 + random(3); edits > 0; edits--) {
        const at = random(line.length + 1);
        const kind = random(3);
        if (kind === 0) line = line.slice(0, at) + pieces[random(pieces.length)] + line.slice(at);
        else if (kind === 1) line = line.slice(0, at) + line.slice(at + 1 + random(4));
        else line = line.slice(0, at) + line.slice(random(line.length), at + random(8)) + line.slice(at);
      }
      if (agrees(line)) read++;
    }
    // The mangling leaves many lines valid: the comparison above must have had work to do.
    expect(read).toBeGreaterThan(1_000);
  });
});
