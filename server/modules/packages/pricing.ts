import type { VolumeDiscount } from "./schema";

// What a package costs for one billing cycle: pure integer maths on minor units. The promotional
// price applies to the first `promoCycles` cycles; the best volume discount whose minimum quantity
// is reached applies to the whole line. Basis points are rounded half-up to the minor unit, once,
// on the line total (rounding per unit would drift by up to `quantity` minor units).

export interface PriceablePackage {
  priceMinor: number;
  promoPriceMinor?: number | null;
  promoCycles?: number | null;
  volumeDiscounts?: readonly VolumeDiscount[] | unknown;
}

export interface PriceQuote {
  /** Price of one unit in this cycle, before the volume discount. */
  unitPriceMinor: number;
  quantity: number;
  subtotalMinor: number;
  discountBps: number;
  discountMinor: number;
  totalMinor: number;
  promotional: boolean;
}

/** `value × bps / 10000`, rounded half-up; BigInt so large lines never lose precision. */
export function applyBps(valueMinor: number, bps: number): number {
  if (!Number.isInteger(valueMinor) || !Number.isInteger(bps)) throw new RangeError("applyBps takes integers");
  const product = BigInt(valueMinor) * BigInt(bps);
  return Number((product + 5000n) / 10000n);
}

function discountsOf(pkg: PriceablePackage): VolumeDiscount[] {
  return Array.isArray(pkg.volumeDiscounts) ? (pkg.volumeDiscounts as VolumeDiscount[]) : [];
}

/**
 * @param cycleIndex 0 for the first billing cycle of the subscription, 1 for the second, …
 * @param quantity   units on the line (corporate links, seats); at least 1.
 */
export function priceFor(
  pkg: PriceablePackage,
  { cycleIndex, quantity }: { cycleIndex: number; quantity: number },
): PriceQuote {
  if (!Number.isInteger(cycleIndex) || cycleIndex < 0) throw new RangeError("cycleIndex must be a whole number from 0");
  if (!Number.isInteger(quantity) || quantity < 1) throw new RangeError("quantity must be a whole number from 1");
  const promotional = pkg.promoPriceMinor != null && (pkg.promoCycles ?? 0) > cycleIndex;
  const unitPriceMinor = promotional ? pkg.promoPriceMinor! : pkg.priceMinor;
  const subtotalMinor = unitPriceMinor * quantity;
  const tier = discountsOf(pkg)
    .filter((d) => quantity >= d.minQuantity)
    .reduce<VolumeDiscount | null>((best, d) => (!best || d.minQuantity > best.minQuantity ? d : best), null);
  const discountBps = tier?.discountBps ?? 0;
  const discountMinor = applyBps(subtotalMinor, discountBps);
  return {
    unitPriceMinor,
    quantity,
    subtotalMinor,
    discountBps,
    discountMinor,
    totalMinor: subtotalMinor - discountMinor,
    promotional,
  };
}
