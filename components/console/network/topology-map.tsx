"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import dagre from "@dagrejs/dagre";
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Edge,
  type Node,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { Network, Search } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { QueryError } from "../errors";
import type { RouterOutputs } from "../types";
import { ROLE_LABELS, STATUS_COLOURS, STATUS_LABELS } from "./status";

// The network map: devices as nodes, links (and CPE/ONT attachments) as edges, laid out top to
// bottom from the core by dagre. Nodes are coloured by the device's status; when the SNMP poller
// lands, live status replaces it through the same STATUS_COLOURS, and `edgeStyle` colours each
// link by `utilization` (0–1, null today: drawn in the link kind's plain colour).

type Topology = RouterOutputs["devices"]["topology"];
const NODE_W = 170;
const NODE_H = 54;

function layout(t: Topology): { nodes: Node[]; edges: Edge[] } {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "TB", nodesep: 24, ranksep: 70 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of t.nodes) g.setNode(n.id, { width: NODE_W, height: NODE_H });
  for (const e of t.edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  return {
    nodes: t.nodes.map((n) => {
      const p = g.node(n.id);
      const colour = STATUS_COLOURS[n.status];
      return {
        id: n.id,
        position: { x: p.x - NODE_W / 2, y: p.y - NODE_H / 2 },
        data: {
          label: (
            <div className="text-left leading-tight">
              <div className="truncate font-medium">{n.name}</div>
              <div className="truncate text-[10px] text-muted-foreground">
                {ROLE_LABELS[n.role]} · {STATUS_LABELS[n.status]}
                {n.customers ? ` · ${n.customers} cust.` : ""}
              </div>
            </div>
          ),
        },
        style: {
          width: NODE_W,
          border: `2px solid ${colour.border}`,
          background: colour.fill,
          fontSize: 12,
          padding: 6,
        },
        ariaLabel: `${n.name}, ${ROLE_LABELS[n.role]}, ${STATUS_LABELS[n.status]}`,
      };
    }),
    edges: t.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, style: edgeStyle(e) })),
  };
}

const KIND_COLOURS = { FIBRE: "#0ea5e9", COPPER: "#a16207", WIRELESS: "#8b5cf6", ATTACHMENT: "#94a3b8" } as const;

/** How a link is drawn: by kind today; by utilization (green → amber → red) once it is measured. */
export function edgeStyle(e: Topology["edges"][number]): React.CSSProperties {
  const dashed = e.kind === "WIRELESS" || e.kind === "ATTACHMENT" ? { strokeDasharray: "4 3" } : {};
  if (e.utilization === null) return { stroke: KIND_COLOURS[e.kind], strokeWidth: 1.5, ...dashed };
  const stroke = e.utilization >= 0.9 ? "#dc2626" : e.utilization >= 0.7 ? "#f59e0b" : "#16a34a";
  return { stroke, strokeWidth: 1.5 + 3 * e.utilization, ...dashed };
}

export function TopologyMap() {
  return (
    <ReactFlowProvider>
      <MapInner />
    </ReactFlowProvider>
  );
}

function MapInner() {
  const trpc = useTRPC();
  const router = useRouter();
  const flow = useReactFlow();
  const query = useQuery(trpc.devices.topology.queryOptions());
  const [q, setQ] = React.useState("");
  const [focused, setFocused] = React.useState<string | null>(null);
  const found = useQuery(trpc.devices.locate.queryOptions({ q }, { enabled: q.trim().length >= 2 }));
  const graph = React.useMemo(() => (query.data ? layout(query.data) : null), [query.data]);
  const nodes = React.useMemo(
    () =>
      graph?.nodes.map((n) =>
        n.id === focused
          ? {
              ...n,
              selected: true,
              style: { ...n.style, boxShadow: "0 0 0 4px #fde047" },
              // The found device, for screen readers as the yellow ring is for the eye.
              domAttributes: { "aria-current": "true" as const },
            }
          : n,
      ) ?? [],
    [graph, focused],
  );

  const focus = (deviceId: string) => {
    setFocused(deviceId);
    const n = graph?.nodes.find((x) => x.id === deviceId);
    if (n) flow.setCenter(n.position.x + NODE_W / 2, n.position.y + NODE_H / 2, { zoom: 1.4, duration: 400 });
  };

  const open = (deviceId: string) => router.push(`/network/devices/${deviceId}`);
  // React Flow makes each node a tab stop but gives Enter only to selection: Enter on a focused
  // node opens the device, as a click does. One handler for the whole map (events bubble up
  // from the node's element, which carries its id).
  const openFocusedNode = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== "Enter") return;
    const node = (e.target as HTMLElement).closest<HTMLElement>(".react-flow__node");
    if (node?.dataset.id) open(node.dataset.id);
  };

  return (
    <>
      <PageHeader
        title="Network map"
        description="Click a device, or press Enter on it, to open it. Find a device or a customer to focus it."
      />
      <div className="relative mb-3 max-w-md">
        <label htmlFor="map-search" className="sr-only">
          Find a device or customer
        </label>
        <Search aria-hidden className="absolute top-2.5 left-2.5 size-4 text-muted-foreground" />
        <Input
          id="map-search"
          className="pl-8"
          placeholder="Find a device or customer"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          autoComplete="off"
        />
        {q.trim().length >= 2 && found.data ? (
          <ul className="absolute z-10 mt-1 w-full rounded-md border bg-background shadow" role="listbox">
            {found.data.length === 0 ? (
              <li className="px-3 py-2 text-sm text-muted-foreground">Nothing on the map matches.</li>
            ) : (
              found.data.map((r, i) => (
                <li key={`${r.kind}-${i}`}>
                  <button
                    type="button"
                    role="option"
                    aria-selected={false}
                    className="w-full px-3 py-2 text-left text-sm hover:bg-muted"
                    onClick={() => {
                      focus(r.deviceId);
                      setQ("");
                    }}
                  >
                    <span className="text-xs text-muted-foreground">{r.kind === "device" ? "Device" : "Customer"}</span>{" "}
                    {r.label}
                  </button>
                </li>
              ))
            )}
          </ul>
        ) : null}
      </div>
      {query.isError ? (
        <QueryError title="Could not load the map" error={query.error} onRetry={query.refetch} />
      ) : !query.data ? (
        <Skeleton className="h-[70vh] w-full" />
      ) : query.data.nodes.length === 0 ? (
        <EmptyState
          icon={<Network />}
          title="Nothing to draw yet"
          description="Add devices and cable them together under Devices; the map lays them out from the core down."
        />
      ) : (
        <>
          {query.data.truncated ? (
            <Alert className="mb-3">
              Showing {query.data.nodes.length} of {query.data.total} devices. Find a device to focus it.
            </Alert>
          ) : null}
          <div className="h-[70vh] rounded-lg border" data-testid="network-map" onKeyDown={openFocusedNode}>
            <ReactFlow
              nodes={nodes}
              edges={graph!.edges}
              fitView
              minZoom={0.05}
              nodesDraggable={false}
              nodesConnectable={false}
              onNodeClick={(_, n) => open(n.id)}
            >
              <Background />
              <Controls showInteractive={false} />
              <MiniMap pannable zoomable />
            </ReactFlow>
          </div>
        </>
      )}
    </>
  );
}
