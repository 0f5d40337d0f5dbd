# syntax=docker/dockerfile:1
# Lastmile's production image: one image for the app, the migrations, the job runner, backups,
# the restore check and the company export (docs/OPERATIONS.md, "Container image").
#   docker build -t lastmile .
#   docker run --rm --env-file .env lastmile node dist/migrate.mjs    # migrations, once per release
#   docker run -p 3000:3000 --env-file .env lastmile                  # the app (our HTTP server)
# It runs Next.js's standalone output through our own server (server/http/next-server.ts, via
# dist/start.mjs), not the generated server.js: ours stamps the client's address and answers the
# RADIUS endpoints directly. scripts/deploy-files.test.ts checks this file offline.

ARG NODE_IMAGE=node:24-bookworm-slim

# ── Dependencies: every package, for the build (the final image copies only what is traced).
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts: Prisma's postinstall would download engines; the build generates the client.
RUN npm ci --ignore-scripts --no-audit --no-fund

# ── Build: the Prisma client, `next build` (output: "standalone"), then our bundles beside it.
FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build && npm run build:standalone

# ── Runtime: Node.js, PostgreSQL 16's client tools (pg_dump for backups must be at least the
# server's version; Debian 12 ships 15, so from PostgreSQL's own Debian repository) and tini.
FROM ${NODE_IMAGE} AS runtime
ARG PG_MAJOR=16
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates postgresql-common tini \
 && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
 && apt-get install -y --no-install-recommends postgresql-client-${PG_MAJOR} \
 && apt-get purge -y --auto-remove postgresql-common \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    STORAGE_DIR=/app/.data/storage \
    BACKUP_DIR=/app/.data/backups
WORKDIR /app
RUN groupadd --system --gid 1001 lastmile \
 && useradd --system --uid 1001 --gid lastmile --home-dir /app --shell /usr/sbin/nologin lastmile
# Code and packages are root's and read-only to the app; only .next/cache and .data are its own.
COPY --from=build /src/.next/standalone ./
RUN mkdir -p .next/cache .data/storage .data/backups && chown -R lastmile:lastmile .next/cache .data
USER lastmile:lastmile
EXPOSE 3000
# Our HTTP server answers /api/health on every host name: 200 when PostgreSQL answers and every
# migration of this build is applied, 503 otherwise.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/start.mjs"]
