// Fetches one of the revenue CSV routes and saves the answer as a file; a refusal comes back as
// the route's error message, for the form or a toast to show.

export async function downloadCsv(path: string, params: Record<string, string>): Promise<{ filename: string }> {
  const res = await fetch(`${path}?${new URLSearchParams(params)}`, { credentials: "same-origin" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? "The file could not be made. Please try again.");
  }
  const filename = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "export.csv";
  const href = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement("a"), { href, download: filename });
  a.click();
  URL.revokeObjectURL(href);
  return { filename };
}
