"use client";

import * as React from "react";
import { checkDeclared, MAX_FILES_PER_UPLOAD } from "@/server/modules/storage/schema";

// Files a person attaches to a ticket or reply: each is checked in the browser (size, type),
// sent to /api/attachments with its progress shown, and its id handed to the form on submit.
// The server checks everything again, including the file's content.

export type Upload = {
  key: string;
  fileName: string;
  sizeBytes: number;
  state: "uploading" | "done" | "error";
  /** 0–100 while uploading. */
  progress: number;
  id?: string;
  url?: string;
  error?: string;
};

/** Sends one file to /api/attachments: a pending upload of the signed-in person, by id. */
export function send(file: File, onProgress: (pct: number) => void): Promise<{ id: string; url: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/attachments");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      const body = xhr.response as { id?: string; url?: string; error?: { message?: string } } | null;
      if (xhr.status === 201 && body?.id) resolve({ id: body.id, url: body.url ?? `/api/attachments/${body.id}` });
      else reject(new Error(body?.error?.message ?? `The upload failed (${xhr.status}). Please try again.`));
    };
    xhr.onerror = () => reject(new Error("Could not reach the server. Check your connection and try again."));
    const form = new FormData();
    form.set("file", file);
    xhr.send(form);
  });
}

export function useUploads(max = MAX_FILES_PER_UPLOAD) {
  const [uploads, setUploads] = React.useState<Upload[]>([]);
  const patch = (key: string, p: Partial<Upload>) =>
    setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...p } : u)));

  // The live list, read when files are added (updaters must stay free of side effects: React
  // may run them twice, which would send every file twice).
  const current = React.useRef<Upload[]>([]);
  React.useEffect(() => {
    current.current = uploads;
  }, [uploads]);

  const add = React.useCallback(
    (files: FileList | File[]) => {
      let room = max - current.current.filter((u) => u.state !== "error").length;
      const added: Upload[] = [];
      Array.from(files).forEach((file, i) => {
        const key = `${Date.now()}-${i}-${file.name}`;
        const base = { key, fileName: file.name, sizeBytes: file.size, progress: 0 };
        if (room <= 0) {
          added.push({ ...base, state: "error", error: `At most ${max} files at a time.` });
          return;
        }
        const check = checkDeclared({ fileName: file.name, contentType: file.type, size: file.size });
        if (!check.ok) {
          added.push({ ...base, state: "error", error: check.message });
          return;
        }
        room--;
        added.push({ ...base, state: "uploading" });
        send(file, (progress) => patch(key, { progress }))
          .then(({ id, url }) => patch(key, { state: "done", id, url, progress: 100 }))
          .catch((err: Error) => patch(key, { state: "error", error: err.message }));
      });
      current.current = [...current.current, ...added];
      setUploads((all) => [...all, ...added]);
    },
    [max],
  );

  const remove = React.useCallback((key: string) => {
    const gone = current.current.find((u) => u.key === key);
    // An upload that arrived is deleted on the server too (otherwise it would wait for the nightly purge).
    if (gone?.id) void fetch(`/api/attachments/${gone.id}`, { method: "DELETE" }).catch(() => {});
    current.current = current.current.filter((u) => u.key !== key);
    setUploads((all) => all.filter((u) => u.key !== key));
  }, []);
  const reset = React.useCallback(() => setUploads([]), []);
  return {
    uploads,
    add,
    remove,
    reset,
    /** Ids of the files that arrived, for the form's attachmentIds. */
    ids: uploads.filter((u) => u.state === "done" && u.id).map((u) => u.id!),
    busy: uploads.some((u) => u.state === "uploading"),
  };
}
export type Uploads = ReturnType<typeof useUploads>;
