"use client";

import type { ReactElement, ReactNode } from "react";
import { ResponsiveContainer } from "recharts";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

// A report chart in a card: title, optional description, and a fixed-height chart that fills the
// card's width. The chart is an image to screen readers, so `label` must say what it shows in words.
// `empty` replaces the chart when there is nothing to draw (say what happens next, not just "no data").

export function ChartCard({
  title,
  description,
  label,
  height = "h-64",
  empty,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  label: string;
  height?: "h-56" | "h-64" | "h-80";
  empty?: ReactNode;
  children: ReactElement;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent>
        {empty ? (
          <p className="text-sm text-muted-foreground">{empty}</p>
        ) : (
          <div className={cn(height, "w-full")} role="img" aria-label={label}>
            <ResponsiveContainer width="100%" height="100%">
              {children}
            </ResponsiveContainer>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
