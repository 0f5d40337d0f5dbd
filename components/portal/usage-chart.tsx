"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const GB = 1024 ** 3;

/** Daily download/upload in GB, for the last weeks. */
export function UsageChart({ daily }: { daily: { day: string; downloadBytes: number; uploadBytes: number }[] }) {
  const data = daily.map((d) => ({
    day: d.day.slice(5),
    Download: +(d.downloadBytes / GB).toFixed(2),
    Upload: +(d.uploadBytes / GB).toFixed(2),
  }));
  return (
    <div className="h-56 w-full" role="img" aria-label="Daily data usage in gigabytes">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} unit=" GB" width={56} />
          <Tooltip formatter={(v) => `${v} GB`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="Download" stackId="u" fill="var(--color-primary)" />
          <Bar dataKey="Upload" stackId="u" fill="var(--color-muted-foreground)" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
