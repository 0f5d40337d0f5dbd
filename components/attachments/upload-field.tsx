"use client";

import * as React from "react";
import { CircleAlert, FileText, Paperclip, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import {
  ACCEPT_ATTRIBUTE,
  formatBytes,
  MAX_ATTACHMENT_BYTES,
  MAX_FILES_PER_UPLOAD,
} from "@/server/modules/storage/schema";
import type { Uploads } from "./use-uploads";

/** "Attach files" and the files being attached: progress, refusals with their reason, remove. */
export function UploadField({
  id,
  uploads,
  disabled,
  className,
}: {
  id: string;
  uploads: Uploads;
  disabled?: boolean;
  className?: string;
}) {
  const input = React.useRef<HTMLInputElement>(null);
  return (
    <div className={cn("grid gap-2", className)}>
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={input}
          id={id}
          type="file"
          multiple
          accept={ACCEPT_ATTRIBUTE}
          className="sr-only"
          aria-label="Attach files"
          disabled={disabled}
          onChange={(e) => {
            if (e.target.files?.length) uploads.add(e.target.files);
            e.target.value = "";
          }}
        />
        <Button type="button" variant="outline" size="sm" disabled={disabled} onClick={() => input.current?.click()}>
          <Paperclip aria-hidden />
          Attach files
        </Button>
        <span className="text-xs text-muted-foreground">
          Up to {MAX_FILES_PER_UPLOAD} files, {formatBytes(MAX_ATTACHMENT_BYTES)} each: photos, PDF, text or office
          documents.
        </span>
      </div>
      {uploads.uploads.length ? (
        <ul className="grid gap-1.5" aria-label="Attached files" aria-live="polite">
          {uploads.uploads.map((u) => (
            <li
              key={u.key}
              className={cn(
                "flex items-center gap-2 rounded-md border px-2 py-1.5 text-sm",
                u.state === "error" && "border-destructive/40 bg-destructive/5",
              )}
            >
              {u.state === "error" ? (
                <CircleAlert aria-hidden className="size-4 shrink-0 text-destructive" />
              ) : (
                <FileText aria-hidden className="size-4 shrink-0 text-muted-foreground" />
              )}
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium">{u.fileName}</span>
                {u.state === "error" ? (
                  <span className="block text-xs text-destructive">{u.error}</span>
                ) : u.state === "uploading" ? (
                  <span className="block text-xs text-muted-foreground">
                    Uploading… {u.progress}%
                    <progress
                      className="ml-2 h-1.5 w-24 align-middle"
                      max={100}
                      value={u.progress}
                      aria-label={`Uploading ${u.fileName}`}
                    />
                  </span>
                ) : (
                  <span className="block text-xs text-muted-foreground">{formatBytes(u.sizeBytes)} · ready</span>
                )}
              </span>
              <Button
                type="button"
                variant="ghost"
                size="icon"
                className="size-7"
                aria-label={`Remove ${u.fileName}`}
                onClick={() => uploads.remove(u.key)}
              >
                <X aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
