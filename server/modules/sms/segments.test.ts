import { expect, it } from "vitest";
import { toE164 } from "./phone";
import { smsLength } from "./segments";
import { fillTemplate, SMS_TEMPLATE_KEYS, SMS_TEMPLATES, templateProblem } from "./templates";

// What an SMS costs in parts, as the template editor shows it and the log records it.

it("counts GSM-7 text: 160 in one part, 153 per part after", () => {
  expect(smsLength("")).toMatchObject({ segments: 0, units: 0 });
  expect(smsLength("a".repeat(160))).toEqual({ encoding: "GSM-7", units: 160, segments: 1, perSegment: 160 });
  expect(smsLength("a".repeat(161))).toEqual({ encoding: "GSM-7", units: 161, segments: 2, perSegment: 153 });
  expect(smsLength("a".repeat(306)).segments).toBe(2);
  expect(smsLength("a".repeat(307)).segments).toBe(3);
});

it("counts the extension characters (€, {, }, [, ], ~, |, ^, \\) as two", () => {
  expect(smsLength("€").units).toBe(2);
  expect(smsLength("a".repeat(158) + "€")).toMatchObject({ encoding: "GSM-7", units: 160, segments: 1 });
  // An escape pair is never split across two parts: 152 + € does not fit in 153.
  expect(smsLength("a".repeat(152) + "€" + "a".repeat(152)).segments).toBe(3);
});

it("switches to UCS-2 for any other character: 70, then 67 per part", () => {
  expect(smsLength("Habari ✓")).toMatchObject({ encoding: "UCS-2", units: 8, segments: 1 });
  expect(smsLength("’".repeat(70))).toMatchObject({ encoding: "UCS-2", segments: 1, perSegment: 70 });
  expect(smsLength("’".repeat(71))).toMatchObject({ encoding: "UCS-2", segments: 2, perSegment: 67 });
  // An emoji is two UTF-16 units and is kept whole.
  expect(smsLength("😀")).toMatchObject({ encoding: "UCS-2", units: 2 });
  expect(smsLength("a".repeat(66) + "😀" + "a".repeat(5)).segments).toBe(2);
});

it("writes phone numbers in international form", () => {
  expect(toE164("+254 712 345 678", "US")).toBe("+254712345678");
  expect(toE164("0712 345 678", "KE")).toBe("+254712345678");
  expect(toE164("00256 772 123456", "KE")).toBe("+256772123456");
  expect(toE164("(0) 712-345-678", "KE")).toBe("+254712345678");
  expect(toE164("0712 345 678", "US")).toBeNull(); // no calling code we know for a local number
  expect(toE164("12345", "KE")).toBeNull();
  expect(toE164("+254 7123 hello", "KE")).toBeNull();
});

it("every built-in template is valid and fits one SMS with typical values", () => {
  const typical = {
    firstName: "Wanjiru",
    accountNumber: "ACC-000123",
    companyName: "Acme Fiber",
    amount: "KES 2,500.00",
    dueDate: "5 Dec 2026",
    invoiceNumber: "INV-2026-00042",
    link: "https://acme.lastmile.app/p/AbC123",
  };
  for (const key of SMS_TEMPLATE_KEYS) {
    const { defaultBody } = SMS_TEMPLATES[key];
    expect(templateProblem(key, defaultBody), key).toBeNull();
    expect(smsLength(fillTemplate(defaultBody, typical)), key).toMatchObject({ encoding: "GSM-7", segments: 1 });
  }
});
