import { FileText } from "lucide-react";
import { formatBytes } from "@/server/modules/storage/schema";

export type AttachmentItem = { id: string; fileName: string; contentType: string; sizeBytes: number; url: string };

/** Files on a ticket or reply: photos as thumbnails, other files as links; each opens or downloads. */
export function AttachmentList({ items, label = "Attachments" }: { items: readonly AttachmentItem[]; label?: string }) {
  if (!items.length) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-2" aria-label={label}>
      {items.map((a) =>
        a.contentType.startsWith("image/") && a.contentType !== "image/heic" ? (
          <li key={a.id}>
            <a
              href={a.url}
              target="_blank"
              rel="noreferrer"
              className="block overflow-hidden rounded-md border hover:opacity-90"
              title={`${a.fileName} (${formatBytes(a.sizeBytes)})`}
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- served by our own authenticated route */}
              <img src={a.url} alt={a.fileName} className="size-20 object-cover" loading="lazy" />
            </a>
          </li>
        ) : (
          <li key={a.id}>
            <a
              href={a.url}
              target="_blank"
              rel="noreferrer"
              className="inline-flex max-w-64 items-center gap-1.5 rounded-md border px-2 py-1 text-xs hover:bg-accent"
            >
              <FileText aria-hidden className="size-3.5 shrink-0" />
              <span className="truncate">{a.fileName}</span>
              <span className="shrink-0 text-muted-foreground">{formatBytes(a.sizeBytes)}</span>
            </a>
          </li>
        ),
      )}
    </ul>
  );
}
