import { describe, expect, it } from "vitest";
import { attributesOfRecord, readBatch } from "./batch";
import { plainAttributes } from "./batch-record";

// The batch endpoint reads rlm_rest's own form of a record without JSON.parse (batch-record.ts).
// Whatever it takes must come out exactly as JSON.parse and attributesOfRecord read it; whatever
// it leaves must be left whole to them.

const rlm = (attrs: Record<string, string | number>) =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(attrs).map(([name, value]) => [
        name,
        { type: typeof value === "number" ? "integer" : "string", value: [value] },
      ]),
    ),
  );

const plain = (line: string) => {
  const bytes = Buffer.from(line);
  return plainAttributes(bytes, 0, bytes.length);
};

const typical = [
  rlm({
    "User-Name": "acc42",
    "Acct-Session-Id": "81a0001",
    "Acct-Status-Type": "Interim-Update",
    "NAS-IP-Address": "10.0.0.1",
    "Framed-IP-Address": "100.64.0.7",
    "Acct-Session-Time": 300,
    "Acct-Input-Octets": 4_294_967_295,
    "Acct-Input-Gigawords": 1,
    "Acct-Output-Octets": 0,
    "Acct-Delay-Time": 0,
    "Event-Timestamp": "Dec  4 2026 03:20:19 UTC",
    "Acct-Unique-Session-Id": "c0ffee",
    "Calling-Station-Id": "11:22:33:44:55:66",
  }),
  '{ "User-Name" : { "type" : "string" , "value" : [ "spaced" ] } , "Acct-Status-Type":{"type":"integer","value":[1]} }',
  '{"User-Name":{"type":"string","value":["crlf"]}}\r',
  "{}",
  `{"${"N".repeat(128)}":{"type":"string","value":["longest name"]}}`,
  rlm({ "Acct-Input-Octets": 999_999_999_999_999 }),
];

const others = [
  // Left to JSON.parse: bytes past ASCII, escapes, other numbers, other shapes, names read twice, anything malformed.
  rlm({ "User-Name": "ÜBER-user", "Acct-Session-Id": "x", "Acct-Status-Type": "Start" }),
  '{"User-Name":{"type":"string","value":["a\\"b"]}}',
  '{"User-Name":{"type":"string","value":["nul\\u0000"]}}',
  '{"User-Name":{"type":"string","value":["tab\there"]}}',
  '{"Acct-Input-Octets":{"type":"integer","value":[1.5]}}',
  '{"Acct-Input-Octets":{"type":"integer","value":[1e3]}}',
  '{"Acct-Input-Octets":{"type":"integer","value":[-1]}}',
  '{"Acct-Input-Octets":{"type":"integer","value":[007]}}',
  '{"Acct-Input-Octets":{"type":"integer","value":[1234567890123456]}}',
  '{"Acct-Input-Octets":{"type":"integer","value":[18446744073709551615]}}',
  '{"Flag":{"type":"boolean","value":[true]}}',
  '{"User-Name":{"type":"string","value":["a","b"]}}',
  '{"User-Name":{"type":"string","value":[]}}',
  '{"User-Name":{"type":"string","value":["a"],"extra":1}}',
  '{"User-Name":{"value":["no type"]}}',
  '{"User-Name":{"type":5,"value":["x"]}}',
  '{"User-Name":"plain"}',
  '{"User-Name":{"type":"string","value":[{"nested":true}]}}',
  '{"User-Name":{"type":"string","value":["a"]},"user-name":{"type":"string","value":["b"]}}',
  '{"User-Name":{"type":"string","value":["a"]},"User-Name":{"type":"string","value":["b"]}}',
  '{"User-Name":{"type":"string","value":["a"]}}x',
  '{"User-Name":{"type":"string","value":["a"]},}',
  '{"User-Name":{"type":"string","value":["a"]}',
  `{"${"N".repeat(129)}":{"type":"string","value":["too long a name"]}}`,
  '{"":{"type":"string","value":["empty name"]}}',
  "[1]",
  "not json",
  "",
];

describe("reading rlm_rest records without JSON.parse", () => {
  it("takes rlm_rest's form, spaced or not, exactly as JSON.parse and the record check read it", () => {
    for (const line of typical) {
      const read = plain(line);
      expect(read, line).not.toBeNull();
      expect(Object.fromEntries(read!), line).toEqual(
        Object.fromEntries(attributesOfRecord(JSON.parse(line)) as Map<string, string>),
      );
    }
  });

  it("leaves every other line to JSON.parse", () => {
    for (const line of others) expect(plain(line), line).toBeNull();
  });

  it("a batch read line by line gives the same packets and refusals as the same records sent as a JSON array", () => {
    const valid = [...typical, ...others].filter((line) => {
      try {
        JSON.parse(line);
        return true;
      } catch {
        return false;
      }
    });
    const at = new Date("2026-12-04T22:00:00Z");
    expect(readBatch(valid.join("\n"), at)).toEqual(readBatch(`[${valid.join(",")}]`, at));
  });
});
