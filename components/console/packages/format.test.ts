import { describe, expect, it } from "vitest";
import { formatMoney, formatSpeed, moneyInput, parseMoney } from "./format";

describe("money display", () => {
  it("formats minor units exactly in the company currency", () => {
    const plain = (s: string) => s.replace(/\u00a0/g, " ");
    expect(plain(formatMoney(250_000, "KES"))).toBe("KES 2,500.00");
    expect(plain(formatMoney(1999, "USD"))).toBe("US$19.99");
    expect(plain(formatMoney(5000, "UGX"))).toBe("UGX 5,000");
    expect(plain(formatMoney(900_719_925_474_099, "USD"))).toBe("US$9,007,199,254,740.99");
    expect(formatMoney(null, "USD")).toBe("—");
  });
  it("parses typed amounts into minor units without floats", () => {
    expect(parseMoney("25", "USD")).toBe(2500);
    expect(parseMoney("19.99", "USD")).toBe(1999);
    expect(parseMoney("0.1", "USD")).toBe(10);
    expect(parseMoney("1,250.50", "USD")).toBe(125_050);
    expect(parseMoney("19.999", "USD")).toBeNull();
    expect(parseMoney("abc", "USD")).toBeNull();
    expect(moneyInput(1999, "USD")).toBe("19.99");
  });
  it("shows speeds as download/upload Mbps", () => {
    expect(formatSpeed(20_000, 5_000)).toBe("20/5 Mbps");
    expect(formatSpeed(1_500, 512)).toBe("1.5/0.512 Mbps");
  });
});
