// Draws Pinfleet's icon from one list of shapes and writes it twice: resources/icon.svg and a
// 512×512 resources/icon.png (RGBA, encoded here with zlib, no image library or network).
// The motif is three storage nodes peered around a hub. Run: node resources/icons/generate-icon.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 512;
const resources = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const NODES = [
  [256, 146],
  [146, 336],
  [366, 336],
];
const HUB = [256, 273];

// Painted in order, each fully opaque: background, links, nodes, hub.
const SHAPES = [
  { kind: 'roundRect', x: 32, y: 32, w: 448, h: 448, r: 104, fill: '#17324d' },
  ...NODES.map(([x, y]) => ({ kind: 'line', x1: HUB[0], y1: HUB[1], x2: x, y2: y, width: 22, fill: '#3c8dae' })),
  ...NODES.map(([x, y]) => ({ kind: 'circle', cx: x, cy: y, r: 56, fill: '#4fd1c5' })),
  ...NODES.map(([x, y]) => ({ kind: 'circle', cx: x, cy: y, r: 22, fill: '#17324d' })),
  { kind: 'circle', cx: HUB[0], cy: HUB[1], r: 34, fill: '#f7f8fa' },
];

function toSvg() {
  const body = SHAPES.map((s) => {
    if (s.kind === 'roundRect') return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${s.fill}"/>`;
    if (s.kind === 'line') {
      return `<line x1="${s.x1}" y1="${s.y1}" x2="${s.x2}" y2="${s.y2}" stroke="${s.fill}" stroke-width="${s.width}" stroke-linecap="round"/>`;
    }
    return `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">\n  <title>Pinfleet</title>\n  ${body.join('\n  ')}\n</svg>\n`;
}

/** Signed distance from (px, py) to the shape's edge: negative inside. */
function distance(s, px, py) {
  if (s.kind === 'circle') return Math.hypot(px - s.cx, py - s.cy) - s.r;
  if (s.kind === 'line') {
    const [dx, dy] = [s.x2 - s.x1, s.y2 - s.y1];
    const t = Math.max(0, Math.min(1, ((px - s.x1) * dx + (py - s.y1) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - (s.x1 + t * dx), py - (s.y1 + t * dy)) - s.width / 2;
  }
  const [hx, hy] = [s.w / 2 - s.r, s.h / 2 - s.r];
  const qx = Math.abs(px - (s.x + s.w / 2)) - hx;
  const qy = Math.abs(py - (s.y + s.h / 2)) - hy;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - s.r;
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

function render() {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  const colours = SHAPES.map((s) => rgb(s.fill));
  for (let y = 0; y < SIZE; y += 1) {
    for (let x = 0; x < SIZE; x += 1) {
      // Premultiplied colour, painted back to front; coverage is 1-pixel-wide anti-aliasing.
      let [r, g, b, a] = [0, 0, 0, 0];
      SHAPES.forEach((s, i) => {
        const coverage = Math.max(0, Math.min(1, 0.5 - distance(s, x + 0.5, y + 0.5)));
        if (coverage === 0) return;
        const [cr, cg, cb] = colours[i];
        r = cr * coverage + r * (1 - coverage);
        g = cg * coverage + g * (1 - coverage);
        b = cb * coverage + b * (1 - coverage);
        a = coverage + a * (1 - coverage);
      });
      const o = (y * SIZE + x) * 4;
      pixels[o] = a > 0 ? Math.round(r / a) : 0;
      pixels[o + 1] = a > 0 ? Math.round(g / a) : 0;
      pixels[o + 2] = a > 0 ? Math.round(b / a) : 0;
      pixels[o + 3] = Math.round(a * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function encodePng(pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y += 1) {
    rows[y * (SIZE * 4 + 1)] = 0; // filter: none
    pixels.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

fs.writeFileSync(path.join(resources, 'icon.svg'), toSvg());
fs.writeFileSync(path.join(resources, 'icon.png'), encodePng(render()));
console.log(`wrote ${path.join(resources, 'icon.svg')} and icon.png (${SIZE}×${SIZE})`);
