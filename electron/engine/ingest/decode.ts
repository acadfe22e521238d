/** Byte → text decoding for fetched feeds: picks the charset the way Miniflux and browsers do. */
import iconv from 'iconv-lite';
import { labelToName } from 'whatwg-encoding';

/** Result of decoding: the text (BOM removed) and the charset actually used. */
export interface DecodedFeed {
  text: string;
  charset: string;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * WHATWG names decoded with another iconv-lite codec. GBK: the Encoding Standard decodes it with
 * the gb18030 decoder (GB2312 documents routinely use GBK/GB18030 characters).
 */
const ICONV_NAME: Record<string, string> = { gbk: 'gb18030' };

/**
 * Maps a charset label to the codec iconv-lite should use (null when unknown). Labels go through
 * the WHATWG Encoding Standard's table (whatwg-encoding), as browsers do: iso-8859-1, latin1,
 * us-ascii and their aliases mean windows-1252, which also recovers the curly quotes and € that
 * publishers put in the 0x80–0x9F range. Labels the standard does not know (utf-32, ebcdic…)
 * are tried with iconv-lite's own names; the standard's "replacement" encoding counts as unknown.
 */
function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const cs = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!cs) return null;
  const name = labelToName(cs)?.toLowerCase();
  if (name === 'replacement' || name === 'x-user-defined') return null;
  if (name) return ICONV_NAME[name] ?? (iconv.encodingExists(name) ? name : null);
  return iconv.encodingExists(cs) ? cs : null;
}

/** Charset parameter of an HTTP Content-Type header, if any. */
function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType);
  return m ? m[1] : null;
}

/** Encoding named by the XML declaration (read as ASCII from the first bytes). */
function charsetFromXmlDeclaration(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 512).toString('latin1');
  const m = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(head);
  return m ? m[1] : null;
}

/** Byte-order mark detection (BOMs are unambiguous, so they win over labels). */
function detectBom(bytes: Buffer): { charset: string; length: number } | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { charset: 'utf-8', length: 3 };
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0)
    return { charset: 'utf-32le', length: 4 };
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)
    return { charset: 'utf-32be', length: 4 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16/32 without a BOM, recognised by where the NUL bytes of `<?` / `<r` fall (XML spec appendix F). */
function sniffWideEncoding(bytes: Buffer): string | null {
  if (bytes.length < 4) return null;
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (a === 0x3c && b === 0 && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b === 0 && c === 0 && d === 0x3c) return 'utf-32be';
  if (a === 0x3c && b === 0 && c !== 0 && d === 0) return 'utf-16le';
  if (a === 0 && b === 0x3c && c === 0 && d !== 0) return 'utf-16be';
  return null;
}

/** True when every byte is 7-bit ASCII. */
function isAscii(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}

/** Decodes with iconv-lite; 32-bit Unicode is handled there too. */
function decodeWith(bytes: Buffer, charset: string): string {
  return iconv.decode(bytes, charset, { stripBOM: true });
}

/**
 * Decodes feed bytes to text. Order: BOM → UTF-16/32 sniff → valid UTF-8 with non-ASCII bytes
 * (this beats any label: the Miniflux traps declare windows-1252/ISO-8859-1 over UTF-8 bytes) →
 * HTTP Content-Type charset → XML declaration → windows-1252. A declared UTF-8 that is not valid
 * UTF-8 falls through to the next label, then to windows-1252, so nothing decodes to U+FFFD
 * because of a wrong label.
 */
export function decodeFeedBytes(bytes: Buffer, contentType?: string | null): DecodedFeed {
  const bom = detectBom(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom.length), bom.charset), charset: bom.charset };
  const wide = sniffWideEncoding(bytes);
  if (wide) return { text: decodeWith(bytes, wide), charset: wide };

  const labels = [
    normalizeCharset(charsetFromContentType(contentType)),
    normalizeCharset(charsetFromXmlDeclaration(bytes)),
  ];
  if (isAscii(bytes)) {
    // Every ASCII-compatible charset decodes 7-bit bytes identically; report the declared one.
    const declared = labels.find((l) => l && !/^utf-(16|32)/.test(l)) ?? 'utf-8';
    return { text: bytes.toString('latin1'), charset: declared };
  }
  try {
    return { text: utf8Strict.decode(bytes), charset: 'utf-8' };
  } catch {
    // Not UTF-8: trust the first usable non-UTF-8 label.
  }
  for (const label of labels) {
    if (label && label !== 'utf-8' && !/^utf-(16|32)/.test(label))
      return { text: decodeWith(bytes, label), charset: label };
  }
  return { text: decodeWith(bytes, 'windows-1252'), charset: 'windows-1252' };
}
