// Draws the app icon (public/favicon.svg's blue tile and rising line) as the
// PNG sizes a web app manifest needs. Run once; the PNGs are committed.
//   node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const LINE = [
  [5, 24],
  [12, 14],
  [18, 19],
  [27, 7],
];

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Colour at a point of the 32x32 design; `maskable` fills the whole square (the platform rounds it). */
function colour(x, y, maskable) {
  const r = maskable ? 0 : 6;
  const cx = Math.min(Math.max(x, r), 32 - r);
  const cy = Math.min(Math.max(y, r), 32 - r);
  if (x < 0 || y < 0 || x > 32 || y > 32 || Math.hypot(x - cx, y - cy) > r) return [0, 0, 0, 0];
  // A maskable icon keeps its drawing inside the middle 80 %.
  const [lx, ly] = maskable ? [16 + (x - 16) / 0.8, 16 + (y - 16) / 0.8] : [x, y];
  for (let i = 0; i + 1 < LINE.length; i++) if (distanceToSegment(lx, ly, LINE[i], LINE[i + 1]) <= 1.5) return [255, 255, 255, 255];
  return [0x1f, 0x6f, 0xeb, 255];
}

function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(size, maskable) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const samples = 4;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const c = colour(((x + (sx + 0.5) / samples) * 32) / size, ((y + (sy + 0.5) / samples) * 32) / size, maskable);
          for (let k = 0; k < 4; k++) sum[k] += c[k];
        }
      const at = y * (size * 4 + 1) + 1 + x * 4;
      for (let k = 0; k < 4; k++) raw[at + k] = Math.round(sum[k] / (samples * samples));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync('public/icon-192.png', png(192, false));
writeFileSync('public/icon-512.png', png(512, false));
writeFileSync('public/icon-maskable-512.png', png(512, true));
console.log('public/icon-192.png, icon-512.png, icon-maskable-512.png written');
