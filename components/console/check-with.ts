import type { Resolver } from "react-hook-form";
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
