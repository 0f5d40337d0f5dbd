import { TAX_CATEGORIES, TAX_CATEGORY_LABELS } from "@/server/modules/billing/schema";

/** The tax categories as a select's options, in the order and words billing uses everywhere. */
export function TaxCategoryOptions() {
  return TAX_CATEGORIES.map((c) => (
    <option key={c} value={c}>
      {TAX_CATEGORY_LABELS[c]}
    </option>
  ));
}
