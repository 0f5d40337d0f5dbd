"use client";

/** The export file the privacy procedures answer with, saved by the browser under its name. */
export function saveExport(file: { filename: string; contentType: string; base64: string }) {
  const bytes = Uint8Array.from(atob(file.base64), (ch) => ch.charCodeAt(0));
  const href = URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
  const a = Object.assign(document.createElement("a"), { href, download: file.filename });
  a.click();
  URL.revokeObjectURL(href);
}
