import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { SourceFailure } from '../errors.ts';

export const ACCEPT_ENCODING = 'gzip, deflate, br';

export interface ReadBody {
  body: Buffer;
  /** Bytes as they came over the wire, before decompression. */
  wireBytes: number;
}

/**
 * Reads a response body, decompressing as it goes. The cap applies to the decompressed bytes and
 * is checked chunk by chunk, so a small gzip bomb is stopped long before it fills memory.
 */
export async function readBody(
  stream: Readable,
  contentEncoding: string | null,
  maxBytes: number,
  url: string,
): Promise<ReadBody> {
  let decoders: Transform[];
  try {
    decoders = decodersFor(contentEncoding, url);
  } catch (error) {
    // Stop the download; the abort error that follows is expected, not news.
    stream.on('error', () => {}).destroy();
    throw error;
  }
  const chunks: Buffer[] = [];
  let wireBytes = 0;
  let size = 0;
  const tooLarge = () => new SourceFailure('too_large', `the response from ${url} is larger than ${maxBytes} bytes`);
  const countWire = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      wireBytes += chunk.length;
      done(wireBytes > maxBytes ? tooLarge() : null, chunk);
    },
  });
  const collect = new Writable({
    write(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(tooLarge());
      chunks.push(chunk);
      done();
    },
  });
  try {
    await pipeline([stream, countWire, ...decoders, collect]);
  } catch (error) {
    throw isDecodeError(error)
      ? new SourceFailure('unexpected_content', `could not decompress the ${contentEncoding} body from ${url}: ${(error as Error).message}`)
      : error;
  }
  return { body: Buffer.concat(chunks, size), wireBytes };
}

/** Codings are listed in the order they were applied, so they come off in reverse. */
function decodersFor(contentEncoding: string | null, url: string): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  return codings.reverse().map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return createGunzip();
      case 'deflate':
        return createInflate();
      case 'br':
        return createBrotliDecompress();
      default:
        throw new SourceFailure('unexpected_content', `${url} sent its body in the "${coding}" encoding, which we did not ask for`);
    }
  });
}

/** zlib reports corrupt data with Z_… codes, brotli with ERR__ERROR_… ones. */
function isDecodeError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR__ERROR'));
}

/**
 * The body as text in the charset its Content-Type declares (UTF-8 when it declares none, or one
 * Node does not know). Bytes that are invalid in that charset become U+FFFD instead of failing.
 */
export function decodeText(body: Buffer, contentType: string | null): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  return decoderFor(charset).decode(body);
}

function decoderFor(charset: string | undefined): TextDecoder {
  if (charset) {
    try {
      return new TextDecoder(charset, { fatal: false });
    } catch {
      // An unknown label: fall through to UTF-8, the web's default.
    }
  }
  return new TextDecoder('utf-8', { fatal: false });
}
