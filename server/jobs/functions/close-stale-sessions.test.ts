import { InngestTestEngine } from "@inngest/test";
import { expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { account } from "../../modules/radius/accounting";
import { makeNetwork } from "../../modules/radius/testing";
import { systemActor } from "../../modules/scope";
import { closeStaleSessions } from "./close-stale-sessions";

// The five-minute function: one step per company, each by its own setting; a second run closes
// nothing more. (What is closed and when: server/modules/radius/stale.test.ts.)
it("closes each company's silent sessions by its own setting, and is idempotent", async () => {
  const hourAgo = new Date(Date.now() - 3_600_000);
  const silentSession = async (net: Awaited<ReturnType<typeof makeNetwork>>) => {
    const { username } = await net.subscriber("ACTIVE");
    await account(net.company.id, systemActor, {
      status: "Interim-Update",
      username,
      acctSessionId: "silent-for-an-hour",
      nasIp: "10.0.0.1",
      framedIp: null,
      callingStation: null,
      inputBytes: 1,
      outputBytes: 1,
      sessionSeconds: 60,
      terminateCause: null,
      at: hourAgo.getTime(),
    });
  };
  const byDefault = await makeNetwork("stale-job-a");
  const patient = await makeNetwork("stale-job-b");
  await patient.admin.radius.saveSettings({ staleSessionMinutes: 120 });
  await silentSession(byDefault);
  await silentSession(patient);

  const first = await new InngestTestEngine({ function: closeStaleSessions }).execute();
  expect(first.result).toEqual({
    [byDefault.company.id]: { closed: 1, silentMinutes: 20 },
    [patient.company.id]: { closed: 0, silentMinutes: 120 },
  });
  const second = await new InngestTestEngine({ function: closeStaleSessions }).execute();
  expect(second.result).toEqual({
    [byDefault.company.id]: { closed: 0, silentMinutes: 20 },
    [patient.company.id]: { closed: 0, silentMinutes: 120 },
  });
  const open = (companyId: string) =>
    withTenant(companyId, (tx) => tx.radiusSession.count({ where: { stoppedAt: null } }));
  expect([await open(byDefault.company.id), await open(patient.company.id)]).toEqual([0, 1]);
});
