"use client";

import * as React from "react";
import { CircleAlert, CircleCheck, Info, X } from "lucide-react";
import { cn } from "./cn";

// A small toaster for "saved", "sent", "revoked" feedback. Toasts stack bottom-right (bottom
// full-width on phones), announce themselves to screen readers and go away on their own.

type ToastVariant = "default" | "success" | "destructive";
type ToastInput = {
  title: React.ReactNode;
  description?: React.ReactNode;
  variant?: ToastVariant;
  durationMs?: number;
};
type ToastItem = ToastInput & { id: number };

const ToastContext = React.createContext<((toast: ToastInput) => void) | null>(null);

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = React.useState<ToastItem[]>([]);
  const nextId = React.useRef(1);

  const dismiss = React.useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const push = React.useCallback(
    (toast: ToastInput) => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-3), { ...toast, id }]);
      const ms = toast.durationMs ?? (toast.variant === "destructive" ? 9000 : 5000);
      window.setTimeout(() => dismiss(id), ms);
    },
    [dismiss],
  );

  return (
    <ToastContext.Provider value={push}>
      {children}
      <div
        aria-live="polite"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-[100] flex flex-col items-center gap-2 p-4 sm:inset-x-auto sm:right-0 sm:items-end"
      >
        {toasts.map((t) => {
          const Icon = t.variant === "destructive" ? CircleAlert : t.variant === "success" ? CircleCheck : Info;
          return (
            <div
              key={t.id}
              role={t.variant === "destructive" ? "alert" : "status"}
              data-slot="toast"
              className={cn(
                "pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-lg border bg-background p-4 text-sm shadow-lg",
                t.variant === "destructive" && "border-destructive/40",
                t.variant === "success" && "border-success/40",
              )}
            >
              <Icon
                aria-hidden
                className={cn(
                  "mt-0.5 size-4 shrink-0",
                  t.variant === "destructive"
                    ? "text-destructive"
                    : t.variant === "success"
                      ? "text-success"
                      : "text-muted-foreground",
                )}
              />
              <div className="min-w-0 flex-1 space-y-1">
                <p className="font-medium">{t.title}</p>
                {t.description ? <div className="text-muted-foreground">{t.description}</div> : null}
              </div>
              <button
                type="button"
                onClick={() => dismiss(t.id)}
                className="rounded-sm opacity-60 transition-opacity hover:opacity-100 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
              >
                <X aria-hidden className="size-4" />
                <span className="sr-only">Dismiss</span>
              </button>
            </div>
          );
        })}
      </div>
    </ToastContext.Provider>
  );
}

/** `toast({ title, description, variant })`; a no-op outside a ToastProvider. */
export function useToast(): (toast: ToastInput) => void {
  return React.useContext(ToastContext) ?? noop;
}

function noop() {}
