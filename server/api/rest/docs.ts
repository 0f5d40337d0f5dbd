import type { JsonSchema, OpenApiDocument, OpenApiOperation, OpenApiParameter } from "./openapi";

// The readable API reference: the OpenAPI document rendered on the server into one
// self-contained HTML page (inline CSS, no scripts, no CDN), so it works on an offline network.

const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The little Markdown our descriptions use: paragraphs, `code` and **bold**. */
function prose(text: string | undefined): string {
  if (!text) return "";
  return text
    .split(/\n{2,}/)
    .map(
      (p) =>
        `<p>${esc(p)
          .replace(/`([^`]+)`/g, "<code>$1</code>")
          .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")}</p>`,
    )
    .join("");
}

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** A plausible example value for a JSON schema, preferring the schema's own examples. */
export function exampleOf(schema: JsonSchema | undefined, name = "", depth = 0): unknown {
  if (!schema || depth > 8) return null;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if ("const" in schema) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (variants) return exampleOf(variants.find((v) => v.type !== "null") ?? variants[0], name, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object": {
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, exampleOf(v, k, depth + 1)]));
    }
    case "array":
      return [exampleOf(schema.items as JsonSchema, name, depth + 1)];
    case "integer":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 0;
    case "boolean":
      return true;
    case "null":
      return null;
    case "string":
      switch (schema.format) {
        case "email":
          return "jane@example.com";
        case "date-time":
          return "2026-01-31T09:30:00.000Z";
        case "date":
          return "2026-01-31";
        case "uri":
          return "https://example.com";
        default:
          return stringExample(name);
      }
    default:
      return {};
  }
}

/** Readers recognise a value faster than a type name. */
function stringExample(name: string): string {
  if (/password/i.test(name)) return "correct horse battery staple";
  if (/email/i.test(name)) return "jane@example.com";
  if (/token/i.test(name)) return "…";
  if (/^(id|.+Id)$/.test(name)) return "cm3x9k2lq0001yx7d2h8v5n4b";
  if (/name$/i.test(name)) return "Jane Mwangi";
  if (/slug$/i.test(name)) return "your-isp";
  if (/search|query/i.test(name)) return "jane";
  return "string";
}

const pretty = (value: unknown) => esc(JSON.stringify(value, null, 2));

function typeLabel(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const base = Array.isArray(schema.type) ? schema.type.join(" | ") : String(schema.type ?? "any");
  const bits = [
    schema.format,
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : null,
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : null,
    schema.maxLength !== undefined ? `max ${schema.maxLength} chars` : null,
  ].filter(Boolean);
  return bits.length ? `${base} (${bits.join(", ")})` : base;
}

function parametersTable(params: OpenApiParameter[]): string {
  const rows = params
    .map(
      (p) =>
        `<tr><td><code>${esc(p.name)}</code>${p.required ? ' <span class="req">required</span>' : ""}</td><td>${esc(p.in)}</td><td>${esc(typeLabel(p.schema))}${p.schema.default !== undefined ? ` · default <code>${esc(JSON.stringify(p.schema.default))}</code>` : ""}</td><td>${esc(p.description ?? "")}</td></tr>`,
    )
    .join("");
  return `<h4>Parameters</h4><table><thead><tr><th>Name</th><th>In</th><th>Type</th><th>Description</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function schemaBlock(title: string, schema: JsonSchema, name = ""): string {
  return `<div class="schema"><h4>${esc(title)}</h4><pre class="example">${pretty(exampleOf(schema, name))}</pre><details><summary>JSON Schema</summary><pre>${pretty(schema)}</pre></details></div>`;
}

function curlOf(baseUrl: string, method: string, path: string, op: OpenApiOperation): string {
  const params = op.parameters ?? [];
  let url =
    baseUrl +
    path.replace(/\{(\w+)\}/g, (_, n: string) => String(exampleOf(params.find((p) => p.name === n)?.schema, n)));
  const query = params.filter((p) => p.in === "query" && p.required);
  if (query.length)
    url += `?${query.map((p) => `${p.name}=${encodeURIComponent(String(exampleOf(p.schema, p.name)))}`).join("&")}`;
  const lines = [`curl -sS -X ${method.toUpperCase()} '${url}'`];
  if (op.security.some((s) => "radiusKey" in s)) lines.push(`  -H "Authorization: Bearer $RADIUS_KEY"`);
  else if (op.security.some((s) => "pollerKey" in s)) lines.push(`  -H "Authorization: Bearer $POLLER_KEY"`);
  else if (op.security.length) lines.push(`  -H "Authorization: Bearer $ACCESS_TOKEN"`);
  const body = op.requestBody?.content["application/json"]?.schema;
  if (body) {
    lines.push(`  -H 'Content-Type: application/json'`);
    lines.push(`  -d '${JSON.stringify(exampleOf(body)).replace(/'/g, "'\\''")}'`);
  }
  return lines.join(" \\\n");
}

function operationHtml(
  doc: OpenApiDocument,
  baseUrl: string,
  path: string,
  method: string,
  op: OpenApiOperation,
): string {
  const auth = op.security.some((s) => "radiusKey" in s)
    ? `<span class="badge auth">RADIUS server key</span>`
    : op.security.some((s) => "pollerKey" in s)
      ? `<span class="badge auth">Poller key</span>`
      : op.security.length
        ? `<span class="badge auth">Bearer token</span> <span class="badge perm">${esc(op["x-permission"] ?? "")}</span>`
        : `<span class="badge open">No authentication</span>`;
  const where = op["x-tenant"] ? "on your company's address" : "on any address, including the root domain";
  const responses = Object.entries(op.responses)
    .map(([status, r]) => {
      if ("$ref" in r) {
        const name = r.$ref.split("/").pop()!;
        return `<li><span class="status s${status[0]}">${esc(status)}</span> ${prose(doc.components.responses[name]?.description)}</li>`;
      }
      return `<li><span class="status s${status[0]}">${esc(status)}</span> ${prose(r.description)}</li>`;
    })
    .join("");
  const success = Object.entries(op.responses).find(([status, r]) => status.startsWith("2") && !("$ref" in r))?.[1] as
    { content?: Record<string, { schema: JsonSchema }> } | undefined;
  const successJson = success?.content?.["application/json"]?.schema;
  const body = op.requestBody?.content["application/json"]?.schema;
  return `<section class="op" id="${esc(op.operationId)}">
  <h3><span class="method m-${esc(method)}">${esc(method.toUpperCase())}</span> <code class="path">${esc(path)}</code></h3>
  <p class="summary">${esc(op.summary)}</p>
  <p class="meta">${auth} <span class="where">Served ${where}.</span></p>
  ${prose(op.description)}
  ${op.parameters?.length ? parametersTable(op.parameters) : ""}
  <div class="grid">
    ${body ? schemaBlock("Request body", body) : ""}
    ${successJson ? schemaBlock("Response", successJson) : ""}
  </div>
  <h4>Responses</h4><ul class="responses">${responses}</ul>
  <h4>Example</h4><pre class="curl">${esc(curlOf(baseUrl, method, path, op))}</pre>
</section>`;
}

export function renderApiReference(doc: OpenApiDocument, options: { baseUrl: string; openApiUrl: string }): string {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  const groups = doc.tags
    .map((tag) => ({ tag, ops: ops.filter((o) => o.op.tags[0] === tag.name) }))
    .filter((g) => g.ops.length);
  const nav = groups
    .map(
      (g) =>
        `<h2><a href="#tag-${slugify(g.tag.name)}">${esc(g.tag.name)}</a></h2><ul>${g.ops
          .map(
            (o) =>
              `<li><a href="#${esc(o.op.operationId)}"><span class="method m-${esc(o.method)}">${esc(o.method.toUpperCase())}</span> ${esc(o.path.replace(/^\/api/, ""))}</a></li>`,
          )
          .join("")}</ul>`,
    )
    .join("");
  const body = groups
    .map(
      (g) =>
        `<section class="tag" id="tag-${slugify(g.tag.name)}"><h2>${esc(g.tag.name)}</h2>${prose(g.tag.description)}${g.ops.map((o) => operationHtml(doc, options.baseUrl, o.path, o.method, o.op)).join("")}</section>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} reference</title>
<style>
  :root { --bg: #fff; --fg: #1b1f24; --muted: #5b6470; --line: #e3e6ea; --soft: #f5f7f9; --accent: #0b63ce; --code: #f0f2f5; }
  @media (prefers-color-scheme: dark) { :root { --bg: #0f1216; --fg: #e6e8eb; --muted: #9aa3ad; --line: #262c33; --soft: #151a20; --accent: #6aa8ff; --code: #1b2129; } }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
  a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
  code, pre { font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
  code { background: var(--code); padding: 1px 5px; border-radius: 4px; }
  pre { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; overflow: auto; margin: 6px 0 12px; }
  .layout { display: grid; grid-template-columns: 280px 1fr; min-height: 100vh; }
  nav { position: sticky; top: 0; height: 100vh; overflow: auto; padding: 24px 18px; border-right: 1px solid var(--line); background: var(--soft); }
  nav .brand { font-weight: 700; font-size: 17px; margin-bottom: 4px; }
  nav .version { color: var(--muted); font-size: 13px; margin-bottom: 16px; }
  nav h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 18px 0 6px; }
  nav ul { list-style: none; margin: 0; padding: 0; }
  nav li a { display: block; padding: 3px 0; color: var(--fg); font-size: 13.5px; }
  nav .method { font-size: 10px; min-width: 44px; }
  main { padding: 32px 48px 80px; max-width: 1100px; }
  h1 { font-size: 28px; margin: 0 0 8px; }
  .tag > h2 { font-size: 22px; border-bottom: 1px solid var(--line); padding-bottom: 6px; margin-top: 48px; }
  .op { border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px; margin: 20px 0; }
  .op h3 { margin: 0 0 4px; font-size: 17px; display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
  .op h4 { font-size: 13px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 18px 0 4px; }
  .path { background: none; padding: 0; font-size: 15px; }
  .summary { margin: 4px 0; font-weight: 500; }
  .meta { margin: 6px 0; color: var(--muted); font-size: 13.5px; }
  .method { display: inline-block; text-align: center; border-radius: 5px; padding: 2px 7px; font: 700 11px/1.5 ui-monospace, monospace; color: #fff; }
  .m-get { background: #1f7a4d; } .m-post { background: #0b63ce; } .m-put, .m-patch { background: #b26b00; } .m-delete { background: #c0362c; }
  .badge { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 12px; border: 1px solid var(--line); }
  .badge.auth { background: #fff4d6; color: #6b4e00; border-color: #f0d68a; } .badge.open { background: #e6f6ec; color: #1f6b3f; border-color: #b7e2c6; }
  .badge.perm { font-family: ui-monospace, monospace; }
  .badge.perm:empty { display: none; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; }
  details summary { cursor: pointer; color: var(--muted); font-size: 13px; }
  table { border-collapse: collapse; width: 100%; font-size: 14px; } th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
  .req { color: #c0362c; font-size: 11px; }
  .responses { list-style: none; padding: 0; margin: 0; } .responses li { display: flex; gap: 10px; align-items: baseline; padding: 3px 0; } .responses p { margin: 0; }
  .status { font: 700 12px ui-monospace, monospace; min-width: 36px; } .s2 { color: #1f7a4d; } .s4 { color: #b26b00; } .s5 { color: #c0362c; }
  .intro { background: var(--soft); border: 1px solid var(--line); border-radius: 10px; padding: 6px 20px; }
  @media (max-width: 860px) { .layout { grid-template-columns: 1fr; } nav { position: static; height: auto; } main { padding: 20px; } }
</style>
</head>
<body>
<div class="layout">
<nav>
  <div class="brand">${esc(doc.info.title)}</div>
  <div class="version">v${esc(doc.info.version)} · <a href="${esc(options.openApiUrl)}">openapi.json</a></div>
  ${nav}
</nav>
<main>
  <h1>${esc(doc.info.title)} reference</h1>
  <p>Base URL: <code>${esc(options.baseUrl)}</code> · machine-readable: <a href="${esc(options.openApiUrl)}">OpenAPI 3.1 document</a></p>
  <div class="intro">${prose(doc.info.description)}
  <p>Error body:</p><pre>${pretty({ error: { code: "INVALID", message: "Some fields are not valid.", fields: { email: "Enter a valid e-mail address." } } })}</pre></div>
  ${body}
</main>
</div>
</body>
</html>`;
}
