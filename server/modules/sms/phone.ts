// Recipients in the international (E.164) form both providers want: "+" and 8 to 15 digits.
// Staff type numbers the local way ("0712 345 678"), so a leading 0 is replaced by the calling
// code of the company's country when we know it. Pure: the test-SMS form checks with it too.

const CALLING_CODES: Record<string, string> = {
  KE: "254",
  UG: "256",
  TZ: "255",
  RW: "250",
  BI: "257",
  SS: "211",
  ET: "251",
  SO: "252",
  NG: "234",
  GH: "233",
  CM: "237",
  CI: "225",
  SN: "221",
  ZA: "27",
  ZM: "260",
  ZW: "263",
  MW: "265",
  MZ: "258",
  BW: "267",
  NA: "264",
  CD: "243",
  EG: "20",
  MA: "212",
  GB: "44",
  IN: "91",
};

/** The number in E.164 form, or null when it cannot be one. */
export function toE164(raw: string, country: string): string | null {
  let digits = raw.trim().replace(/[\s().-]/g, "");
  if (digits.startsWith("00")) digits = `+${digits.slice(2)}`;
  if (!digits.startsWith("+")) {
    const code = CALLING_CODES[country.toUpperCase()];
    if (!code || !digits.startsWith("0")) return null;
    digits = `+${code}${digits.replace(/^0+/, "")}`;
  }
  return /^\+[1-9][0-9]{7,14}$/.test(digits) ? digits : null;
}

export const PHONE_HINT = "Enter the number in international form, for example +254712345678.";
