// Reads the PNGs scripts/icons.sh renders (rsvg-convert: 8-bit RGBA, not interlaced), enough
// for tests: the header's size, and the pixels.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunks(buf) {
  if (!buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG (signature)');
  const out = [];
  for (let at = 8; at + 8 <= buf.length;) {
    const len = buf.readUInt32BE(at);
    out.push({ type: buf.toString('latin1', at + 4, at + 8), data: buf.subarray(at + 8, at + 8 + len) });
    at += 12 + len;
  }
  return out;
}

/** Width, height, bit depth and colour type from the IHDR chunk, which must come first. */
export function pngHeader(file) {
  const [first] = chunks(readFileSync(file));
  if (!first || first.type !== 'IHDR') throw new Error('IHDR is not the first chunk');
  const d = first.data;
  return { width: d.readUInt32BE(0), height: d.readUInt32BE(4), bitDepth: d[8], colorType: d[9], interlace: d[12] };
}

/** The pixels, row by row, RGBA (Uint8Array of width*height*4), of an 8-bit RGBA PNG. */
export function pngPixels(file) {
  const all = chunks(readFileSync(file));
  const { width, height, bitDepth, colorType, interlace } = pngHeader(file);
  if (bitDepth !== 8 || colorType !== 6 || interlace !== 0) throw new Error(`unsupported PNG: depth ${bitDepth}, type ${colorType}`);
  const raw = inflateSync(Buffer.concat(all.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const bpp = 4;
  const stride = width * bpp;
  const px = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? px[y * stride + x - bpp] : 0;
      const b = y > 0 ? px[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? px[(y - 1) * stride + x - bpp] : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new Error(`bad filter ${filter}`);
      px[y * stride + x] = (line[x] + pred) & 0xff;
    }
  }
  return px;
}

/**
 * Each pixel's class, whatever its hue: 0 transparent, 1 dark, 2 light (by luminance). Two
 * images that differ only in colour (green for red) have the same classes.
 */
export function pngShape(file) {
  const px = pngPixels(file);
  const shape = new Uint8Array(px.length / 4);
  for (let i = 0; i < shape.length; i++) {
    const [r, g, b, a] = px.subarray(i * 4, i * 4 + 4);
    shape[i] = a < 128 ? 0 : 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 1 : 2;
  }
  return shape;
}
