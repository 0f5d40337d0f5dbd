import { expect, test, type Locator, type Page } from "@playwright/test";
import { companyOrigin, nairobiWallTime, signIn } from "./helpers";

// Issue 11's equipment screens, as Acme's network administrator uses them: she adds a manufacturer
// and a model to the catalogue, adds an access point of that model (site, rack, serial, MAC, SNMP
// v2c, the community sealed and never shown back), switches it to SNMP v3, gives it a management
// IP from the IPAM pool, adds a port, cables it to the Kilimani switch, and is told plainly when
// a colleague cabled the same switch port first. A support agent's ticket and her own job about
// the access point show on its page. Last, she removes the link, and both ports are free again.

const acme = companyOrigin("acme");
const PASSWORD = "Lastmile-demo-2026";
// Names of this run's own (the database may be reused between local runs).
const run = Date.now().toString(36).slice(-5);
const maker = `Cambium ${run}`;
const makerRenamed = `Cambium Networks ${run}`;
const model = "ePMP Force 300";
const ap = `ap-kilimani-${run}`;
const SWITCH = "agg-kilimani";
const community = `acme-ro-${run}`;

const toast = (page: Page, text: string | RegExp) => page.getByRole("status").filter({ hasText: text });
const fact = (page: Page, label: string) =>
  page
    .locator("dl > div")
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator("dd");
const interfaceRow = (page: Page, name: string) =>
  page.getByRole("row").filter({ has: page.getByRole("cell", { name, exact: true }) });

/** The first port of the select that is not cabled (its option is disabled when it is). */
async function firstFreePort(select: Locator): Promise<string> {
  await expect(select).toBeEnabled();
  await expect(select.locator("option")).not.toHaveCount(1);
  const free = select.locator("option:not([disabled])").nth(1);
  return (await free.textContent())!.trim();
}

test("the network administrator catalogues a model, adds and cables an access point, and sees its tickets and jobs", async ({
  page,
  browser,
}) => {
  test.setTimeout(420_000);
  await signIn(page, acme, "noc@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);

  // The catalogue: from the devices list to the device types.
  await page.getByRole("link", { name: "Devices", exact: true }).click();
  await page.getByRole("link", { name: "Device types" }).click();
  await expect(page.getByRole("heading", { name: "Device types" })).toBeVisible();

  await page.getByRole("button", { name: "Add manufacturer" }).click();
  const makerDialog = page.getByRole("dialog", { name: "Add a manufacturer" });
  await makerDialog.getByLabel("Name").fill("MikroTik");
  await makerDialog.getByRole("button", { name: "Add manufacturer" }).click();
  await expect(makerDialog.getByText("This manufacturer already exists.")).toBeVisible();
  await makerDialog.getByLabel("Name").fill(maker);
  await makerDialog.getByRole("button", { name: "Add manufacturer" }).click();
  await expect(toast(page, `${maker} added`)).toBeVisible();
  await expect(makerDialog).toBeHidden();

  // A model: every missing field is named at once; a port line that cannot be read is refused.
  await page.getByRole("button", { name: "Add device type" }).click();
  const typeDialog = page.getByRole("dialog", { name: "Add a device type" });
  await typeDialog.getByRole("button", { name: "Add device type" }).click();
  await expect(typeDialog.getByText("Choose the manufacturer.")).toBeVisible();
  await expect(typeDialog.getByText("Choose what the device does.")).toBeVisible();
  await expect(typeDialog.getByText("Enter the model.")).toBeVisible();
  await typeDialog.getByLabel("Manufacturer").selectOption({ label: maker });
  await typeDialog.getByLabel("Role").selectOption({ label: "Access point" });
  await typeDialog.getByLabel("Model").fill(model);
  await typeDialog.getByLabel("Ports").fill("eth0\nwlan0 RADIO");
  await typeDialog.getByRole("button", { name: "Add device type" }).click();
  await expect(typeDialog.getByText(/^Line 2: the kind is one of ETHERNET, SFP, PON, WIRELESS/)).toBeVisible();
  await typeDialog.getByLabel("Ports").fill("eth0\nwlan0 WIRELESS");
  await typeDialog.getByRole("button", { name: "Add device type" }).click();
  await expect(toast(page, `${model} added to the catalogue`)).toBeVisible();

  // Found by searching; renaming the manufacturer renames it on its models.
  await page.getByLabel("Search device types").fill(run);
  const typeRow = page.getByRole("row").filter({ hasText: model });
  await expect(typeRow).toHaveCount(1);
  await expect(typeRow.getByRole("cell")).toHaveText([maker, model, "Access point", "2", "0", ""]);
  await page.getByLabel("Rename a manufacturer").selectOption({ label: maker });
  const renameDialog = page.getByRole("dialog", { name: `Rename ${maker}` });
  await renameDialog.getByLabel("Name").fill(makerRenamed);
  await renameDialog.getByRole("button", { name: "Save" }).click();
  await expect(typeRow.getByRole("cell").first()).toHaveText(makerRenamed);

  // The device: what is missing or wrong is said beside each field, and nothing is saved.
  await page.goto(`${acme}/network/devices`);
  await page.getByRole("button", { name: "Add device" }).first().click();
  const add = page.getByRole("dialog", { name: "Add a device" });
  await add.getByRole("button", { name: "Add device" }).click();
  await expect(add.getByText("Enter the device name.")).toBeVisible();
  await expect(add.getByText("Choose the device type.")).toBeVisible();
  await add.getByLabel("Name").fill(SWITCH);
  await add.getByLabel("Device type").selectOption({ label: `${makerRenamed} ${model} (Access point)` });
  await add.getByLabel("MAC address").fill("4C:5E:0C:12:34");
  await add.getByLabel("Rack unit").fill("1.5");
  await add.getByLabel("Credentials").selectOption({ label: "v2c community" });
  await add.getByRole("button", { name: "Add device" }).click();
  await expect(add.getByText("Enter a MAC address like 4C:5E:0C:12:34:56.")).toBeVisible();
  await expect(add.getByText("Enter a whole rack unit, e.g. 12.")).toBeVisible();
  await expect(add.getByText("Enter the SNMP community.")).toBeVisible();
  await add.getByLabel("MAC address").fill("4c5e.0c12.3456");
  await add.getByLabel("Rack unit").fill("12");
  await add.getByLabel("Community").fill(community);
  await add.getByRole("button", { name: "Add device" }).click();
  // The name is taken by the Kilimani switch.
  await expect(add.getByText(`Check that no other device is called ${SWITCH}.`)).toBeVisible();
  await add.getByLabel("Name").fill(ap);
  const site = add.getByLabel("Site");
  await site.selectOption({ label: "Kilimani POP (KLM)" });
  await add.getByLabel("Status").selectOption({ label: "Planned" });
  await add.getByLabel("Serial number").fill(`E3K${run.toUpperCase()}`);
  await add.getByLabel("Rack", { exact: true }).fill("R2");
  await add.getByLabel("Firmware").fill("ePMP 5.8.1");
  await add.getByRole("button", { name: "Add device" }).click();
  await expect(toast(page, `${ap} added`)).toBeVisible();
  await toast(page, `${ap} added`).getByRole("link", { name: "Open the device to cable it" }).click();

  // Its page: what was typed, the MAC as the network writes it, the community only as "set".
  await expect(page.getByRole("heading", { name: ap })).toBeVisible();
  const deviceUrl = page.url();
  await expect(page.getByText(`${makerRenamed} ${model} · Access point`)).toBeVisible();
  await expect(fact(page, "Site")).toHaveText("Kilimani POP");
  await expect(fact(page, "Serial")).toHaveText(`E3K${run.toUpperCase()}`);
  await expect(fact(page, "MAC")).toHaveText("4c:5e:0c:12:34:56");
  await expect(fact(page, "Rack")).toHaveText("R2 U12");
  await expect(fact(page, "Firmware")).toHaveText("ePMP 5.8.1");
  await expect(fact(page, "SNMP")).toHaveText("v2c (community set)");
  await expect(page.getByText("Planned", { exact: true })).toBeVisible();
  // The type's ports are its interfaces.
  await expect(interfaceRow(page, "eth0")).toContainText("Not cabled");
  await expect(interfaceRow(page, "wlan0")).toContainText("Wireless");

  // Editing: the community is never sent back; SNMP v3 with passphrases checked as typed.
  await page.getByRole("button", { name: "Edit device" }).click();
  const edit = page.getByRole("dialog", { name: `Edit ${ap}` });
  await expect(edit.getByText("Stored now: v2c, community set.")).toBeVisible();
  await edit.getByLabel("Credentials").selectOption({ label: "v2c community" });
  await expect(edit.getByLabel("Community")).toHaveValue("");
  expect(await page.content()).not.toContain(community);
  await edit.getByLabel("Credentials").selectOption({ label: "v3 user" });
  await edit.getByLabel("User").fill("nms");
  await edit.getByLabel("Authentication", { exact: true }).selectOption("SHA");
  await edit.getByLabel("Authentication passphrase").fill("short");
  await edit.getByLabel("Privacy", { exact: true }).selectOption("AES");
  await edit.getByRole("button", { name: "Save device" }).click();
  await expect(edit.getByText("An SNMP v3 passphrase has at least 8 characters.")).toBeVisible();
  await expect(edit.getByText("Give both the privacy protocol and its passphrase.")).toBeVisible();
  await edit.getByLabel("Authentication passphrase").fill(`auth-${run}-passphrase`);
  await edit.getByLabel("Privacy passphrase").fill(`priv-${run}-passphrase`);
  await edit.getByLabel("Status").selectOption({ label: "Active" });
  await edit.getByRole("button", { name: "Save device" }).click();
  await expect(toast(page, `${ap} saved`)).toBeVisible();
  await page.reload();
  await expect(fact(page, "SNMP")).toHaveText("v3, user nms, SHA/AES");
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(`priv-${run}-passphrase`);

  // The management IP: the next free address of the management pool, recorded in IPAM.
  await expect(page.getByTestId("management-ip")).toHaveText("—");
  await page.getByRole("button", { name: "Assign the management IP" }).click();
  const mgmt = page.getByRole("dialog", { name: `Management IP: ${ap}` });
  await mgmt.getByLabel("Management pool").selectOption({ label: "10.20.255.0/24 · Network management" });
  await mgmt.getByRole("button", { name: "Allocate next free" }).click();
  await expect(toast(page, new RegExp(`^${ap} is managed at 10\\.20\\.255\\.\\d+`))).toBeVisible();
  await expect(mgmt).toBeHidden();
  const address = (await page.getByTestId("management-ip").textContent())!.trim();
  expect(address).toMatch(/^10\.20\.255\.\d+$/);
  await page.goto(`${acme}/network/ip-addresses`);
  await page.getByLabel("Search addresses").fill(address);
  const addressRow = page.getByRole("row").filter({ has: page.getByRole("cell", { name: address, exact: true }) });
  await expect(addressRow).toContainText(`Management of ${ap}`);
  await page.goto(deviceUrl);

  // A port of its own: a name the device already has is refused.
  await page.getByRole("button", { name: "Add interface" }).click();
  const portDialog = page.getByRole("dialog", { name: "Add an interface" });
  await portDialog.getByRole("button", { name: "Add interface" }).click();
  await expect(portDialog.getByText("Enter the interface name.")).toBeVisible();
  await portDialog.getByLabel("Name").fill("eth0");
  await portDialog.getByRole("button", { name: "Add interface" }).click();
  await expect(portDialog.getByText("Already taken on this device.")).toBeVisible();
  await portDialog.getByLabel("Name").fill("eth1");
  await portDialog.getByLabel("Description").fill("Spare uplink");
  await portDialog.getByRole("button", { name: "Add interface" }).click();
  await expect(toast(page, "eth1 added")).toBeVisible();
  await expect(interfaceRow(page, "eth1")).toContainText("Not cabled");

  // A colleague starts cabling eth1 to the switch in another window, and leaves the dialog open.
  const colleague = await page.context().newPage();
  await colleague.goto(deviceUrl);
  await interfaceRow(colleague, "eth1").getByRole("button", { name: "Connect" }).click();
  const late = colleague.getByRole("dialog", { name: `Connect ${ap} eth1` });
  await late.getByLabel("This port is").selectOption({ label: "Downstream: the other device feeds it" });
  await late.getByLabel("Find the other device").fill(SWITCH);
  await late.getByLabel("Other device", { exact: true }).selectOption({ label: `${SWITCH} (MikroTik CRS326-24G-2S+)` });
  const switchPort = await firstFreePort(late.getByLabel("Its port"));
  await late.getByLabel("Its port").selectOption({ label: switchPort });

  // Meanwhile eth0 is cabled to that same switch port, fed by the switch.
  await interfaceRow(page, "eth0").getByRole("button", { name: "Connect" }).click();
  const connect = page.getByRole("dialog", { name: `Connect ${ap} eth0` });
  await connect.getByLabel("This port is").selectOption({ label: "Downstream: the other device feeds it" });
  await connect.getByLabel("Find the other device").fill(SWITCH);
  await connect
    .getByLabel("Other device", { exact: true })
    .selectOption({ label: `${SWITCH} (MikroTik CRS326-24G-2S+)` });
  await connect.getByLabel("Its port").selectOption({ label: switchPort });
  await connect.getByLabel("Kind").selectOption({ label: "Copper" });
  await connect.getByRole("button", { name: "Connect" }).click();
  await expect(toast(page, `${ap} eth0 is connected`)).toBeVisible();
  await expect(interfaceRow(page, "eth0")).toContainText(`↑ ${SWITCH} ${switchPort} · Copper`);

  // The colleague's link is refused with the reason, and nothing changes on eth1.
  await late.getByRole("button", { name: "Connect" }).click();
  await expect(late.getByText(`${SWITCH} ${switchPort} is already cabled. Remove its link first.`)).toBeVisible();
  await expect(late.getByText("Already cabled.", { exact: true })).toBeVisible();
  await late.getByRole("button", { name: "Cancel" }).click();
  await colleague.reload();
  await expect(interfaceRow(colleague, "eth1")).toContainText("Not cabled");
  await colleague.close();

  // A cabled port cannot be deleted until its link is removed.
  await interfaceRow(page, "eth0").getByRole("button", { name: "Delete eth0" }).click();
  const confirmDelete = page.getByRole("alertdialog").or(page.getByRole("dialog", { name: "Delete interface eth0?" }));
  await confirmDelete.getByRole("button", { name: "Delete interface" }).click();
  await expect(
    confirmDelete.getByText(`${ap} eth0 is cabled: remove its link before deleting the interface.`),
  ).toBeVisible();
  await confirmDelete.getByRole("button", { name: "Cancel" }).click();

  // The switch's page shows the access point behind that port.
  await interfaceRow(page, "eth0").getByRole("link", { name: SWITCH }).click();
  await expect(page.getByRole("heading", { name: SWITCH })).toBeVisible();
  await expect(interfaceRow(page, switchPort)).toContainText(`↓ ${ap} eth0 · Copper`);
  const switchUrl = page.url();
  await page.goto(deviceUrl);
  await expect(page.getByRole("heading", { name: ap })).toBeVisible();
  await expect(page.getByText("No open ticket names this device.")).toBeVisible();
  await expect(page.getByText("No scheduled or running work order involves this device.")).toBeVisible();

  // A support agent opens a ticket about the access point.
  const supportContext = await browser.newContext();
  const support = await supportContext.newPage();
  await signIn(support, acme, "support@acme.example", PASSWORD);
  await support.waitForURL(`${acme}/`);
  await support.goto(`${acme}/tickets`);
  await support.getByRole("button", { name: "New ticket" }).first().click();
  const ticketDialog = support.getByRole("dialog", { name: "New ticket" });
  await ticketDialog.getByLabel("Category").selectOption({ index: 1 });
  const subject = `Sector ${run} drops customers every evening`;
  await ticketDialog.getByLabel("Subject").fill(subject);
  await ticketDialog.getByLabel("Description").fill("Three customers on the Kilimani sector lose the link after 7 pm.");
  await ticketDialog.getByLabel("Device", { exact: true }).fill(ap);
  await ticketDialog
    .getByRole("list", { name: "Matching devices" })
    .getByRole("button", { name: new RegExp(ap) })
    .click();
  await ticketDialog.getByRole("button", { name: "Open ticket" }).click();
  await support.waitForURL(/\/tickets\/[^/]+$/);
  await supportContext.close();

  // She schedules a job to realign it.
  await page.goto(`${acme}/work-orders`);
  await page.getByRole("button", { name: "New work order" }).first().click();
  const job = page.getByRole("dialog", { name: "New work order" });
  const title = `Realign ${ap}`;
  await job.getByRole("combobox", { name: "Kind", exact: true }).selectOption({ index: 1 });
  await job.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  const start = new Date(Date.now() + 24 * 3_600_000);
  await job.getByLabel(/^Window starts/).fill(nairobiWallTime(start));
  await job.getByLabel(/^Window ends/).fill(nairobiWallTime(new Date(start.getTime() + 2 * 3_600_000)));
  await job.getByRole("textbox", { name: "Address", exact: true }).fill("Kilimani POP, Nairobi");
  await job.getByLabel("Device", { exact: true }).fill(ap);
  await job
    .getByRole("list", { name: "Matching devices" })
    .getByRole("button", { name: new RegExp(ap) })
    .click();
  await job.getByRole("button", { name: "Schedule job" }).click();
  await page.waitForURL(/\/work-orders\/[^/]+$/);

  // The access point's page lists both.
  await page.goto(deviceUrl);
  await expect(page.getByRole("link", { name: new RegExp(subject) })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(title) })).toBeVisible();

  // The cable is pulled: the link is removed, and both ports are free again, after a reload too.
  await interfaceRow(page, "eth0").getByRole("button", { name: "Remove the link on eth0" }).click();
  await expect(toast(page, "Link removed")).toBeVisible();
  await expect(interfaceRow(page, "eth0")).toContainText("Not cabled");
  await expect(interfaceRow(page, "eth0").getByRole("link", { name: SWITCH })).toHaveCount(0);
  await page.reload();
  await expect(interfaceRow(page, "eth0")).toContainText("Not cabled");
  await page.goto(switchUrl);
  await expect(page.getByRole("heading", { name: SWITCH })).toBeVisible();
  await expect(interfaceRow(page, switchPort)).toContainText("Not cabled");
  await expect(interfaceRow(page, switchPort)).not.toContainText(ap);
});
