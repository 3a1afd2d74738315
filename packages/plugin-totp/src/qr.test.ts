import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { toDataUrl, toMatrix, toSvg, toTerminal } from './qr.js';

const URI_TEXT = 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme';

describe('TOTP QR code', () => {
  it('encodes the URI into the same matrix as qrcode', () => {
    const m = toMatrix(new URL(URI_TEXT));
    const ref = QRCode.create(URI_TEXT, { errorCorrectionLevel: 'M' });
    expect(m.length).toBe(ref.modules.size);
    expect(m.flat().map(Number)).toEqual(Array.from(ref.modules.data));
  });

  it('renders an SVG with one unit square per dark module and a quiet zone', () => {
    const svg = toSvg(URI_TEXT);
    const size = toMatrix(URI_TEXT).length;
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
    expect(svg).toContain(`viewBox="0 0 ${size + 8} ${size + 8}"`);
    const dark = toMatrix(URI_TEXT).flat().filter(Boolean).length;
    expect(svg.match(/h1v1h-1z/g)!.length).toBe(dark);
    // The finder pattern's top-left corner sits at the margin.
    expect(svg).toContain('M4 4h1v1h-1z');
  });

  it('gives a data URL that decodes to the SVG', () => {
    const url = toDataUrl(URI_TEXT);
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(url.slice(url.indexOf(',') + 1))).toBe(toSvg(URI_TEXT));
  });

  it('accepts totpSetupDetails and renders a terminal string two rows per line', () => {
    const details = { getSetupUri: (app: string) => new URL(URI_TEXT.replace('Acme', app || 'Acme')) };
    const text = toTerminal(details);
    const size = toMatrix(URI_TEXT).length;
    const lines = text.split('\n');
    expect(lines.length).toBe(Math.ceil((size + 4) / 2));
    expect(lines.every((l) => [...l].length === size + 4)).toBe(true);
    expect(text).toMatch(/^[ ▀▄█\n]+$/);
  });
});
