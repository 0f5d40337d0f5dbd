import { spawn, type ChildProcess } from "node:child_process";
import { createSocket, type Socket } from "node:dgram";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import snmp from "net-snmp";

// Debian's snmpd run in the foreground from a private configuration, for the poller's test
// (snmpd.test.ts) and the poll benchmark (bench/poll.ts): nothing read from /etc/snmp, its own
// interface tables switched off, and in their place a fixed IF-MIB table (if-table.mjs through
// pass_persist) whose counters grow at known rates. Install with: apt-get install -y snmpd snmp fping

export const SNMPD = ["/usr/sbin/snmpd"].find((p) => existsSync(p));
export const missingSnmpd = SNMPD ? null : "snmpd (apt-get install -y snmpd)";

const IF_TABLE = path.join(import.meta.dirname, "if-table.mjs");

export interface FakeInterface {
  index: number;
  name: string;
  inBps: number;
  outBps: number;
  oper?: number;
  speedMbps?: number;
  /** Epoch ms at which the counters are 0 (default: a year ago); a moment ahead makes them wrap then. */
  zeroAt?: number;
  inErrorsPerSecond?: number;
  /** false: only the 32-bit ifTable counters (no ifXTable row), as on old or small agents. */
  hc?: boolean;
}

/** An SNMPv3 user the agent knows (USM), with authentication and privacy (authPriv). */
export interface SnmpdV3User {
  name: string;
  authProtocol: "SHA" | "MD5";
  authKey: string;
  privProtocol: "AES" | "DES";
  privKey: string;
}

export interface SnmpdOptions {
  port: number;
  community: string;
  interfaces: FakeInterface[];
  /** Listen on every address (127.0.0.x included), so one agent can stand for many devices. */
  anyAddress?: boolean;
  /** Else the loopback addresses to listen on (default 127.0.0.1). */
  addresses?: string[];
  /** SNMPv3 users (read-only, authPriv required), besides the v2c community. */
  v3Users?: SnmpdV3User[];
}

export interface RunningSnmpd {
  stop(): Promise<void>;
  /** Stops and starts the agent again: its sysUpTime starts from 0, as after a reboot. */
  restart(): Promise<void>;
}

export async function startSnmpd(options: SnmpdOptions): Promise<RunningSnmpd> {
  if (!SNMPD) throw new Error(`missing ${missingSnmpd}`);
  const dir = mkdtempSync(path.join(tmpdir(), "lastmile-snmpd-"));
  const yearAgo = Date.now() - 365 * 86_400_000;
  writeFileSync(
    path.join(dir, "if.json"),
    JSON.stringify({ interfaces: options.interfaces.map((i) => ({ zeroAt: yearAgo, ...i })) }),
  );
  const wrapper = (name: string, prefix: string) => {
    const file = path.join(dir, name);
    writeFileSync(
      file,
      `#!/bin/sh\nexec "${process.execPath}" "${IF_TABLE}" ${prefix} "${path.join(dir, "if.json")}"\n`,
    );
    chmodSync(file, 0o755);
    return file;
  };
  const listen = options.anyAddress
    ? `udp:${options.port}`
    : (options.addresses ?? ["127.0.0.1"]).map((a) => `udp:${a}:${options.port}`).join(",");
  writeFileSync(
    path.join(dir, "snmpd.conf"),
    [
      `agentaddress ${listen}`,
      `rocommunity ${options.community} ${options.anyAddress ? "default" : "127.0.0.0/8"}`,
      ...(options.v3Users ?? []).flatMap((u) => [
        `createUser ${u.name} ${u.authProtocol} "${u.authKey}" ${u.privProtocol} "${u.privKey}"`,
        `rouser ${u.name} priv`,
      ]),
      "sysdescr Lastmile test agent",
      `pass_persist .1.3.6.1.2.1.2.2.1 ${wrapper("ifentry.sh", ".1.3.6.1.2.1.2.2.1")}`,
      `pass_persist .1.3.6.1.2.1.31.1.1.1 ${wrapper("ifxentry.sh", ".1.3.6.1.2.1.31.1.1.1")}`,
      "",
    ].join("\n"),
  );
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(
      SNMPD!,
      // -f foreground (its persistent state goes to persist/: at exit it writes an snmpd.conf there), -C no system config, -Lo log to stdout, -I without snmpd's own interface tables.
      [
        "-f",
        "-C",
        "-c",
        path.join(dir, "snmpd.conf"),
        "-Lo",
        "-I",
        "-ifTable,ifXTable,interfaces,smux",
        "-p",
        path.join(dir, "pid"),
      ],
      {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, SNMP_PERSISTENT_DIR: path.join(dir, "persist"), MIBS: "" },
      },
    );
    let log = "";
    child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
    try {
      // Asked at an address of this agent: another agent may answer on the same port elsewhere on loopback.
      const probeAt = options.anyAddress ? "127.0.0.1" : (options.addresses ?? ["127.0.0.1"])[0]!;
      await waitUntilAnswering(probeAt, options.port, options.community, () => log);
    } catch (err) {
      // Not left running behind a failed start.
      child.kill("SIGTERM");
      throw err;
    }
  };
  const stop = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once("exit", () => resolve());
      c.kill("SIGTERM");
    });
  };
  await start();
  return {
    restart: async () => {
      await stop();
      await start();
    },
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilAnswering(address: string, port: number, community: string, log: () => string) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const session = snmp.createSession(address, community, {
      port,
      version: snmp.Version2c,
      timeout: 300,
      retries: 0,
    });
    session.on("error", () => {});
    const ok = await new Promise<boolean>((resolve) =>
      // The first row of both tables: snmpd is up and both pass_persist helpers have started (a
      // helper starts on its first request, which would otherwise slow the first poll's reads).
      session.getNext(["1.3.6.1.2.1.2.2.1.2", "1.3.6.1.2.1.31.1.1.1.6"], (err: Error | null) => resolve(!err)),
    );
    session.close();
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`snmpd did not answer at ${address}:${port}:\n${log().slice(-2000)}`);
}

/** A UDP "device" that answers every packet with bytes that are not SNMP. */
export async function garbageAgent(address: string, port: number): Promise<Socket> {
  const socket = createSocket("udp4");
  socket.on("message", (_msg, rinfo) =>
    socket.send(Buffer.from("this is not SNMP \x00\xff"), rinfo.port, rinfo.address),
  );
  await new Promise<void>((resolve) => socket.bind(port, address, resolve));
  return socket;
}

/** A UDP "device" that reads every packet and never answers. */
export async function silentAgent(address: string, port: number): Promise<Socket> {
  const socket = createSocket("udp4");
  socket.on("message", () => {});
  await new Promise<void>((resolve) => socket.bind(port, address, resolve));
  return socket;
}
