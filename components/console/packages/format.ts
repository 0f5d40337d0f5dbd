// Money, speeds and data amounts for display: one implementation, in server/lib/money.ts (pure,
// allowed in the browser bundle), shared with PDFs, e-mails and the vouchers module.
export { currencyDigits, formatData, formatMoney, formatSpeed, mbps, moneyInput, parseMoney } from "@/server/lib/money";
