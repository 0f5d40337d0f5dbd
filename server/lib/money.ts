// Money and service quantities for display, shared by server code (PDFs, e-mails) and the
// browser (pure: allowed in client bundles, see server/api/architecture.test.ts). Money arrives
// in integer minor units and is formatted without ever becoming a float.

/** Minor-unit digits of a currency (2 for USD/KES, 0 for JPY/UGX, 3 for KWD). */
const digitsOf = new Map<string, number>();
export function currencyDigits(currency: string): number {
  let digits = digitsOf.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsOf.set(currency, digits);
  }
  return digits;
}

/** "KES 2,500.00" from 250000 minor units, exactly (the decimal string is built from integers). */
// Building an Intl formatter costs far more than formatting with it (a billing run formats
// hundreds of thousands of amounts into its rules): one per currency, kept.
const formatters = new Map<string, Intl.NumberFormat>();
function formatterFor(currency: string, digits: number): Intl.NumberFormat {
  let f = formatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat("en-GB", { style: "currency", currency, minimumFractionDigits: digits });
    formatters.set(currency, f);
  }
  return f;
}

// A billing run formats the same prices and taxes over and over (every line's rule): each amount
// is formatted once per currency and then looked up, within a bound.
const formatted = new Map<string, Map<number, string>>();
const FORMATTED_KEPT = 10_000;

export function formatMoney(minor: number | null | undefined, currency: string, fallback = "—"): string {
  if (minor === null || minor === undefined) return fallback;
  let known = formatted.get(currency);
  if (!known) formatted.set(currency, (known = new Map()));
  let text = known.get(minor);
  if (text === undefined) {
    text = formatUncached(minor, currency);
    if (known.size >= FORMATTED_KEPT) known.clear();
    known.set(minor, text);
  }
  return text;
}

function formatUncached(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const abs = Math.abs(minor);
  const scale = 10 ** digits;
  const decimal = `${minor < 0 ? "-" : ""}${Math.floor(abs / scale)}${digits ? `.${String(abs % scale).padStart(digits, "0")}` : ""}`;
  try {
    // Intl formats decimal strings exactly (ES2023); the cast covers older lib typings.
    return formatterFor(currency, digits).format(decimal as unknown as number);
  } catch {
    return `${currency} ${decimal}`;
  }
}

/** "25.00" → 2500 minor units, or null when it is not an amount with at most `digits` decimals. */
export function parseMoney(text: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const m = /^\s*(\d{1,10})(?:[.,](\d*))?\s*$/.exec(text.replace(/[\s_]/g, "").replace(/,(?=\d{3}(\D|$))/g, ""));
  if (!m) return null;
  const frac = m[2] ?? "";
  if (frac.length > digits) return null;
  return Number(m[1]) * 10 ** digits + Number(frac.padEnd(digits, "0") || "0");
}

/** Minor units as the text a money input shows ("2500" → "25.00"). */
export function moneyInput(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return "";
  const digits = currencyDigits(currency);
  const scale = 10 ** digits;
  return digits ? `${Math.floor(minor / scale)}.${String(minor % scale).padStart(digits, "0")}` : String(minor);
}

/** 20000 → "20", 1500 → "1.5", 512 → "0.5" (Mbit/s, the unit people buy). */
export function mbps(kbps: number): string {
  const whole = Math.floor(kbps / 1000);
  const rest = kbps % 1000;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(3, "0").replace(/0+$/, "")}`;
}

/** "20/5 Mbps": download/upload. */
export function formatSpeed(downloadKbps: number, uploadKbps: number): string {
  return `${mbps(downloadKbps)}/${mbps(uploadKbps)} Mbps`;
}

/** "10 GB", "500 MB". */
export function formatData(mb: number | null | undefined): string {
  if (!mb) return "Unlimited";
  return mb >= 1024 && mb % 1024 === 0 ? `${mb / 1024} GB` : `${mb} MB`;
}
