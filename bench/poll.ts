// The SNMP poller at the scale: 1,000 interfaces in one five-minute cycle. Debian's snmpd
// (server/modules/monitoring/snmpd-harness.ts) serves an interface table on a loopback high port
// on every 127.0.0.x address, and DEVICES devices of a scratch company point at 127.0.0.1…N, so
// each device is a separate SNMP conversation with its own INTERFACES interfaces. Times whole
// cycles of pollCompany (read every device, compute rates, write samples, rollups, counters and
// reachability): the first (no rates yet) and CYCLES more. Results go in docs/BENCHMARKS.md.
//
//   npm run bench:poll        (needs snmpd and the PostgreSQL of TEST_DATABASE_URL, as the tests do)
//   DEVICES=1 INTERFACES=1000 npm run bench:poll     (one big device instead)
import os from "node:os";
import { withScratchCompany } from "./scratch";
import { freeUdpPort } from "../server/modules/radius/freeradius-harness";
import { missingSnmpd, startSnmpd } from "../server/modules/monitoring/snmpd-harness";

const DEVICES = Number(process.env.DEVICES ?? 20);
const INTERFACES = Number(process.env.INTERFACES ?? 50);
const CYCLES = Number(process.env.CYCLES ?? 3);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);
const COMMUNITY = "bench-community";

async function main() {
  if (missingSnmpd) throw new Error(`missing ${missingSnmpd}`);
  const port = await freeUdpPort();
  const agent = await startSnmpd({
    port,
    community: COMMUNITY,
    anyAddress: true,
    interfaces: Array.from({ length: INTERFACES }, (_, i) => ({
      index: i + 1,
      name: `ether${i + 1}`,
      inBps: (i + 1) * 1_000_000,
      outBps: (i + 1) * 250_000,
      speedMbps: 10_000,
    })),
  });
  try {
    await withScratchCompany("poll", async (companyId) => {
      const devices = await import("../server/modules/devices/service");
      const { assignManagementIp } = await import("../server/modules/devices/management-ip");
      const { seedStarterCatalogue } = await import("../server/modules/devices/catalogue");
      const { pollCompany } = await import("../server/modules/monitoring/poller");
      const { withTenant } = await import("../server/db/tenant");
      const { systemActor } = await import("../server/modules/scope");
      await withTenant(companyId, async (tx) => {
        const scope = { tx, companyId, actor: systemActor };
        if ((await tx.deviceType.count()) === 0) await seedStarterCatalogue(scope);
        const typeId = (await tx.deviceType.findFirstOrThrow({ where: { role: "ROUTER" } })).id;
        for (let d = 1; d <= DEVICES; d++) {
          const { id } = await devices.create(scope, {
            name: `router-${d}`,
            deviceTypeId: typeId,
            snmp: { version: "V2C", community: COMMUNITY },
          });
          await assignManagementIp(scope, { deviceId: id, address: `127.0.0.${d}` });
        }
      });

      const runs: { ms: number; rated: number; interfaces: number; failed: number }[] = [];
      for (let c = 0; c <= CYCLES; c++) {
        if (c > 0) await new Promise((r) => setTimeout(r, 2_000));
        const r = await pollCompany(companyId, { port, concurrency: CONCURRENCY, timeoutMs: 2_000, retries: 1 });
        runs.push({ ms: r.ms, rated: r.rated, interfaces: r.interfaces, failed: r.failed.length });
        console.error(
          `cycle ${c}: ${r.ms} ms, ${r.interfaces} interfaces, ${r.rated} rated, ${r.failed.length} failed`,
        );
      }
      const later = runs.slice(1).map((r) => r.ms);
      console.log(
        `\nMachine: ${os.cpus()[0]?.model ?? "unknown"} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}; load ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(" ")}; ${new Date().toISOString()}`,
      );
      console.log(
        `${DEVICES} devices × ${INTERFACES} interfaces = ${DEVICES * INTERFACES} interfaces, concurrency ${CONCURRENCY}, one snmpd (pass_persist table)\n`,
      );
      console.log("| cycle | interfaces read | rated | failed devices | time (ms) |\n|---|---:|---:|---:|---:|");
      runs.forEach((r, i) =>
        console.log(`| ${i === 0 ? "first (no rates)" : i} | ${r.interfaces} | ${r.rated} | ${r.failed} | ${r.ms} |`),
      );
      console.log(
        `\nSlowest cycle with rates: ${Math.max(...later)} ms of the 300,000 ms budget (${((Math.max(...later) / 300_000) * 100).toFixed(2)} %).`,
      );
    });
  } finally {
    await agent.stop();
  }
}

await main();
