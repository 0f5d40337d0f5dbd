// npm run build:standalone (after `next build`): makes .next/standalone a complete app for the
// container image. Next.js puts its server files and the node_modules they use there; this adds
// what Next.js leaves to us:
// - our entry points bundled with esbuild into dist/*.mjs (the HTTP server of `npm start`, the
//   migrator, the job runner, backups, the restore check, the company export), npm packages
//   left as imports;
// - the node_modules files those imports need, found by the tracer Next.js itself uses (nft);
// - .next/static, public/ and prisma/migrations, which the standalone output does not copy.
// Then `node dist/start.mjs` in that folder is `npm start`, with nothing else installed.
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
// @ts-expect-error: Next.js's bundled copy of @vercel/nft (CommonJS) has no type declarations.
import nft from "next/dist/compiled/@vercel/nft";
import { ENTRY_POINTS } from "./standalone-entries";

const root = path.resolve(import.meta.dirname, "..");
const standalone = path.join(root, ".next/standalone");
if (!existsSync(path.join(standalone, ".next/BUILD_ID"))) {
  console.error('No .next/standalone: run `next build` first (next.config.ts has output: "standalone").');
  process.exit(1);
}

// Bundled under .next (generated output every linter and scanner already skips), then copied.
const dist = path.join(root, ".next/lastmile-dist");
rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: Object.fromEntries(Object.entries(ENTRY_POINTS).map(([name, src]) => [name, path.join(root, src)])),
  outdir: dist,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  // Some of our code and packages still call require() (CommonJS interop inside ESM).
  banner: {
    js: 'import { createRequire as __lmRequire } from "node:module"; const require = __lmRequire(import.meta.url);',
  },
  logLevel: "warning",
  plugins: [
    {
      name: "bundle-fixes",
      setup(b) {
        b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
          if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
          let contents = await readFile(args.path, "utf8");
          // "Run when executed directly" guards (prisma/seed.ts) compare import.meta.url with the
          // script run; inside a bundle that is the bundle itself, so they would all fire.
          contents = contents.replaceAll("import.meta.url === `file://${process.argv[1]}`", "false");
          // The migrator finds prisma/migrations two folders above its source file, else in the
          // working directory (server/db/migrate.ts). A bundle in dist/ is one folder below the
          // root, so it takes the working directory: the image's /app, which holds the migrations.
          if (/server[\\/]db[\\/]migrate\.ts$/.test(args.path))
            contents = contents.replaceAll("import.meta.dirname", "undefined");
          return { contents, loader: args.path.endsWith("x") ? "tsx" : "ts" };
        });
      },
    },
  ],
});

const outputs = Object.keys(ENTRY_POINTS).map((name) => path.join(dist, `${name}.mjs`));
const { fileList, warnings } = await nft.nodeFileTrace(outputs, { base: root, processCwd: root });
for (const w of warnings as Set<Error>)
  if (!/Failed to (resolve dependency|parse)/.test(w.message)) console.warn(w.message);
rmSync(path.join(standalone, "dist"), { recursive: true, force: true });
cpSync(dist, path.join(standalone, "dist"), { recursive: true });
let copied = 0;
for (const file of fileList as Set<string>) {
  if (!file.startsWith("node_modules/")) continue;
  const to = path.join(standalone, file);
  if (existsSync(to)) continue;
  mkdirSync(path.dirname(to), { recursive: true });
  cpSync(path.join(root, file), to, { dereference: true });
  copied++;
}

for (const [from, to] of [
  [".next/static", ".next/static"],
  ["public", "public"],
  ["prisma/migrations", "prisma/migrations"],
] as const) {
  rmSync(path.join(standalone, to), { recursive: true, force: true });
  cpSync(path.join(root, from), path.join(standalone, to), { recursive: true });
}
console.log(`.next/standalone: ${outputs.length} entry points in dist/, ${copied} files added from node_modules.`);
