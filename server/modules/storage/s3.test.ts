import { HeadObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "../../lib/env";
import { driver, resetDriver } from "./drivers";
import * as storage from "./service";

// The S3 driver against a real S3-compatible server (s3rver, in this process, on 127.0.0.1, its
// objects in a temporary folder), configured the way a MinIO or R2 installation is: an endpoint,
// path-style addressing, a region and static keys, all from STORAGE_S3_* variables.

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");
const BUCKET = "lastmile-attachments";
const PREFIX = "attachments";
const S3_VARS = [
  "STORAGE_S3_BUCKET",
  "STORAGE_S3_REGION",
  "STORAGE_S3_ENDPOINT",
  "STORAGE_S3_ACCESS_KEY_ID",
  "STORAGE_S3_SECRET_ACCESS_KEY",
  "STORAGE_S3_FORCE_PATH_STYLE",
  "STORAGE_S3_PREFIX",
] as const;

let dir: string;
let server: S3rver;
let endpoint: string;
let bucket: S3Client; // a plain client, to look at the bucket from outside the driver

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lastmile-s3rver-"));
  server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  // s3rver checks signatures against its one built-in key pair.
  Object.assign(process.env, {
    STORAGE_S3_BUCKET: BUCKET,
    STORAGE_S3_REGION: "us-east-1",
    STORAGE_S3_ENDPOINT: endpoint,
    STORAGE_S3_ACCESS_KEY_ID: "S3RVER",
    STORAGE_S3_SECRET_ACCESS_KEY: "S3RVER",
    STORAGE_S3_FORCE_PATH_STYLE: "true",
    STORAGE_S3_PREFIX: `/${PREFIX}/`,
  });
  resetEnvCache();
  resetDriver();
  bucket = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
});

afterAll(async () => {
  for (const name of S3_VARS) delete process.env[name];
  resetEnvCache();
  resetDriver();
  bucket?.destroy();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const listKeys = async (under: string) =>
  ((await bucket.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: under }))).Contents ?? []).map((o) => o.Key);

describe("the S3 driver on an S3-compatible server", () => {
  it("is chosen when STORAGE_S3_BUCKET is set", async () => {
    expect((await driver()).name).toBe("s3");
  });

  it("round-trips bytes through put, get, stream and remove, keeping the content type", async () => {
    const stored = await storage.put("company1", { fileName: "router.png", contentType: "image/png", bytes: PNG });
    expect(stored.storageKey).toMatch(/^company1\/\d{4}\/\d{2}\/[a-z0-9]+$/);
    expect(stored.sizeBytes).toBe(PNG.byteLength);

    const head = await bucket.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}/${stored.storageKey}` }));
    expect(head.ContentType).toBe("image/png");
    expect(head.ContentLength).toBe(PNG.byteLength);

    expect(Buffer.from(await storage.get(stored.storageKey))).toEqual(Buffer.from(PNG));
    const streamed = Buffer.from(await new Response(await storage.stream(stored.storageKey)).arrayBuffer());
    expect(streamed).toEqual(Buffer.from(PNG));

    await storage.remove(stored.storageKey);
    expect(await listKeys(`${PREFIX}/${stored.storageKey}`)).toEqual([]);
    await storage.remove(stored.storageKey); // removing twice is fine
  });

  it("keeps every company's objects under its own prefix, below STORAGE_S3_PREFIX", async () => {
    const a = await storage.put("companyA", { fileName: "a.pdf", contentType: "application/pdf", bytes: PDF });
    const b = await storage.put("companyB", { fileName: "b.png", contentType: "image/png", bytes: PNG });
    expect(await listKeys(`${PREFIX}/companyA/`)).toEqual([`${PREFIX}/${a.storageKey}`]);
    expect(await listKeys(`${PREFIX}/companyB/`)).toEqual([`${PREFIX}/${b.storageKey}`]);
    expect(await listKeys("companyA/")).toEqual([]); // nothing outside the configured prefix
    expect(storage.belongsTo(a.storageKey, "companyA")).toBe(true);
    expect(storage.belongsTo(a.storageKey, "companyB")).toBe(false);
    expect(
      (await bucket.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}/${a.storageKey}` }))).ContentType,
    ).toBe("application/pdf");
    // A row whose key names another company is not served, whatever the bucket holds.
    expect(await storage.open({ storageKey: a.storageKey, companyId: "companyB" })).toBeNull();
    await Promise.all([storage.remove(a.storageKey), storage.remove(b.storageKey)]);
  });

  it("turns a missing key into MissingObject (and a null download), and refuses a malformed key", async () => {
    const gone = "company1/2026/01/nosuchobject";
    await expect(storage.get(gone)).rejects.toBeInstanceOf(storage.MissingObject);
    await expect(storage.get(gone)).rejects.toThrow(`No stored object at ${gone}`);
    await expect(storage.stream(gone)).rejects.toBeInstanceOf(storage.MissingObject);
    expect(await storage.open({ storageKey: gone, companyId: "company1" })).toBeNull();
    await expect(storage.get("company1/../../etc/passwd")).rejects.toThrow(/Not a storage key/);
  });
});
