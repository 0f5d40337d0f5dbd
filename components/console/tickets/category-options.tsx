import { GROUP_LABELS } from "@/server/modules/tickets/schema";

type CategoryOption = { id: string; name: string; group: keyof typeof GROUP_LABELS };

/** Ticket categories as <option>s under one <optgroup> per group, in the order they come. */
export function CategoryOptions({ categories }: { categories: readonly CategoryOption[] }) {
  const groups = [...new Set(categories.map((c) => c.group))];
  return groups.map((g) => (
    <optgroup key={g} label={GROUP_LABELS[g]}>
      {categories
        .filter((c) => c.group === g)
        .map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
    </optgroup>
  ));
}
