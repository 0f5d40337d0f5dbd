import { describe, expect, it } from "vitest";
import { personalValues, redactText } from "./redact";

describe("redactText", () => {
  it("takes personal values out of text, whatever their case, longest first", () => {
    const values = personalValues(["Neema", "Neema Achieng", "neema@example.com", " ", "Al", null]);
    expect(values).toEqual(["neema@example.com", "Neema Achieng", "Neema"]);
    expect(redactText("Call NEEMA ACHIENG (neema@example.com), or Neema's sister. Also fine.", values)).toBe(
      "Call [redacted] ([redacted]), or [redacted]'s sister. Also fine.",
    );
  });

  it("reads values literally, not as patterns", () => {
    expect(redactText("Phone +254 (711) 222-333, not 254 711", ["+254 (711) 222-333"])).toBe(
      "Phone [redacted], not 254 711",
    );
    expect(redactText(null, ["anything"])).toBeNull();
  });
});
