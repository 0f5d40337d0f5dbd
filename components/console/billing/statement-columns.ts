// Guessing which of a bank statement's columns is which from their names, for the mapping form's
// first values: banks name them differently ("Value Date", "Credit", "Ref", "Narrative").

export type Mapping = { date: string; amount: string; reference: string; description: string; dateFormat: string };

// The usual names banks give their columns, most specific first.
const GUESSES: Record<"date" | "amount" | "reference" | "description", RegExp[]> = {
  date: [/^value\s*date$/i, /^(transaction|txn|posting|booking)?\s*date$/i, /date/i],
  amount: [/^(credit|credits|paid in|money in|deposit)s?(\s*amount)?$/i, /^amount$/i, /credit|amount/i],
  reference: [/^ref(erence)?\.?(\s*(no|number))?$/i, /ref/i],
  description: [/narrat|description|details|particulars|memo/i],
};

function guess(headers: string[], patterns: RegExp[], taken: string[] = []): string {
  for (const pattern of patterns) {
    const found = headers.find((h) => !taken.includes(h) && pattern.test(h));
    if (found) return found;
  }
  return "";
}

/** A first mapping from the file's header names; the person checks it before the dry run. */
export function guessMapping(headers: string[], sample: Record<string, string>[]): Mapping {
  const date = guess(headers, GUESSES.date);
  const amount = guess(headers, GUESSES.amount, [date]);
  const reference = guess(headers, GUESSES.reference, [date, amount]);
  const description = guess(headers, GUESSES.description, [date, amount, reference]);
  const firstDate = date ? (sample[0]?.[date] ?? "") : "";
  const dateFormat = /^\d{4}-/.test(firstDate) || !firstDate ? "YYYY-MM-DD" : "DD/MM/YYYY";
  return { date, amount, reference, description, dateFormat };
}
