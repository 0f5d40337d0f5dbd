import { set, type FieldErrors, type FieldValues, type Path, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";

/**
 * A react-hook-form resolver that checks the values with a module's zod `schema` (together with
 * `extra()`, e.g. the id of the row being edited) but hands the form's own text values on, so
 * the submit handler sees what was typed and the server does the converting.
 */
export function checkWith<V extends Record<string, unknown>>(
  schema: unknown,
  extra: () => Record<string, unknown> = () => ({}),
): Resolver<V> {
  return async (values, context, options) => {
    const result = await (zodResolver(schema as never) as unknown as Resolver<V>)(
      { ...values, ...extra() } as V,
      context,
      options,
    );
    return Object.keys(result.errors).length ? result : { values, errors: {} };
  };
}

/** A form's own check of its values: the module's input made from them, or a message per field. */
export type FormCheck<TIn extends FieldValues, TOut> = (
  values: TIn,
) => { input: TOut; errors?: undefined } | { input?: undefined; errors: Partial<Record<Path<TIn>, string>> };

/**
 * A schema's complaints as the form's field messages, the first one of each field. `fieldOf` names
 * the form's field for a path (or a path's first part) the schema calls otherwise ("amountMinor" is
 * the form's "amount"); other paths keep their name, and those that are no field of the form are
 * left out.
 */
export function fieldMessages<TIn extends FieldValues>(
  values: TIn,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  fieldOf: Partial<Record<string, Path<TIn>>> = {},
): Partial<Record<Path<TIn>, string>> {
  const messages: Partial<Record<string, string>> = {};
  for (const issue of issues) {
    const path = issue.path.join(".");
    const first = String(issue.path[0] ?? "");
    const field = [fieldOf[path], fieldOf[first], path, first].find((f) => f !== undefined && f in values);
    if (field) messages[field] ??= issue.message;
  }
  return messages as Partial<Record<Path<TIn>, string>>;
}

/**
 * A react-hook-form resolver from a FormCheck, for forms whose inputs are text the module's schema
 * does not take as it is (an amount typed as "250.00", ports one a line): every field's error
 * shows at once, and the submit receives the module's input.
 */
export function checkResolver<TIn extends FieldValues, TOut>(
  check: FormCheck<TIn, TOut>,
): Resolver<TIn, unknown, TOut> {
  return async (values) => {
    const result = check(values);
    if (!result.errors) return { values: result.input as TOut, errors: {} };
    const errors: Record<string, unknown> = {};
    // A field inside a list ("volumeDiscounts.0.discountBps") is nested the way react-hook-form
    // keeps its own errors, so fixing the field clears its message; those come after the list's
    // own message ("volumeDiscounts"), which would otherwise replace them.
    const entries = (Object.entries(result.errors) as [string, string | undefined][]).sort(
      ([a], [b]) => Number(a.includes(".")) - Number(b.includes(".")),
    );
    for (const [name, message] of entries) if (message) set(errors, name, { type: "validate", message });
    // Refused for a reason no field shows: never let the submit through, say so above the fields.
    if (!Object.keys(errors).length)
      errors.root = { server: { type: "validate", message: "Some values are not right; check the form." } };
    return { values: {}, errors: errors as FieldErrors<TIn> };
  };
}
