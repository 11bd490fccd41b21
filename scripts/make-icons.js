// Draws the add-in icons (an hourglass, a literal choke point, on a teal tile) at 16, 32, 64 and
// 80 px as PNG, with Node's zlib only. Run: node scripts/make-icons.js (outputs assets/icon-*.png).
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const TILE = [0x0b, 0x5c, 0x6b];
const GLYPH = [0xff, 0xff, 0xff];
const ACCENT = [0xf2, 0xa9, 0x00];

/** Colour of a point in the unit square, or null outside the rounded tile. */
function shade(x, y) {
  const r = 0.18;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  const dx = Math.abs(x - 0.5);
  const inBand = y > 0.2 && y < 0.8;
  const halfWidth = 0.3 * (Math.abs(y - 0.5) / 0.3) + 0.04; // narrows to a neck at the middle
  if (inBand && dx < halfWidth) return y > 0.62 && dx < halfWidth - 0.06 ? ACCENT : GLYPH;
  if ((y > 0.16 && y <= 0.2) || (y >= 0.8 && y < 0.84)) return dx < 0.34 ? GLYPH : TILE;
  return TILE;
}

function render(size) {
  const samples = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = shade((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      }
      const o = 1 + px * 4;
      row[o] = a ? Math.round(r / a) : 0;
      row[o + 1] = a ? Math.round(g / a) : 0;
      row[o + 2] = a ? Math.round(b / a) : 0;
      row[o + 3] = Math.round((255 * a) / (samples * samples));
    }
    rows.push(row);
  }
  return png(size, size, Buffer.concat(rows));
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

function png(width, height, raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const outDir = path.resolve(__dirname, "../assets");
fs.mkdirSync(outDir, { recursive: true });
for (const size of [16, 32, 64, 80]) {
  fs.writeFileSync(path.join(outDir, `icon-${size}.png`), render(size));
}
console.log(`icons written to ${outDir}`);
