"use client";

import { checkDeclared } from "@/server/modules/storage/schema";

// Sending a file from the phone: checked here first with the server's own rules (so a wrong file
// is refused before it costs mobile data), then posted to the attachments route as a pending
// upload; the work order procedure links it to the job.

export type Uploaded = { id: string; fileName: string; contentType: string; url: string };

export async function uploadFile(file: File, kind: "PHOTO" | "SIGNATURE"): Promise<Uploaded> {
  const declared = checkDeclared({ fileName: file.name, contentType: file.type, size: file.size });
  if (!declared.ok) throw new Error(declared.message);
  const form = new FormData();
  form.set("file", file);
  form.set("kind", kind);
  let res: Response;
  try {
    res = await fetch("/api/attachments", { method: "POST", body: form });
  } catch {
    throw new Error("Could not reach the server. Check your connection and try again.");
  }
  const body = (await res.json().catch(() => null)) as (Uploaded & { error?: { message?: string } }) | null;
  if (!res.ok || !body) throw new Error(body?.error?.message ?? `The upload failed (${res.status}).`);
  return body;
}

/**
 * A phone camera's photo made smaller before it is sent: at most `maxSide` pixels, JPEG. Photos
 * the browser cannot decode (HEIC on most Android browsers) and small ones are sent as they are.
 */
export async function shrinkPhoto(file: File, maxSide = 1600, quality = 0.82): Promise<File> {
  if (file.size < 600_000 || !/^image\/(jpeg|png|webp)$/.test(file.type) || typeof createImageBitmap !== "function")
    return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d")!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
    if (!blob || blob.size >= file.size) return file;
    return new File([blob], file.name.replace(/\.[^.]+$/, "") + ".jpg", { type: "image/jpeg" });
  } catch {
    return file;
  }
}
