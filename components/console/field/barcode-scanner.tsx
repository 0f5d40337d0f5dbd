"use client";

import * as React from "react";
import { ScanLine, X } from "lucide-react";
import { Button } from "@/components/ui/button";

// Reads a barcode or QR code with the phone's camera. Chrome on Android has BarcodeDetector built
// in; elsewhere (iOS Safari, Firefox) @zxing/browser decodes the video frames in JavaScript, loaded
// only when the technician taps "Scan". Typing the serial always works as well: cameras fail on
// scratched labels and in dark cabinets.

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type DetectorClass = new (options?: { formats?: string[] }) => Detector;

export function BarcodeScanner({ onScan, label = "Scan" }: { onScan: (text: string) => void; label?: string }) {
  const [open, setOpen] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const video = React.useRef<HTMLVideoElement>(null);
  // The latest callback, so a parent re-rendering while the camera is open does not restart it.
  const onScanRef = React.useRef(onScan);
  React.useEffect(() => {
    onScanRef.current = onScan;
  }, [onScan]);

  React.useEffect(() => {
    if (!open) return;
    let stopped = false;
    let stream: MediaStream | null = null;
    let stopZxing: (() => void) | null = null;
    const done = (text: string) => {
      if (stopped) return;
      onScanRef.current(text.trim());
      setOpen(false);
    };
    (async () => {
      try {
        const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
        if (Native && video.current) {
          stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
          video.current.srcObject = stream;
          await video.current.play();
          const detector = new Native();
          while (!stopped) {
            const found = await detector.detect(video.current).catch(() => []);
            if (found[0]?.rawValue) return done(found[0].rawValue);
            await new Promise((r) => setTimeout(r, 200));
          }
        } else if (video.current) {
          const { BrowserMultiFormatReader } = await import("@zxing/browser");
          const controls = await new BrowserMultiFormatReader().decodeFromVideoDevice(
            undefined,
            video.current,
            (result) => {
              if (result) done(result.getText());
            },
          );
          stopZxing = () => controls.stop();
          if (stopped) stopZxing();
        }
      } catch {
        if (stopped) return;
        setError("The camera could not be opened. Type the serial instead.");
        setOpen(false);
      }
    })();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((t) => t.stop());
      stopZxing?.();
    };
  }, [open]);

  if (!open)
    return (
      <>
        <Button
          type="button"
          variant="outline"
          className="h-12 text-base"
          onClick={() => {
            setError(null);
            setOpen(true);
          }}
        >
          <ScanLine aria-hidden />
          {label}
        </Button>
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
      </>
    );
  return (
    <div className="grid gap-2" role="region" aria-label="Camera">
      <video ref={video} muted playsInline className="aspect-video w-full rounded-lg bg-black object-cover" />
      <p className="text-sm text-muted-foreground">Hold the label steady inside the picture.</p>
      <Button type="button" variant="outline" className="h-12 text-base" onClick={() => setOpen(false)}>
        <X aria-hidden />
        Stop the camera
      </Button>
    </div>
  );
}
