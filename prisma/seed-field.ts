// Demo data for field operations and the knowledge base: help articles (public and internal) in
// categories, and work orders for the field technician (two today, one tomorrow, one done
// yesterday, one unassigned survey, one cancelled). Called by prisma/seed.ts for the demo
// company, through the same services the console uses. Does nothing if the company has work
// orders or articles already, so it may be run again.
import { permissionsOf } from "../server/auth/permissions";
import { withTenant } from "../server/db/tenant";
import * as kb from "../server/modules/kb/service";
import type { Scope } from "../server/modules/scope";
import * as workOrders from "../server/modules/work-orders/service";
import { dateIn, wallTimeToUtc } from "../server/modules/work-orders/schema";

const CATEGORIES = [
  "Getting connected",
  "Speed and Wi-Fi",
  "Billing and payments",
  "Moving and changes",
  "Network operations",
] as const;
type Category = (typeof CATEGORIES)[number];

const ARTICLES: {
  title: string;
  category: Category;
  visibility: "PUBLIC" | "INTERNAL";
  published: boolean;
  body: string;
}[] = [
  {
    title: "Restart your router the right way",
    category: "Getting connected",
    visibility: "PUBLIC",
    published: true,
    body: `Most connection problems go away after a proper restart of your router (and fibre box, the ONT).

## Steps

1. Switch off the **router** and the **ONT** (the small white box where the fibre comes in).
2. Wait **30 seconds**, so both forget the old connection.
3. Switch on the **ONT first** and wait until its *PON* light is steady green (about a minute).
4. Switch on the **router** and wait two minutes before testing.

## Still not working?

- A **red LOS** light on the ONT means no light reaches it: do not bend the fibre cable, and open a ticket, we will send a technician.
- If only Wi-Fi fails, connect a laptop with a cable to see whether the internet itself works.
`,
  },
  {
    title: "Slow internet? Check these first",
    category: "Speed and Wi-Fi",
    visibility: "PUBLIC",
    published: true,
    body: `Before you report slow speeds, check these in order: most slow connections are slow Wi-Fi, not a slow line.

1. **Test with a cable.** Connect a computer to the router with a network cable and run a speed test. If the cable test is fast, the line is fine and the Wi-Fi needs attention (see *Wi-Fi channel tips*).
2. **Move closer.** Walls, water tanks and metal doors weaken Wi-Fi a lot. Try the speed test next to the router.
3. **Count the devices.** Phones updating apps, TVs streaming in 4K and cameras uploading all share your package's speed.
4. **Restart** the router and the ONT (see *Restart your router the right way*).
5. **Check your fair-use limit** in the portal: after the limit some packages run at a reduced speed until the next cycle.

If a cabled speed test stays well below your package's speed, open a ticket and include the speed test result.
`,
  },
  {
    title: "PPPoE settings for your own router",
    category: "Getting connected",
    visibility: "PUBLIC",
    published: true,
    body: `If you use your own router instead of ours, set its internet (WAN) connection like this:

| Setting | Value |
| --- | --- |
| Connection type | PPPoE |
| Username | your PPPoE username (in the portal, under your service) |
| Password | the password we gave you at installation |
| VLAN ID | leave empty unless our technician told you one |
| MTU | 1492 |

Save, then restart the router. If it keeps saying *authentication failed*, check the password's capital letters, or ask support to reset it; we will read you the new one once.
`,
  },
  {
    title: "Paying your bill with M-Pesa",
    category: "Billing and payments",
    visibility: "PUBLIC",
    published: true,
    body: `You can pay your monthly bill from your phone:

1. Open **M-Pesa** and choose **Lipa na M-Pesa → Paybill**.
2. Business number: **400200**.
3. Account number: your **account number** (e.g. \`ACC-000042\`), shown on your invoice and in the portal.
4. Enter the amount and your PIN.

The payment reaches your account within minutes and your service is restored automatically if it was suspended for non-payment. Keep the M-Pesa confirmation SMS until you see the payment in the portal.
`,
  },
  {
    title: "Moving house: taking your connection with you",
    category: "Moving and changes",
    visibility: "PUBLIC",
    published: true,
    body: `Moving? Tell us **two weeks before** you move, so we can check coverage at the new address and book the move.

- Request a **relocation** in the portal (or open a ticket) with the new address and the date you move.
- We check that our network reaches the new building. If it does, a technician moves your connection on the agreed day; bring the **router and the ONT** with you.
- Moving within our network is free once a year. Where we need to lay new cable, we tell you the cost first.

If we do not cover the new address, we end your contract without an early-termination fee.
`,
  },
  {
    title: "Wi-Fi channel tips for busy buildings",
    category: "Speed and Wi-Fi",
    visibility: "PUBLIC",
    published: true,
    body: `In flats, many routers share the same Wi-Fi channels and slow each other down.

- Prefer the **5 GHz** network (its name usually ends in *-5G*): it has more channels and less interference, but a shorter range.
- On **2.4 GHz**, use channel **1, 6 or 11** only; these do not overlap. Pick the one your neighbours use least (a Wi-Fi analyser app on your phone shows them).
- Put the router **high and central**, not in a cupboard or behind the TV.
- Restart the router after changing channels.

You can change the channel in the router's settings page (usually http://192.168.1.1); the login is printed under the router.
`,
  },
  {
    title: "OLT troubleshooting: LOS and low optical power",
    category: "Network operations",
    visibility: "INTERNAL",
    published: true,
    body: `For NOC and field staff. A customer ONT shows **LOS** or the OLT reports low receive power.

## Read the levels

- ONT receive power should be between **−8 and −27 dBm**. Below **−27 dBm**: expect errors; below **−30 dBm**: the ONT drops.
- Check the OLT PON port: if **all** ONTs on the port are low, suspect the feeder or splitter, not the drop.

## On site

1. Measure at the ONT with the power meter and record it on the work order (*Optical power*).
2. Inspect and clean the SC/APC connectors; re-measure.
3. Check the drop for tight bends (minimum radius 30 mm) and staple damage.
4. Measure at the splitter port; if it is fine there, replace the drop.

Escalate to the NOC if the splitter output is below −24 dBm.
`,
  },
  {
    title: "Installation standard: drop cable and ONT placement",
    category: "Network operations",
    visibility: "INTERNAL",
    published: false,
    body: `Draft, for review by the field team lead.

- ONT indoors, near a power socket, away from water and heat, at least 1 m above the floor.
- Leave a 1 m service loop at the ONT; no staples through the cable.
- Label the drop at the distribution box and at the ONT with the account number.
- Record the ONT serial on the work order; it is copied to the subscription on completion.
`,
  },
];

export async function seedField(companyId: string): Promise<void> {
  await withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { type: "SYSTEM", label: "seed" } };
    if ((await tx.kbArticle.count()) === 0) {
      const categoryId: Partial<Record<Category, string>> = {};
      for (const name of CATEGORIES) categoryId[name] = (await kb.saveCategory(scope, { name })).id;
      for (const a of ARTICLES)
        await kb.create(scope, {
          title: a.title,
          body: a.body,
          visibility: a.visibility,
          published: a.published,
          categoryId: categoryId[a.category],
        });
    }
    if ((await tx.workOrder.count()) > 0) return;

    const field = await tx.user.findFirst({ where: { email: "field@acme.example" } });
    const company = await tx.company.findUniqueOrThrow({ where: { id: companyId } });
    const tz = company.timeZone;
    const day = (offset: number) => dateIn(new Date(Date.now() + offset * 86_400_000), tz);
    const at = (offset: number, hhmm: string) => wallTimeToUtc(`${day(offset)}T${hhmm}`, tz)!;
    const customer = (firstName: string) =>
      tx.customer.findFirst({
        where: { firstName },
        include: { subscriptions: { select: { id: true, status: true } } },
      });
    const technicianId = field?.id ?? null;
    const agent = { userId: technicianId ?? "", permissions: permissionsOf("FIELD_TECHNICIAN") };

    // Today: an installation for a pending subscription, then a repair.
    const amina = await customer("Amina");
    const pending = amina?.subscriptions.find((s) => s.status === "PENDING");
    await workOrders.create(scope, {
      kind: "INSTALLATION",
      subscriptionId: pending?.id ?? null,
      customerId: amina?.id ?? null,
      address: amina ? null : "9 Digo Road, Mombasa",
      technicianId,
      windowStart: at(0, "09:00"),
      windowEnd: at(0, "11:00"),
      instructions:
        "Fibre drop from the distribution box at the gate. Bring a 50 m drop cable and a ZTE F660 ONT. Ask for Amina at the shop downstairs.",
    });
    const wanjiru = await customer("Wanjiru");
    await workOrders.create(scope, {
      kind: "REPAIR",
      customerId: wanjiru?.id ?? null,
      address: wanjiru ? null : "12 Ngong Road, Kilimani, Nairobi",
      title: "No internet: red LOS light on the ONT",
      technicianId,
      windowStart: at(0, "14:00"),
      windowEnd: at(0, "16:00"),
      instructions: "Customer reports a red LOS light since last night's storm. Check the drop along the wall first.",
    });
    // Tomorrow: network maintenance, no customer.
    await workOrders.create(scope, {
      kind: "MAINTENANCE",
      title: "Replace the battery of splitter cabinet KIL-07",
      address: "Corner of Argwings Kodhek Road and Lenana Road, Kilimani, Nairobi",
      latitude: -1.2936,
      longitude: 36.7868,
      technicianId,
      windowStart: at(1, "08:00"),
      windowEnd: at(1, "10:00"),
    });
    // In three days, not assigned yet: a survey for the business customer.
    await workOrders.create(scope, {
      kind: "SITE_SURVEY",
      title: "Survey for Business 100: rooftop and riser",
      address: "Mombasa Road, Industrial Area, Nairobi",
      windowStart: at(3, "10:00"),
      windowEnd: at(3, "12:00"),
    });
    const cancelled = await workOrders.create(scope, {
      kind: "REPAIR",
      title: "Intermittent Wi-Fi in the back bedroom",
      address: "4 Oginga Odinga St, Kisumu",
      windowStart: at(2, "11:00"),
      windowEnd: at(2, "12:00"),
    });
    await workOrders.cancel(
      scope,
      { userId: "", permissions: permissionsOf("SUPER_ADMIN") },
      { id: cancelled.id, reason: "Solved on the phone: the customer changed the Wi-Fi channel." },
    );

    // Yesterday, done: a repair with readings, equipment and the customer away.
    if (technicianId) {
      const otieno = await customer("Otieno");
      const done = await workOrders.create(scope, {
        kind: "REPAIR",
        customerId: otieno?.id ?? null,
        address: otieno ? null : "4 Oginga Odinga St, Kisumu",
        title: "Slow speeds in the evening",
        technicianId,
        windowStart: at(-1, "10:00"),
        windowEnd: at(-1, "12:00"),
        checklist: [
          { label: "Confirm the reported fault with the customer", required: true, done: false },
          { label: "Measure the signal", required: true, done: false },
          { label: "Test the service with the customer", required: true, done: false },
        ],
      });
      const asTech = { ...scope, actor: { type: "USER" as const, id: technicianId, label: "field@acme.example" } };
      await workOrders.advance(asTech, agent, { id: done.id, status: "EN_ROUTE" });
      await workOrders.advance(asTech, agent, { id: done.id, status: "ON_SITE" });
      for (const index of [0, 1, 2]) await workOrders.tick(asTech, agent, { id: done.id, index, done: true });
      await workOrders.recordMeasurement(asTech, agent, {
        workOrderId: done.id,
        kind: "OPTICAL_POWER_DBM",
        value: "-19.8",
        note: "At the ONT after cleaning the connector",
      });
      await workOrders.recordMeasurement(asTech, agent, { workOrderId: done.id, kind: "DOWNLOAD_MBPS", value: "48.6" });
      await workOrders.recordMeasurement(asTech, agent, { workOrderId: done.id, kind: "UPLOAD_MBPS", value: "23.9" });
      await workOrders.addEquipment(asTech, agent, {
        workOrderId: done.id,
        action: "REPLACED",
        description: "TP-Link Archer C6 router",
        serial: "TPL-22C6-8841",
      });
      await workOrders.complete(asTech, agent, {
        id: done.id,
        customerAbsentNote: "Customer at work; her brother let me in and confirmed the speed.",
        notes: "Old router overheated in the evenings; replaced it and moved it out of the cupboard.",
      });
      // Back-date the visit to yesterday's window (the services stamp "now").
      await tx.workOrder.update({
        where: { id: done.id },
        data: { startedAt: at(-1, "09:40"), arrivedAt: at(-1, "10:05"), completedAt: at(-1, "11:20") },
      });
    }
  });
}
