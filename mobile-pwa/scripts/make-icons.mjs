// Writes the PWA's PNG icons (an "M" on the brand indigo) into public/. Run once; the PNGs are committed.
// Usage: node mobile-pwa/scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BACKGROUND = [0x4c, 0x6e, 0xf5]; // Mantine indigo-6
const FOREGROUND = [0xff, 0xff, 0xff];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function png(size, pixel) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    for (let x = 0; x < size; x++) raw.set(pixel((x + 0.5) / size, (y + 0.5) / size), row + 1 + x * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Distance from point p to segment ab, all in unit coordinates. */
function toSegment([px, py], [ax, ay], [bx, by]) {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** The "M" as four strokes inside a box of `scale` (1 = the whole icon) centred on the icon. */
function inLetter(x, y, scale) {
  const u = (v) => 0.5 + (v - 0.5) * scale;
  const points = [
    [0.28, 0.72],
    [0.28, 0.28],
    [0.5, 0.56],
    [0.72, 0.28],
    [0.72, 0.72],
  ].map(([a, b]) => [u(a), u(b)]);
  const half = 0.055 * scale;
  for (let i = 0; i < points.length - 1; i++)
    if (toSegment([x, y], points[i], points[i + 1]) <= half) return true;
  return false;
}

/** `any` icons: a rounded square with transparent corners; maskable: full bleed, letter inside the safe zone. */
function icon(maskable) {
  return (x, y) => {
    const radius = 0.18;
    const cx = Math.min(Math.max(x, radius), 1 - radius);
    const cy = Math.min(Math.max(y, radius), 1 - radius);
    if (!maskable && Math.hypot(x - cx, y - cy) > radius) return [0, 0, 0, 0];
    const [r, g, b] = inLetter(x, y, maskable ? 0.8 : 1) ? FOREGROUND : BACKGROUND;
    return [r, g, b, 255];
  };
}

const out = new URL('../public/', import.meta.url);
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
  ['favicon-32.png', 32, false],
]) {
  writeFileSync(new URL(name, out), png(size, icon(maskable)));
}
