import Papa from "papaparse";
import { Invalid } from "./errors";

// Every CSV the product writes goes through here, so no export can carry a spreadsheet formula.
// OWASP's rule for CSV injection: a cell a spreadsheet would read as a formula (one starting with
// = + - @, a tab or a carriage return, also after leading spaces) is prefixed with a single quote,
// which spreadsheets show but do not evaluate. Plain numbers are left alone, so phone numbers
// (+254712345678) and coordinates (-1.28) stay as they were typed.

const FORMULA_START = /^\s*[=+\-@]|^[\t\r\n]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

type Cell = string | number | boolean | null | undefined;

/** The cell as it is safe to write: formula-looking text gets a leading quote. */
export function safeCell(value: Cell): Cell {
  if (typeof value !== "string") return value;
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** A CSV file (CRLF line ends, quoted where needed) with every cell made safe. */
export function toCsv(fields: readonly string[], rows: readonly (readonly Cell[])[] | readonly Record<string, Cell>[]) {
  const data = rows.map((row) =>
    Array.isArray(row) ? row.map(safeCell) : fields.map((f) => safeCell((row as Record<string, Cell>)[f])),
  );
  return Papa.unparse({ fields: fields.map((f) => String(safeCell(f))), data }, { escapeFormulae: false });
}

/**
 * Reads an uploaded CSV whose first line names the columns (any bank's or spreadsheet's export):
 * a byte-order mark dropped, headers trimmed, blank lines skipped. A file without a header, with
 * no lines under it or with more than `maxLines` is refused as a whole; the lines themselves are
 * left for the caller to judge one by one. `lines` names what the lines are ("transactions").
 */
export function readCsv(csv: string, opts: { lines: string; maxLines: number }) {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim(),
  });
  const headers = (parsed.meta.fields ?? []).filter((h) => h !== "");
  if (headers.length === 0) throw new Invalid("The file has no header row: the first line must name the columns.");
  if (parsed.data.length === 0) throw new Invalid(`The file has a header but no ${opts.lines}.`);
  if (parsed.data.length > opts.maxLines)
    throw new Invalid(`The file has ${parsed.data.length} lines; import at most ${opts.maxLines} at a time.`);
  return { headers, rows: parsed.data };
}
