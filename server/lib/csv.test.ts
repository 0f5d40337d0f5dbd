import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { safeCell, toCsv } from "./csv";

describe("CSV cells a spreadsheet would run", () => {
  it.each([
    "=1+1",
    '+1+HYPERLINK("http://evil.example")',
    '-1+HYPERLINK("http://evil.example","x")',
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "  =cmd|' /C calc'!A0",
    "-2-3",
    "+",
  ])("escapes %j with a leading quote", (value) => {
    expect(safeCell(value)).toBe(`'${value}`);
  });

  it.each(["+254712345678", "-1.28", "36.8", "-.5", "0711000011", "Jane", "jane@example.com", "", "a=b"])(
    "leaves %j as it is",
    (value) => {
      expect(safeCell(value)).toBe(value);
    },
  );

  it("writes a file whose every cell reads back escaped, objects and arrays alike", () => {
    const hostile = '-1+HYPERLINK("http://evil.example","Click")';
    for (const csv of [
      toCsv(["name", "phone"], [{ name: hostile, phone: "+254712345678" }]),
      toCsv(["name", "phone"], [[hostile, "+254712345678"]]),
    ]) {
      const parsed = Papa.parse<string[]>(csv.trim()).data;
      expect(parsed).toEqual([
        ["name", "phone"],
        [`'${hostile}`, "+254712345678"],
      ]);
    }
  });
});
