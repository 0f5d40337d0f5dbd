/** A search snippet with the matched words marked (parts come from the server; no HTML is parsed). */
export function Snippet({
  parts,
  className,
}: {
  parts: readonly { text: string; hit: boolean }[];
  className?: string;
}) {
  return (
    <p className={className}>
      {parts.map((p, i) =>
        p.hit ? (
          <mark key={i} className="rounded-sm bg-amber-100 px-0.5 text-inherit dark:bg-amber-900/50">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </p>
  );
}
