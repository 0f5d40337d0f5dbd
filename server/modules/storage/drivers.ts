import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createReadStream } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { env } from "../../lib/env";

// Where attachment bytes live. Local disk by default (STORAGE_DIR, default .data/storage); an
// S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, Wasabi, …) when STORAGE_S3_BUCKET is set.
// Keys are "<companyId>/<yyyy>/<mm>/<id>": every company's files sit under its own prefix.

export interface StorageDriver {
  readonly name: "local" | "s3";
  write(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  read(key: string): Promise<Uint8Array>;
  open(key: string): Promise<ReadableStream<Uint8Array>>;
  delete(key: string): Promise<void>;
}

/** Raised when a key has no object (deleted by hand, another machine's disk, …). */
export class MissingObject extends Error {
  constructor(key: string) {
    super(`No stored object at ${key}`);
    this.name = "MissingObject";
  }
}

const KEY = /^[A-Za-z0-9_-]{1,64}(\/[A-Za-z0-9_-]{1,64}){1,5}$/;

/** Keys are made by put(); anything else (a "../" smuggled in from a row or a URL) is refused. */
export function assertKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`Not a storage key: ${JSON.stringify(key).slice(0, 80)}`);
}

export function localDriver(root: string): StorageDriver {
  const fileOf = (key: string) => {
    assertKey(key);
    return path.join(root, ...key.split("/"));
  };
  const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === "ENOENT";
  return {
    name: "local",
    async write(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written beside, then renamed: a reader never sees half a file.
      const partial = `${file}.${process.pid}.partial`;
      await writeFile(partial, bytes);
      await rename(partial, file);
    },
    async read(key) {
      try {
        return new Uint8Array(await readFile(fileOf(key)));
      } catch (err) {
        if (missing(err)) throw new MissingObject(key);
        throw err;
      }
    },
    async open(key) {
      const file = fileOf(key);
      // Opening first turns a missing file into MissingObject instead of a broken stream.
      try {
        await stat(file);
      } catch (err) {
        if (missing(err)) throw new MissingObject(key);
        throw err;
      }
      return Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}

async function s3Driver(): Promise<StorageDriver> {
  // Loaded only when configured, so local installations never pay for the SDK.
  const { S3Client, PutObjectCommand, GetObjectCommand, DeleteObjectCommand, NoSuchKey } =
    await import("@aws-sdk/client-s3");
  const e = env();
  const client = new S3Client({
    region: e.STORAGE_S3_REGION,
    endpoint: e.STORAGE_S3_ENDPOINT,
    forcePathStyle: e.STORAGE_S3_FORCE_PATH_STYLE === "1" || e.STORAGE_S3_FORCE_PATH_STYLE === "true",
    credentials:
      e.STORAGE_S3_ACCESS_KEY_ID && e.STORAGE_S3_SECRET_ACCESS_KEY
        ? { accessKeyId: e.STORAGE_S3_ACCESS_KEY_ID, secretAccessKey: e.STORAGE_S3_SECRET_ACCESS_KEY }
        : undefined,
  });
  const Bucket = e.STORAGE_S3_BUCKET!;
  const prefix = (e.STORAGE_S3_PREFIX ?? "").replace(/^\/+|\/+$/g, "");
  const objectKey = (key: string) => {
    assertKey(key);
    return prefix ? `${prefix}/${key}` : key;
  };
  const body = async (key: string) => {
    try {
      const out = await client.send(new GetObjectCommand({ Bucket, Key: objectKey(key) }));
      if (!out.Body) throw new MissingObject(key);
      return out.Body;
    } catch (err) {
      if (err instanceof NoSuchKey || (err as { name?: string }).name === "NoSuchKey") throw new MissingObject(key);
      throw err;
    }
  };
  return {
    name: "s3",
    async write(key, bytes, contentType) {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: objectKey(key),
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.byteLength,
        }),
      );
    },
    async read(key) {
      return (await body(key)).transformToByteArray();
    },
    async open(key) {
      return (await body(key)).transformToWebStream() as ReadableStream<Uint8Array>;
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },
  };
}

/** The folder of the local driver: STORAGE_DIR, or .data/storage (tests: a temporary folder). */
export function localRoot(): string {
  const e = env();
  if (e.STORAGE_DIR) return path.resolve(e.STORAGE_DIR);
  return e.NODE_ENV === "test" ? path.join(tmpdir(), "lastmile-test-storage") : path.resolve(".data/storage");
}

let current: Promise<StorageDriver> | undefined;

/** The configured driver, built once. */
export function driver(): Promise<StorageDriver> {
  current ??= env().STORAGE_S3_BUCKET ? s3Driver() : Promise.resolve(localDriver(localRoot()));
  return current;
}

/** Test hook: build the driver again after changing the environment. */
export function resetDriver(): void {
  current = undefined;
}
