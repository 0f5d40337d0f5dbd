import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import { ClusterIssuer } from "@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer";
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { Job } from "kubernetes-models/batch/v1/Job";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { parseAllDocuments, parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { ENTRY_POINTS } from "./standalone-entries";

// The container image, the Compose stack and the Kubernetes manifests, checked offline: no
// container engine runs on our machines and no cluster is reachable, so nothing here is built or
// applied. The manifests are validated against Kubernetes's OpenAPI schemas (kubernetes-models,
// pure JavaScript from npm; kubeconform and kubectl are binaries from elsewhere, which these
// machines cannot download), and the rules that matter for us are checked by hand.

const root = path.resolve(import.meta.dirname, "..");
const read = (rel: string) => readFileSync(path.join(root, rel), "utf8");

/** Variables of .env.example. */
function envKeys(rel: string): string[] {
  return [...read(rel).matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
}
/** Only for the test suite or the embedded database, which a container or cluster never uses. */
const NOT_DEPLOYED = ["TEST_DATABASE_URL", "CHROMIUM_PATH", "E2E_PORT", "EMBEDDED_DB_PORT", "EMBEDDED_DB_DIR"];
const deployedKeys = () => envKeys(".env.example").filter((k) => !NOT_DEPLOYED.includes(k));

/** `node dist/<name>.mjs` commands in a text. */
const distCommands = (text: string) => [...text.matchAll(/dist\/([a-z-]+)\.mjs/g)].map((m) => m[1]);

describe("Dockerfile", () => {
  const doc = DockerfileParser.parse(read("Dockerfile"));
  const stages = doc.getFROMs();
  const finalStart = stages.at(-1)!.getRange().start.line;
  const final = doc.getInstructions().filter((i) => i.getRange().start.line >= finalStart);
  const args = (kw: string) => final.filter((i) => i.getKeyword() === kw).map((i) => i.getArgumentsContent() ?? "");

  it("builds in stages on the current Node.js LTS, slim", () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const image = doc
      .getARGs()
      .find((a) => a.getProperty()?.getName() === "NODE_IMAGE")
      ?.getProperty()
      ?.getValue();
    expect(image).toMatch(/^node:24-bookworm-slim$/);
    // The dependency stage and the runtime stage start from it (the build stage from the first).
    for (const stage of [stages[0], stages.at(-1)!])
      expect(stage.getArgumentsContent()).toMatch(/^\$\{NODE_IMAGE\} AS /);
  });

  it("runs as a non-root user with a health check on /api/health", () => {
    const user = args("USER");
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(args("HEALTHCHECK")[0]).toContain("/api/health");
  });

  it("starts our server from the standalone output, and every command it names is built", () => {
    expect(JSON.parse(args("CMD")[0])).toEqual(["node", "dist/start.mjs"]);
    expect(read("Dockerfile")).toMatch(/npm run build && npm run build:standalone/);
    expect(read("next.config.ts")).toMatch(/output: "standalone"/);
    for (const name of Object.keys(ENTRY_POINTS))
      expect(existsSync(path.join(root, ENTRY_POINTS[name as keyof typeof ENTRY_POINTS]))).toBe(true);
    // After `npm run build && npm run build:standalone` on this machine, the bundles are there too.
    if (existsSync(path.join(root, ".next/standalone/dist")))
      for (const name of Object.keys(ENTRY_POINTS))
        expect(existsSync(path.join(root, `.next/standalone/dist/${name}.mjs`))).toBe(true);
  });

  it("keeps secrets, dependencies and build output out of the build context", () => {
    const ignored = read(".dockerignore").split("\n");
    for (const p of [".git", "node_modules", ".next", ".env", ".data"]) expect(ignored).toContain(p);
  });
});

describe("Docker Compose stack", () => {
  // merge: the services share their settings through a YAML anchor (<<: *app).
  const compose = parseYaml(read("deploy/compose/compose.yaml"), { merge: true }) as {
    services: Record<string, Record<string, unknown> & { environment?: Record<string, string>; image?: string }>;
  };
  const s = compose.services;

  it("has the app, its one-shot migration, PostgreSQL 16, Inngest, FreeRADIUS, Mailpit and MinIO", () => {
    expect(Object.keys(s)).toEqual(
      expect.arrayContaining(["app", "migrate", "postgres", "inngest", "freeradius", "mailpit", "minio"]),
    );
    expect(s.postgres.image).toMatch(/^postgres:16/);
    expect(s.inngest.image).toMatch(/^inngest\/inngest/);
    expect(JSON.stringify(s.inngest.command)).toContain("http://app:3000/api/inngest");
    expect(s.freeradius.volumes).toContain("../freeradius:/opt/lastmile/freeradius:ro");
    expect(existsSync(path.join(root, "deploy/compose/freeradius/Dockerfile"))).toBe(true);
    expect(s.minio.profiles).toEqual(["minio"]);
    expect(s.migrate.command).toEqual(["node", "dist/migrate.mjs"]);
    expect(s.app.depends_on).toEqual({ migrate: { condition: "service_completed_successfully" } });
  });

  it("gives the app every variable of .env.example, and its template defines every one it uses", () => {
    const template = envKeys("deploy/compose/.env.example");
    const provided = new Set([...template, ...Object.keys(s.app.environment ?? {})]);
    expect(deployedKeys().filter((k) => !provided.has(k))).toEqual([]);
    const used = [...read("deploy/compose/compose.yaml").matchAll(/\$\{([A-Z0-9_]+)/g)].map((m) => m[1]);
    expect([...new Set(used)].filter((k) => !template.includes(k))).toEqual([]);
  });

  it("runs only commands the image has", () => {
    for (const name of distCommands(read("deploy/compose/compose.yaml"))) expect(ENTRY_POINTS).toHaveProperty(name);
  });
});

// ── Kubernetes ────────────────────────────────────────────────────────────────────────────

type Doc = { apiVersion: string; kind: string; metadata: { name: string }; [k: string]: unknown };
const MODELS: Record<string, { new (data: never): { validate(): void } }> = {
  "apps/v1/Deployment": Deployment,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "batch/v1/CronJob": CronJob,
  "batch/v1/Job": Job,
  "v1/ConfigMap": ConfigMap,
  "v1/Namespace": Namespace,
  "v1/PersistentVolumeClaim": PersistentVolumeClaim,
  "v1/Secret": Secret,
  "v1/Service": Service,
  "networking.k8s.io/v1/Ingress": Ingress,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "cert-manager.io/v1/ClusterIssuer": ClusterIssuer,
  "monitoring.coreos.com/v1/PrometheusRule": PrometheusRule,
  "monitoring.coreos.com/v1/ServiceMonitor": ServiceMonitor,
};

function yamlFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return yamlFiles(rel);
    return /\.ya?ml$/.test(name) ? [rel] : [];
  });
}
const k8sFiles = yamlFiles("deploy/k8s");
const parsed = k8sFiles.map((file) => ({
  file,
  docs: parseAllDocuments(read(file)).map((d) => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
    return d.toJS() as Doc;
  }),
}));
const kustomizations = parsed.filter((p) => path.basename(p.file) === "kustomization.yaml");
const manifests = parsed
  .filter((p) => path.basename(p.file) !== "kustomization.yaml")
  .flatMap((p) => p.docs.map((doc) => ({ file: p.file, doc })));
const base = (kind: string, name?: string) =>
  manifests.find(
    (m) => m.file.startsWith("deploy/k8s/base/") && m.doc.kind === kind && (!name || m.doc.metadata.name === name),
  )!.doc as never as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("Kubernetes manifests", () => {
  it("every manifest is valid against its kind's schema", () => {
    expect(manifests.length).toBeGreaterThan(12);
    for (const { file, doc } of manifests) {
      const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
      expect(Model, `${file}: ${doc.apiVersion} ${doc.kind} has no schema here`).toBeDefined();
      expect(() => new Model(doc as never).validate(), file).not.toThrow();
    }
  });

  it("a schema violation is caught (the validator is not a no-op)", () => {
    const broken = structuredClone(base("Deployment"));
    broken.spec.replicas = "two";
    expect(() => new Deployment(broken).validate()).toThrow();
  });

  it("every kustomization names files that exist, and every patch path exists in the base", () => {
    for (const { file, docs } of kustomizations) {
      const k = docs[0] as unknown as {
        resources?: string[];
        components?: string[];
        patches?: { target: { kind: string; name: string }; patch: string }[];
      };
      for (const r of [...(k.resources ?? []), ...(k.components ?? [])])
        expect(existsSync(path.join(root, path.dirname(file), r)), `${file}: ${r}`).toBe(true);
      for (const p of k.patches ?? []) {
        const target = base(p.target.kind, p.target.name);
        for (const op of parseYaml(p.patch) as { op: string; path: string }[]) {
          const found = op.path
            .split("/")
            .slice(1)
            .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], target);
          expect(found, `${file}: ${op.path}`).toBeDefined();
        }
      }
    }
  });

  it("the Deployment has probes, a preStop pause shorter than its grace period, and the config", () => {
    const pod = base("Deployment").spec.template.spec;
    const app = pod.containers[0];
    expect(app.readinessProbe.httpGet.path).toBe("/api/ready");
    expect(app.livenessProbe).toBeDefined();
    const pause = Number(app.lifecycle.preStop.exec.command[1]);
    expect(pause).toBeGreaterThan(0);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(pause + 15);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(base("Deployment").spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
  });

  it("the HPA, PDB and Service point at the Deployment's pods", () => {
    const labels = base("Deployment").spec.template.metadata.labels;
    expect(base("HorizontalPodAutoscaler").spec.scaleTargetRef.name).toBe(base("Deployment").metadata.name);
    expect(labels).toMatchObject(base("PodDisruptionBudget").spec.selector.matchLabels);
    expect(labels).toMatchObject(base("Service").spec.selector);
  });

  it("the Ingress serves the root domain and its wildcard with a cert-manager certificate from a DNS-01 issuer", () => {
    const ingress = base("Ingress");
    const [root, wildcard] = ingress.spec.tls[0].hosts;
    expect(wildcard).toBe(`*.${root}`);
    expect(ingress.spec.rules.map((r: { host: string }) => r.host)).toEqual([root, wildcard]);
    const issuer = manifests.find((m) => m.doc.kind === "ClusterIssuer")!.doc as never as {
      metadata: { name: string };
      spec: { acme: { solvers: { dns01?: unknown }[] } };
    };
    expect(ingress.metadata.annotations["cert-manager.io/cluster-issuer"]).toBe(issuer.metadata.name);
    expect(issuer.spec.acme.solvers.every((s) => s.dns01)).toBe(true);
    expect(base("ConfigMap").data.ROOT_DOMAIN).toBe(root);
  });

  it("the ConfigMap and Secret hold every variable of .env.example, and every container reads both", () => {
    const keys = new Set([...Object.keys(base("ConfigMap").data), ...Object.keys(base("Secret").stringData)]);
    expect(deployedKeys().filter((k) => !keys.has(k))).toEqual([]);
    for (const { file, doc } of manifests.filter((m) => ["Deployment", "Job", "CronJob"].includes(m.doc.kind))) {
      const spec = doc as never as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const pod = doc.kind === "CronJob" ? spec.spec.jobTemplate.spec.template.spec : spec.spec.template.spec;
      for (const c of pod.containers) {
        expect(c.envFrom, file).toEqual([
          { configMapRef: { name: "lastmile-config" } },
          { secretRef: { name: "lastmile-secrets" } },
        ]);
        expect(ENTRY_POINTS, file).toHaveProperty(distCommands(c.command.join(" "))[0]);
      }
    }
  });

  it("the migration Job runs the migrator; backups and their check are scheduled", () => {
    expect(base("Job", "lastmile-migrate").spec.template.spec.containers[0].command).toEqual([
      "node",
      "dist/migrate.mjs",
    ]);
    expect(base("CronJob", "lastmile-backup").spec.concurrencyPolicy).toBe("Forbid");
    expect(
      base("CronJob", "lastmile-verify-restore").spec.jobTemplate.spec.template.spec.containers[0].command,
    ).toEqual(["node", "dist/verify-restore.mjs"]);
  });
});

// Where kubectl is installed (its built-in kustomize needs no cluster), the overlays are rendered
// and the result checked too; elsewhere the checks above stand alone.
const kubectl = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" }).status === 0;
describe.skipIf(!kubectl)("Kubernetes overlays rendered with kubectl kustomize", () => {
  it.each(["staging", "production"])(
    "%s renders to valid manifests with its domain, namespace and image",
    (overlay) => {
      const out = execFileSync("kubectl", ["kustomize", `deploy/k8s/overlays/${overlay}`], {
        cwd: root,
        encoding: "utf8",
      });
      const docs = parseAllDocuments(out).map((d) => d.toJS() as Doc & { metadata: { namespace?: string } });
      const domain = overlay === "staging" ? "staging.lastmile.example.com" : "lastmile.example.com";
      for (const doc of docs) {
        expect(() => new MODELS[`${doc.apiVersion}/${doc.kind}`](doc as never).validate(), doc.kind).not.toThrow();
        if (doc.kind !== "Namespace")
          expect(doc.metadata.namespace).toBe(overlay === "staging" ? "lastmile-staging" : "lastmile");
      }
      expect(out).toContain(`ROOT_DOMAIN: ${domain}`);
      expect(out).toContain(`'*.${domain}'`);
      const images = [...out.matchAll(/image: (\S+)/g)].map((m) => m[1]);
      expect(new Set(images)).toEqual(
        new Set([`registry.example.com/lastmile:${overlay === "staging" ? "staging" : "1.0.0"}`]),
      );
    },
  );
});

describe("monitoring", () => {
  it("the Operator's rules are exactly the Prometheus rule file", () => {
    const file = parseYaml(read("deploy/monitoring/lastmile-alerts.yaml")) as { groups: unknown };
    const rule = manifests.find((m) => m.doc.kind === "PrometheusRule")!.doc as never as { spec: { groups: unknown } };
    expect(rule.spec.groups).toEqual(file.groups);
    const alerts = (file.groups as { rules: { alert: string }[] }[]).flatMap((g) => g.rules.map((r) => r.alert));
    expect(alerts).toEqual(
      expect.arrayContaining([
        "LastmileHighErrorRate",
        "LastmileHighLatency",
        "LastmileJobFailures",
        "LastmileRadiusIngestStalled",
        "LastmileCertificateExpiringSoon",
      ]),
    );
  });

  it("the Grafana dashboard is JSON whose every panel queries Prometheus", () => {
    const dash = JSON.parse(read("deploy/monitoring/grafana-dashboard.json")) as {
      panels: { type: string; targets?: { expr: string }[] }[];
    };
    const panels = dash.panels.filter((p) => p.type !== "row");
    expect(panels.length).toBeGreaterThan(8);
    for (const p of panels) expect(p.targets?.every((t) => t.expr.length > 0)).toBe(true);
  });
});
