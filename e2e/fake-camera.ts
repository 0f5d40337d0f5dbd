import { writeFileSync } from "node:fs";
import QRCode from "qrcode";
import config from "../playwright.config";

// A camera for Chromium that films a label: Chromium's fake capture device plays a y4m file in a
// loop (--use-file-for-fake-video-capture). The file is written here from the QR code the printed
// label carries (server/modules/inventory/labels.tsx), black modules on white paper, with no
// video tools: a y4m file is a one-line header and then raw YUV 4:2:0 frames.

const WHITE = 235;
const BLACK = 16;
const NEUTRAL = 128;

/** Writes `file`: a short 640 × 480 video of the QR code of `text`, centred with a quiet zone. */
export function writeLabelVideo(file: string, text: string, { width = 640, height = 480, frames = 5 } = {}) {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: "M" }).modules;
  // Four modules of white around the code, as a scanner expects, and the code most of the height.
  const scale = Math.floor((Math.min(width, height) * 0.9) / (size + 8));
  const left = Math.floor((width - size * scale) / 2);
  const top = Math.floor((height - size * scale) / 2);
  const luma = Buffer.alloc(width * height, WHITE);
  for (let row = 0; row < size; row++)
    for (let col = 0; col < size; col++) {
      if (!data[row * size + col]) continue;
      for (let y = 0; y < scale; y++)
        luma.fill(
          BLACK,
          (top + row * scale + y) * width + left + col * scale,
          (top + row * scale + y) * width + left + (col + 1) * scale,
        );
    }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, NEUTRAL);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}

/** The project's launch options with a fake camera that plays `video` and needs no permission prompt. */
export function withFakeCamera(video: string) {
  const base = config.use?.launchOptions ?? {};
  return {
    ...base,
    args: [
      ...(base.args ?? []),
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
    ],
  };
}
