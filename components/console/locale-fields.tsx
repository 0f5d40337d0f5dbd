"use client";

import * as React from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { LocaleOptions, Option } from "./locale-options";

/** Suggestions for a text box (`list` attribute): typing "Nai" offers "Africa/Nairobi". */
export function OptionsList({ id, options }: { id: string; options: Option[] }) {
  return (
    <datalist id={id}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </datalist>
  );
}

/** The name behind a code the person typed ("KE" → "Kenya"), or null when unknown. */
export function useOptionLabel(options: Option[], value: string | undefined): string | null {
  return React.useMemo(() => {
    const v = (value ?? "").trim().toUpperCase();
    if (!v) return null;
    const hit = options.find((o) => o.value.toUpperCase() === v);
    return hit && hit.label !== hit.value ? hit.label : null;
  }, [options, value]);
}

type RegionField = "currency" | "country" | "timeZone";

/**
 * A company's currency, country and time zone: text boxes that suggest the codes as the person
 * types and name the one typed ("KE · Kenya"). Used where a company is registered and where its
 * settings are changed.
 */
export function RegionFields({
  idPrefix,
  options,
  fields,
  values,
  errors,
  timeZoneDescription,
  className = "gap-6",
}: {
  /** Makes the suggestion lists' ids unique on the page. */
  idPrefix: string;
  options: LocaleOptions;
  /** What react-hook-form's `register` gives for each field. */
  fields: Record<RegionField, UseFormRegisterReturn>;
  /** The typed currency and country, to name them under their boxes. */
  values: { currency?: string; country?: string };
  errors: Partial<Record<RegionField, string>>;
  timeZoneDescription: string;
  className?: string;
}) {
  const currencyName = useOptionLabel(options.currencies, values.currency);
  const countryName = useOptionLabel(options.countries, values.country);
  return (
    <>
      <div className={`grid items-start sm:grid-cols-2 ${className}`}>
        <FormField
          label="Currency"
          error={errors.currency}
          required
          description={currencyName ?? "Three-letter ISO code, e.g. KES, USD, EUR."}
        >
          <Input
            list={`${idPrefix}-currencies`}
            autoComplete="off"
            className="uppercase"
            maxLength={3}
            {...fields.currency}
          />
        </FormField>
        <FormField
          label="Country"
          error={errors.country}
          required
          description={countryName ?? "Two-letter code, e.g. KE, US."}
        >
          <Input
            list={`${idPrefix}-countries`}
            autoComplete="off"
            className="uppercase"
            maxLength={2}
            placeholder="KE"
            {...fields.country}
          />
        </FormField>
      </div>
      <FormField label="Time zone" error={errors.timeZone} required description={timeZoneDescription}>
        <Input list={`${idPrefix}-time-zones`} autoComplete="off" placeholder="Africa/Nairobi" {...fields.timeZone} />
      </FormField>
      <OptionsList id={`${idPrefix}-currencies`} options={options.currencies} />
      <OptionsList id={`${idPrefix}-countries`} options={options.countries} />
      <OptionsList id={`${idPrefix}-time-zones`} options={options.timeZones} />
    </>
  );
}
