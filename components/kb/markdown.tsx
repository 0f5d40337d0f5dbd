import ReactMarkdown, { defaultUrlTransform, type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { cn } from "@/components/ui/cn";

// Knowledge-base articles as HTML, in the console (editor preview, reading) and the portal.
// Safe by construction: raw HTML in the markdown is dropped (skipHtml), never rendered, and link
// and image addresses go through react-markdown's URL filter (no javascript: or data: links).

const components: Components = {
  h1: ({ node: _n, ...p }) => <h2 className="mt-6 mb-3 text-xl font-semibold first:mt-0" {...p} />,
  h2: ({ node: _n, ...p }) => <h2 className="mt-6 mb-3 text-lg font-semibold first:mt-0" {...p} />,
  h3: ({ node: _n, ...p }) => <h3 className="mt-5 mb-2 text-base font-semibold first:mt-0" {...p} />,
  h4: ({ node: _n, ...p }) => <h4 className="mt-4 mb-2 font-semibold first:mt-0" {...p} />,
  p: ({ node: _n, ...p }) => <p className="my-3 leading-relaxed first:mt-0 last:mb-0" {...p} />,
  ul: ({ node: _n, ...p }) => <ul className="my-3 list-disc space-y-1 pl-6" {...p} />,
  ol: ({ node: _n, ...p }) => <ol className="my-3 list-decimal space-y-1 pl-6" {...p} />,
  li: ({ node: _n, ...p }) => <li className="leading-relaxed" {...p} />,
  a: ({ node: _n, href, ...p }) => {
    // A link whose address was filtered out (javascript:, data:…) is plain text.
    if (!href) return <span {...p} />;
    const external = /^https?:/i.test(href);
    return (
      <a
        href={href}
        className="text-primary underline underline-offset-4"
        {...(external ? { target: "_blank", rel: "noopener noreferrer nofollow" } : {})}
        {...p}
      />
    );
  },
  blockquote: ({ node: _n, ...p }) => <blockquote className="my-3 border-l-4 pl-4 text-muted-foreground" {...p} />,
  code: ({ node: _n, className, ...p }) => (
    <code className={cn("rounded bg-muted px-1 py-0.5 font-mono text-[0.9em]", className)} {...p} />
  ),
  pre: ({ node: _n, ...p }) => (
    <pre className="my-3 overflow-x-auto rounded-lg bg-muted p-3 text-sm [&_code]:bg-transparent [&_code]:p-0" {...p} />
  ),
  table: ({ node: _n, ...p }) => (
    <div className="my-3 overflow-x-auto">
      <table className="w-full border-collapse text-sm" {...p} />
    </div>
  ),
  th: ({ node: _n, ...p }) => <th className="border-b px-2 py-1.5 text-left font-semibold" {...p} />,
  td: ({ node: _n, ...p }) => <td className="border-b px-2 py-1.5 align-top" {...p} />,
  hr: () => <hr className="my-6" />,
  img: ({ node: _n, alt, ...p }) => (
    // eslint-disable-next-line @next/next/no-img-element -- authors link images from anywhere; sizes are unknown
    <img alt={alt ?? ""} className="my-3 max-w-full rounded-lg" loading="lazy" {...p} />
  ),
};

/** Only web and mail links (and relative ones) survive; everything else becomes "". */
function urlTransform(url: string): string {
  const safe = defaultUrlTransform(url);
  return /^(https?:|mailto:|tel:|\/|#)/i.test(safe) || !/^[a-z][a-z0-9+.-]*:/i.test(safe) ? safe : "";
}

export function Markdown({ children, className }: { children: string; className?: string }) {
  return (
    <div className={cn("text-sm break-words sm:text-base", className)}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml urlTransform={urlTransform} components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
