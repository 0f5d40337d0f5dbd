// Demo data for the customer lifecycle: packages, customers with subscriptions (some active),
// a sales pipeline, a voucher batch and a month of usage. Called by prisma/seed.ts for the demo
// company only, through the same services the console uses. The active subscriptions started
// over the last six months (SINCE), so that prisma/seed-history.ts can bill and collect those
// months; the two pending installs start today.
import type { z } from "zod";
import { withTenant } from "../server/db/tenant";
import type { createPackageSchema } from "../server/modules/packages/schema";
import * as customers from "../server/modules/customers/service";
import * as leads from "../server/modules/leads/service";
import * as packages from "../server/modules/packages/service";
import { settleInline } from "../server/jobs/emit";
import type { Scope } from "../server/modules/scope";
import { addMonths, parseDate, toDateString, todayIn } from "../server/modules/subscriptions/dates";
import * as subscriptions from "../server/modules/subscriptions/service";
import * as vouchers from "../server/modules/vouchers/service";
import { BUSINESS_POOL, demoPoolId } from "./seed-ipam";

const PACKAGES: (z.input<typeof createPackageSchema> & { code: string })[] = [
  {
    name: "Hotspot 1 hour",
    code: "HS-1H",
    type: "HOTSPOT",
    hotspotMode: "TIME",
    validityMinutes: 60,
    billingCycle: "VALIDITY",
    downloadKbps: 5000,
    uploadKbps: 2000,
    priceMinor: 2000,
  },
  {
    name: "Hotspot Daily 1 GB",
    code: "HS-1GB",
    type: "HOTSPOT",
    hotspotMode: "DATA",
    dataCapMb: 1024,
    validityMinutes: 1440,
    billingCycle: "VALIDITY",
    downloadKbps: 10000,
    uploadKbps: 3000,
    priceMinor: 5000,
  },
  {
    name: "Home Fibre 20",
    code: "FIB-20",
    type: "FIBER",
    billingCycle: "MONTHLY",
    downloadKbps: 20000,
    uploadKbps: 10000,
    priceMinor: 250000,
    setupFeeMinor: 150000,
    contractMonths: 12,
    slaUptimeBps: 9950,
    slaResponseMinutes: 240,
    slaResolutionMinutes: 1440,
  },
  {
    name: "Home Fibre 50",
    code: "FIB-50",
    type: "FIBER",
    billingCycle: "MONTHLY",
    downloadKbps: 50000,
    uploadKbps: 25000,
    priceMinor: 450000,
    setupFeeMinor: 150000,
    contractMonths: 12,
    promoPriceMinor: 350000,
    promoCycles: 3,
  },
  {
    name: "PPPoE Lite 10",
    code: "PPP-10",
    type: "PPPOE",
    billingCycle: "MONTHLY",
    downloadKbps: 10000,
    uploadKbps: 5000,
    priceMinor: 180000,
    dataCapMb: 200 * 1024,
    dataRollover: true,
    fupDownloadKbps: 2000,
    fupUploadKbps: 1000,
  },
  {
    name: "Business 100",
    code: "BIZ-100",
    type: "CORPORATE",
    billingCycle: "MONTHLY",
    downloadKbps: 100000,
    uploadKbps: 100000,
    priceMinor: 1500000,
    contractMonths: 24,
    requiresStaticIp: true,
    visibility: "STAFF_ONLY",
    slaUptimeBps: 9990,
    slaResponseMinutes: 60,
    slaResolutionMinutes: 240,
    volumeDiscounts: [
      { minQuantity: 5, discountBps: 500 },
      { minQuantity: 10, discountBps: 1000 },
    ],
  },
];

/** Months before the current one and day of that month each subscriber's service started (null: pending, today). */
const SINCE: ([number, number] | null)[] = [[6, 9], [6, 2], [5, 16], [5, 4], [4, 20], [2, 11], null, null];
const BRIAN_SINCE: [number, number] = [3, 6];

/** The day `day` of the month `months` before today's (the month's last day when shorter), never after today. */
export function monthsBack(today: string, months: number, day: number): string {
  const first = addMonths(parseDate(`${today.slice(0, 7)}-01`), -months);
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const date = toDateString(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last))));
  return date > today ? today : date;
}

const PEOPLE = [
  ["Wanjiru", "Kamau", "0722 410 233", "12 Ngong Road, Kilimani, Nairobi", -1.2921, 36.7846],
  ["Otieno", "Odhiambo", "0733 118 902", "4 Oginga Odinga St, Kisumu", -0.0917, 34.768],
  ["Achieng", "Were", "0711 556 780", "88 Moi Avenue, Mombasa", -4.0435, 39.6682],
  ["Kiprono", "Koech", "0700 223 445", "17 Uganda Road, Eldoret", 0.5143, 35.2698],
  ["Njeri", "Maina", "0722 908 114", "3 Kenyatta Avenue, Nakuru", -0.3031, 36.08],
  ["Mutua", "Mutiso", "0790 331 276", "56 Thika Road, Roysambu, Nairobi", -1.2186, 36.8868],
  ["Amina", "Hassan", "0745 667 120", "9 Digo Road, Mombasa", -4.0597, 39.6663],
  ["Peter", "Omondi", "0721 774 390", "21 Riverside Drive, Nairobi", -1.2676, 36.8049],
] as const;

export async function seedLifecycle(companyId: string): Promise<void> {
  await withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { type: "SYSTEM", label: "seed" } };
    const pkg: Record<string, string> = {};
    for (const p of PACKAGES) pkg[p.code] = (await packages.create(scope, p)).id;

    const company = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { timeZone: true } });
    const today = todayIn(company.timeZone);
    const since = (when: [number, number] | null) => (when ? monthsBack(today, when[0], when[1]) : today);
    const plans = ["FIB-20", "FIB-50", "PPP-10", "FIB-20", "PPP-10", "FIB-50", "FIB-20", "PPP-10"];
    for (const [i, [firstName, lastName, phone, address, lat, lng]] of PEOPLE.entries()) {
      const email = `${firstName}.${lastName}@example.com`.toLowerCase();
      const customer = await customers.create(scope, {
        firstName,
        lastName,
        phone,
        email,
        serviceAddress: address,
        serviceLatitude: lat,
        serviceLongitude: lng,
        tags: i % 3 === 0 ? ["residential", "fibre"] : ["residential"],
      });
      const sub = await subscriptions.create(scope, {
        customerId: customer.id,
        packageId: pkg[plans[i]!]!,
        startDate: since(SINCE[i]!),
        installationAddress: address,
        cpeSerial: `ZTE${100200 + i}`,
      });
      if (SINCE[i]) await subscriptions.transition(scope, "activate", { id: sub.subscription.id });
      // A subscriber with a portal sign-in of the same e-mail (prisma/seed.ts makes them) gets it linked.
      const user = await tx.user.findUnique({
        where: { companyId_email: { companyId, email } },
        select: { id: true, role: true },
      });
      if (user?.role === "CUSTOMER") await customers.linkPortalUser(scope, customer.id, user.id);
    }
    // The demo portal customer (brian.ouma@example.com) has a live service and a month of usage.
    const brianUser = await tx.user.findUniqueOrThrow({
      where: { companyId_email: { companyId, email: "brian.ouma@example.com" } },
    });
    const brian = await customers.create(scope, {
      firstName: "Brian",
      lastName: "Ouma",
      phone: "0722 300 400",
      email: brianUser.email,
      serviceAddress: "7 Argwings Kodhek Road, Hurlingham, Nairobi",
      tags: ["residential", "fibre"],
    });
    await customers.linkPortalUser(scope, brian.id, brianUser.id);
    const brianSub = await subscriptions.create(scope, {
      customerId: brian.id,
      packageId: pkg["FIB-20"]!,
      startDate: since(BRIAN_SINCE),
      installationAddress: "7 Argwings Kodhek Road, Hurlingham, Nairobi",
      cpeSerial: "ZTE100999",
    });
    await subscriptions.transition(scope, "activate", { id: brianSub.subscription.id });
    // Usage normally arrives from RADIUS accounting (network issue); the demo gets 30 plausible days.
    for (let d = 29; d >= 0; d--) {
      const day = new Date(Date.now() - d * 86_400_000);
      const gb = 1.5 + ((d * 7) % 5) * 0.8;
      await tx.usageDaily.create({
        data: {
          companyId,
          subscriptionId: brianSub.subscription.id,
          day: new Date(day.toISOString().slice(0, 10)),
          downloadBytes: BigInt(Math.round(gb * 1024 ** 3)),
          uploadBytes: BigInt(Math.round(gb * 0.15 * 1024 ** 3)),
        },
      });
    }

    const business = await customers.create(scope, {
      type: "BUSINESS",
      businessName: "Savannah Logistics Ltd",
      taxId: "P051234567X",
      firstName: "Grace",
      lastName: "Mwende",
      phone: "0202 345 678",
      email: "it@savannah-logistics.example",
      serviceAddress: "Mombasa Road, Industrial Area, Nairobi",
      tags: ["business"],
    });
    const businessPoolId = await demoPoolId(scope, BUSINESS_POOL);
    await subscriptions.create(scope, {
      customerId: business.id,
      packageId: pkg["BIZ-100"]!,
      startDate: today,
      // The next free address of the business pool when the address plan is seeded first
      // (prisma/seed-ipam.ts), else typed in.
      ...(businessPoolId ? { staticIpPoolId: businessPoolId } : { staticIp: "203.0.113.20" }),
      installationAddress: "Mombasa Road, Industrial Area, Nairobi",
    });

    const sales = [
      { name: "Moses Kibet", phone: "0712 000 111", source: "WEBSITE", address: "Kileleshwa, Nairobi", stage: "NEW" },
      {
        name: "Faith Wambui",
        phone: "0712 000 222",
        source: "REFERRAL",
        address: "Westlands, Nairobi",
        stage: "CONTACTED",
      },
      {
        name: "Hotel Baraka",
        phone: "0712 000 333",
        source: "WALK_IN",
        address: "Nyali, Mombasa",
        stage: "SITE_SURVEY",
      },
      {
        name: "Daniel Ouma",
        phone: "0712 000 444",
        source: "SOCIAL_MEDIA",
        address: "Milimani, Kisumu",
        stage: "QUOTED",
      },
    ] as const;
    for (const l of sales) {
      const lead = await leads.create(scope, {
        name: l.name,
        phone: l.phone,
        source: l.source,
        address: l.address,
        interestedPackageId: pkg["FIB-20"],
      });
      if (l.stage !== "NEW") {
        for (const stage of ["CONTACTED", "SITE_SURVEY", "QUOTED"] as const) {
          await leads.changeStage(scope, { id: lead.id, stage });
          if (stage === l.stage) break;
        }
      }
    }
    await vouchers.generateBatch(scope, {
      packageId: pkg["HS-1H"]!,
      quantity: 24,
      note: "Demo batch for the café hotspot",
    });
  });
  await settleInline();
}
