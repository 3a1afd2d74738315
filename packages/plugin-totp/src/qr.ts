/**
 * `@nextstep/plugin-totp/qr`: a QR code of the TOTP setup URI, for UIs and terminals.
 *
 * A separate entry so apps that only show the secret or the URI do not carry a QR encoder.
 * Everything here renders from the same matrix that the `qrcode` package encodes, and works
 * the same in Node and browsers (no canvas needed).
 * @module
 */
// Why `qrcode` (an optional peer: only `/qr` users install it) and not a zero-dependency
// encoder: tried 2026-12 with uqr 0.1.3 and qr 0.7.0 (paulmillr). Both decode right (jsQR)
// and are smaller (10-13 KB minified against 25 KB; no yargs & co., 26 packages, on install),
// but neither mixes encoding modes in one code, so for TOTP URIs they often need the next
// QR version up (e.g. 49 -> 53 modules a side at level M for a 169-character URI): a denser
// code to scan off a screen. Not clearly better; revisit if one gains segment optimisation.
import QRCode from 'qrcode';

/** Options of the QR renderers. */
export interface QrOptions {
  /** Error correction level; `M` (15 %) by default, enough for a screen. */
  errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
  /** Quiet zone around the code, in modules. Default 4, as the QR standard asks. */
  margin?: number;
}

type Source = URL | string | { getSetupUri(appName: string, accountName?: string): URL };

function text(source: Source): string {
  if (typeof source === 'string') return source;
  if (source instanceof URL) return source.href;
  return source.getSetupUri('').href;
}

function create(source: Source, options: QrOptions) {
  return QRCode.create(text(source), { errorCorrectionLevel: options.errorCorrectionLevel ?? 'M' });
}

/**
 * An SVG document of the QR code (scales to any size; set width/height in CSS).
 * @param source the setup URI, or `nextStep.totpSetupDetails` (its default app name is used).
 */
export function toSvg(source: Source, options: QrOptions = {}): string {
  const qr = create(source, options);
  const margin = options.margin ?? 4;
  const size = qr.modules.size;
  const full = size + 2 * margin;
  // One path of unit squares: small, and crisp at every scale.
  let d = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (qr.modules.get(y, x)) d += `M${x + margin} ${y + margin}h1v1h-1z`;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}" shape-rendering="crispEdges">` +
    `<rect width="${full}" height="${full}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  );
}

/** A `data:image/svg+xml` URL of {@link toSvg}, ready for `<img src>`. */
export function toDataUrl(source: Source, options: QrOptions = {}): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(toSvg(source, options))}`;
}

/**
 * The QR code as text for a terminal: two modules per character (Unicode half blocks),
 * dark on a light background, so phones scan it from a dark or light terminal alike.
 */
export function toTerminal(source: Source, options: QrOptions = {}): string {
  const qr = create(source, options);
  const margin = options.margin ?? 2;
  const size = qr.modules.size;
  const dark = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < size && y < size && Boolean(qr.modules.get(y, x));
  // Light modules are drawn (full/half blocks), dark ones left blank: white-on-black text
  // then shows dark-on-light, which is what scanners expect.
  const chars = [' ', '▄', '▀', '█']; // index: top light ? 2 : 0 + bottom light ? 1 : 0
  const lines: string[] = [];
  for (let y = -margin; y < size + margin; y += 2) {
    let line = '';
    for (let x = -margin; x < size + margin; x++) {
      const top = !dark(x, y);
      const bottom = y + 1 < size + margin ? !dark(x, y + 1) : false;
      line += chars[(top ? 2 : 0) + (bottom ? 1 : 0)];
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/** The raw module matrix, for custom renderers: `matrix[y][x]` is true for a dark module. */
export function toMatrix(source: Source, options: QrOptions = {}): boolean[][] {
  const qr = create(source, options);
  const size = qr.modules.size;
  return Array.from({ length: size }, (_, y) => Array.from({ length: size }, (_, x) => Boolean(qr.modules.get(y, x))));
}
