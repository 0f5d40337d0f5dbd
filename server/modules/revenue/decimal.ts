// Minor units as the decimal text accounting packages import ("2500.00"), by integer arithmetic so
// no float ever rounds a cent.

export function decimalText(minor: number, digits: number): string {
  const negative = minor < 0;
  const abs = BigInt(Math.abs(minor));
  if (digits === 0) return `${negative ? "-" : ""}${abs}`;
  const scale = 10n ** BigInt(digits);
  const whole = abs / scale;
  const fraction = String(abs % scale).padStart(digits, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}
