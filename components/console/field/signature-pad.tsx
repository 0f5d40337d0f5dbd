"use client";

import * as React from "react";
import { Eraser } from "lucide-react";
import { Button } from "@/components/ui/button";

export type SignaturePadHandle = {
  /** The drawing as a PNG file, or null when nothing was drawn. */
  toFile: () => Promise<File | null>;
  clear: () => void;
};

/**
 * A canvas the customer signs on with a finger, stylus or mouse (pointer events). Drawn at the
 * screen's pixel density so the stroke is sharp, on white so the PNG reads on any background.
 */
export const SignaturePad = React.forwardRef<
  SignaturePadHandle,
  { onChange?: (empty: boolean) => void; label?: string }
>(function SignaturePad({ onChange, label = "Signature" }, ref) {
  const canvasRef = React.useRef<HTMLCanvasElement>(null);
  const drawing = React.useRef(false);
  const last = React.useRef<{ x: number; y: number } | null>(null);
  const [empty, setEmpty] = React.useState(true);

  const setup = React.useCallback(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ratio = Math.max(1, window.devicePixelRatio || 1);
    const { width, height } = canvas.getBoundingClientRect();
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext("2d")!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
    ctx.lineWidth = 2.5;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#111827";
    setEmpty(true);
    onChange?.(true);
  }, [onChange]);

  React.useEffect(() => {
    setup();
  }, [setup]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };

  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    last.current = point(e);
    const ctx = e.currentTarget.getContext("2d")!;
    ctx.beginPath();
    ctx.arc(last.current.x, last.current.y, 1.2, 0, Math.PI * 2);
    ctx.fillStyle = "#111827";
    ctx.fill();
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current || !last.current) return;
    const p = point(e);
    const ctx = e.currentTarget.getContext("2d")!;
    ctx.beginPath();
    ctx.moveTo(last.current.x, last.current.y);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    last.current = p;
    if (empty) {
      setEmpty(false);
      onChange?.(false);
    }
  };
  const up = () => {
    drawing.current = false;
    last.current = null;
  };

  React.useImperativeHandle(
    ref,
    () => ({
      clear: setup,
      toFile: async () => {
        const canvas = canvasRef.current;
        if (!canvas || empty) return null;
        const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
        return blob ? new File([blob], "signature.png", { type: "image/png" }) : null;
      },
    }),
    [setup, empty],
  );

  return (
    <div className="grid gap-2">
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={`${label}: draw with your finger`}
        // touch-none: the finger draws instead of scrolling the page.
        className="h-44 w-full touch-none rounded-lg border-2 border-dashed border-input bg-white"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onPointerLeave={up}
      />
      <div className="flex items-center justify-between text-sm text-muted-foreground">
        <span>{empty ? "Sign above with a finger" : "Signed"}</span>
        <Button type="button" variant="ghost" size="sm" onClick={setup} disabled={empty}>
          <Eraser aria-hidden />
          Clear
        </Button>
      </div>
    </div>
  );
});
