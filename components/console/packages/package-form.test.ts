import { describe, expect, it } from "vitest";
import { checkResolver } from "../check-with";
import { packageInputOf, toFormValues, type PackageFormValues } from "./package-form";

// The package form's own check: what staff typed (Mbit/s, "1500.00", "12.5 %") becomes the
// packages module's input, or a message beside each field to fix, including a tier's discount.

const typed = (over: Partial<PackageFormValues>): PackageFormValues => ({
  ...toFormValues(null, "KES"),
  name: "Home 20",
  code: "HOME-20",
  downloadKbps: "20",
  uploadKbps: "5",
  priceMinor: "1500",
  ...over,
});
const check = packageInputOf("KES");

describe("the package form's check", () => {
  it("turns typed speeds and prices into the module's units", () => {
    const result = check(typed({ uploadKbps: "1.5", setupFeeMinor: "250.50" }));
    expect(result.errors).toBeUndefined();
    expect(result.input).toMatchObject({
      type: "PPPOE",
      downloadKbps: 20_000,
      uploadKbps: 1_500,
      priceMinor: 150_000,
      setupFeeMinor: 25_050,
      billingCycle: "MONTHLY",
    });
  });

  it("says beside each field what is wrong, the module's rules included", () => {
    const result = check(typed({ downloadKbps: "fast", priceMinor: "15.001", promoPriceMinor: "10" }));
    expect(result.errors).toMatchObject({
      downloadKbps: "Enter Mbit/s, e.g. 20 or 1.5.",
      priceMinor: "Enter an amount with at most 2 decimals.",
    });
    expect(check(typed({ promoPriceMinor: "2000", promoCycles: "3" })).errors).toEqual({
      promoPriceMinor: "The promotional price must be lower than the price.",
    });
  });

  it("puts a tier's bad discount on that tier's field", async () => {
    const values = typed({
      type: "CORPORATE",
      volumeDiscounts: [
        { minQuantity: "5", discountBps: "5" },
        { minQuantity: "10", discountBps: "lots" },
      ],
    });
    expect(check(values).errors).toEqual({
      "volumeDiscounts.1.discountBps": "Enter a percentage, e.g. 5 or 12.5.",
      // The unreadable discount went to the module as none, which its schema refuses for the list.
      volumeDiscounts: "The discount must be between 1 and 10000 basis points.",
    });
    // Nested as react-hook-form keeps it (so fixing the field clears the message), beside the list's own.
    const { errors } = await checkResolver(check)(values, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(errors.volumeDiscounts?.[1]?.discountBps?.message).toBe("Enter a percentage, e.g. 5 or 12.5.");
    expect(errors.volumeDiscounts?.message).toBe("The discount must be between 1 and 10000 basis points.");
  });

  it("leaves out what the chosen type does not have", () => {
    const result = check(typed({ type: "HOTSPOT", hotspotMode: "TIME", validityMinutes: "1440", setupFeeMinor: "99" }));
    expect(result.errors).toBeUndefined();
    expect(result.input).toMatchObject({ billingCycle: "VALIDITY", setupFeeMinor: 0, validityMinutes: 1440 });
  });
});
