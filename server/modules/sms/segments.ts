// How many SMS an outgoing text costs. A message is sent in the GSM 03.38 7-bit alphabet when
// every character is in it (160 characters in one SMS, 153 per part once it is split, since the
// parts carry a header), and otherwise as UCS-2 (70, then 67 per part): one emoji or curly quote
// turns a 150-character reminder into three paid parts. Pure: the template editor counts too.

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/** Characters of the extension table: each is sent as an escape plus itself, two septets. */
const GSM_EXTENDED = "^{}\\[~]|€\f";

const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SmsLength {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  segments: number;
  /** Units per part at this length: 160/70 for one part, 153/67 once split. */
  perSegment: number;
}

export function smsLength(text: string): SmsLength {
  const chars = [...text];
  const gsm = chars.every((c) => basic.has(c) || extended.has(c));
  if (gsm) {
    const costs = chars.map((c) => (extended.has(c) ? 2 : 1));
    return measure("GSM-7", costs, 160, 153);
  }
  // A character outside the basic plane (emoji) is a surrogate pair: two units, never split.
  return measure(
    "UCS-2",
    chars.map((c) => c.length),
    70,
    67,
  );
}

/** Packs characters into parts without splitting one (an escape pair, a surrogate pair) across two. */
function measure(encoding: SmsEncoding, costs: number[], single: number, part: number): SmsLength {
  const units = costs.reduce((a, b) => a + b, 0);
  if (units <= single) return { encoding, units, segments: units === 0 ? 0 : 1, perSegment: single };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > part) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { encoding, units, segments, perSegment: part };
}
