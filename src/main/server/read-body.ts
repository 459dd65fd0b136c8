/**
 * Reads a JSON request body: `Content-Type: application/json` required (a cross-site HTML form
 * cannot send it without a CORS preflight, which this server never grants), at most 1 MiB, never
 * buffered past that. An empty body is `undefined`, the input of methods that take none.
 *
 * @example
 * const input = await readJsonBody(req); // throws BodyError(415 | 413 | 400)
 */
import type { IncomingMessage } from 'node:http';
import type { HttpError } from './http-errors.js';

export const MAX_BODY_BYTES = 1024 * 1024;

/** A body the server refuses, with the status and error to answer. */
export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly error: HttpError,
  ) {
    super(error.message);
    this.name = 'BodyError';
  }
}

/** The request went away mid-body: there is nobody left to answer. */
export class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError';
}

export function isJsonContentType(header: string | undefined): boolean {
  return (header ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  if (!isJsonContentType(req.headers['content-type'])) {
    throw new BodyError(415, { name: 'Error', message: 'send the input as JSON, with Content-Type: application/json' });
  }
  const declared = Number(req.headers['content-length']);
  if (declared > limit) throw tooLarge(limit);
  const text = (await readLimited(req, limit)).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = `the request body is not valid JSON: ${(error as Error).message}`;
    throw new BodyError(400, { name: 'InputError', message, issues: [{ path: '(root)', message }] });
  }
}

function tooLarge(limit: number): BodyError {
  return new BodyError(413, { name: 'Error', message: `the request body is over ${limit / 1024 / 1024} MiB` });
}

function readLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onGone);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      done();
      chunks.length = 0;
      // Stop reading: the reply goes out with Connection: close, and what the client still
      // sends is dropped with the socket.
      req.pause();
      reject(tooLarge(limit));
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onGone = () => {
      done();
      reject(new ClientGoneError('the client closed the connection before sending the whole body'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onGone);
  });
}
