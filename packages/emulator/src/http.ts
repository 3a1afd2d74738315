/**
 * The HTTP front: AWS JSON 1.1 on `POST /`, Cognito's error shapes, CORS, body limits,
 * fault injection, plus the JWKS and `/_emulator/*` helper routes.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CorsOrigins, isSigV4, UNSIGNED_OPERATIONS } from './access.js';
import { parseJsonBody } from './body.js';
import type { Ctx } from './context.js';
import { CognitoError } from './errors.js';
import { operations } from './operations.js';
import type { OutboxFilter } from './outbox.js';
import { totpCode } from './totp.js';
import { requestRegion } from './region.js';
import { uploadImportCsv } from './user-import.js';

/** Largest request body accepted (Cognito's own limit is far below this). */
export const MAX_BODY_BYTES = 1024 * 1024;
const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const JSON_TYPE = 'application/x-amz-json-1.1';

const ALLOWED_HEADERS = [
  'content-type', 'x-amz-target', 'x-amz-user-agent', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256',
  'authorization', 'amz-sdk-invocation-id', 'amz-sdk-request', 'cache-control', 'x-amz-client-context',
].join(', ');

/** CORS for a route: `*` for Cognito's public surface, the named origins only for the rest. */
function cors(res: ServerResponse, origin: string | undefined, open: boolean): void {
  res.setHeader('access-control-expose-headers', 'x-amzn-errortype, x-amzn-requestid, x-amzn-errormessage, x-amz-id-2, date');
  if (open) res.setHeader('access-control-allow-origin', '*');
  else if (origin !== undefined) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'Origin');
  } else res.removeHeader('access-control-allow-origin');
}

function refuseOrigin(res: ServerResponse, what: string): void {
  res.removeHeader('access-control-allow-origin');
  sendError(res, 'AccessDeniedException', `This origin may not call ${what}: name it in the emulator's corsOrigins.`, 403);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, requestId: string = randomUUID()): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': requestId, ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, type: string, message: string, status = 400, requestId?: string): void {
  send(res, status, { __type: type, message }, { 'x-amzn-errortype': `${type}:` }, requestId);
}

/** Reads the body up to the limit; answers 413 (without buffering the rest) when larger. */
function readBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer | undefined> {
  const tooLarge = () => {
    sendError(res, 'RequestEntityTooLargeException', `Request body is larger than ${MAX_BODY_BYTES} bytes.`, 413);
    res.once('finish', () => setTimeout(() => req.destroy(), 200).unref());
    req.resume();
  };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    tooLarge();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        done = true;
        chunks.length = 0;
        tooLarge();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
      done = true;
    });
    req.on('error', () => {
      if (!done) resolve(undefined);
      done = true;
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface HttpOptions {
  log?: (line: string) => void;
  /** Origins allowed to reach admin operations and `/_emulator/*` from a browser. */
  corsOrigins?: CorsOrigins;
}

/** The request handler of one emulator. */
export function createHandler(ctx: Ctx, opts: HttpOptions) {
  const log = opts.log;
  const origins = opts.corsOrigins ?? new CorsOrigins();
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://emulator');
      const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
      const helper = url.pathname.startsWith('/_emulator/');
      cors(res, origin, !helper);
      // Helper routes hand out secrets and codes: a page from another origin must not reach
      // them, not even with a "simple" request that needs no preflight.
      if (helper && !origins.allows(origin)) {
        req.resume();
        return refuseOrigin(res, url.pathname);
      }
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
          'access-control-allow-headers': (req.headers['access-control-request-headers'] as string | undefined) ?? ALLOWED_HEADERS,
          'access-control-max-age': '86400',
          'content-length': '0',
        });
        res.end();
        return;
      }
      if (req.method === 'GET') return await handleGet(ctx, url, res);
      if (req.method === 'POST' && url.pathname.startsWith('/_emulator/')) return await handleEmulatorPost(ctx, url, req, res);
      if (req.method === 'PUT' && url.pathname.startsWith('/_emulator/user-import/')) return await handleImportUpload(ctx, url, req, res);
      if (req.method !== 'POST' || url.pathname !== '/') {
        req.resume();
        return sendError(res, 'UnknownOperationException', `No route for ${req.method} ${url.pathname}`, 404);
      }
      await handleApi(ctx, req, res, log, origins);
    } catch (e) {
      log?.(`internal error: ${(e as Error).message}`);
      sendError(res, 'InternalErrorException', 'An internal error occurred.', 500);
    }
  };
}

async function handleApi(ctx: Ctx, req: IncomingMessage, res: ServerResponse, log: HttpOptions['log'], origins: CorsOrigins): Promise<void> {
  const started = Date.now();
  const requestId = randomUUID();
  const target = req.headers['x-amz-target'];
  const body = await readBody(req, res);
  if (!body) return;
  if (typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) {
    return sendError(res, 'UnknownOperationException', 'Missing or unknown x-amz-target header.', 400, requestId);
  }
  const op = target.slice(TARGET_PREFIX.length);
  const handler = Object.hasOwn(operations, op) ? operations[op] : undefined;
  if (!handler) return sendError(res, 'UnknownOperationException', `Unknown operation ${op.slice(0, 100)}.`, 400, requestId);
  if (!UNSIGNED_OPERATIONS.has(op)) {
    // Admin operations: Cognito takes them SigV4-signed only, never from an arbitrary page.
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    if (!origins.allows(origin)) return refuseOrigin(res, op);
    cors(res, origin, false);
    if (!isSigV4(req.headers.authorization)) return sendError(res, 'MissingAuthenticationTokenException', 'Missing Authentication Token', 400, requestId);
  }

  const latency = ctx.faults.take(op, ['latency']);
  if (latency) await sleep(latency.latencyMs ?? 1000);
  const fault = ctx.faults.take(op, ['drop', 'throttle', 'server-error']);
  if (fault?.kind === 'drop') {
    log?.(`${op} dropped (fault)`);
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'throttle') return sendError(res, 'TooManyRequestsException', 'Too many requests', 400, requestId);
  if (fault?.kind === 'server-error') return sendError(res, 'InternalErrorException', 'An internal error occurred.', fault.status ?? 500, requestId);

  let input: Record<string, unknown>;
  try {
    input = parseJsonBody(body);
  } catch (e) {
    return sendError(res, 'SerializationException', (e as Error).message, 400, requestId);
  }
  try {
    // The region the request was signed for (CreateUserPool makes `<region>_…` ids).
    const region = requestRegion(req.headers);
    const out = await handler(region ? { ...ctx, region } : ctx, input);
    // Durable before the answer leaves: a client that saw 200 finds the change after a crash.
    persist(ctx, log);
    send(res, 200, out ?? {}, {}, requestId);
    log?.(`${op} 200 ${Date.now() - started}ms`);
  } catch (e) {
    // Failed calls change state too (wrong-code counters, lockout).
    persist(ctx, log);
    if (e instanceof CognitoError) {
      sendError(res, e.type, e.message, e.status, requestId);
      log?.(`${op} ${e.status} ${e.type} ${Date.now() - started}ms`);
    } else {
      log?.(`${op} 500 internal error: ${(e as Error).message}`);
      sendError(res, 'InternalErrorException', 'An internal error occurred.', 500, requestId);
    }
  }
}

function persist(ctx: Ctx, log: HttpOptions['log']): void {
  try {
    ctx.afterRequest?.();
  } catch (e) {
    log?.(`persisting state failed: ${(e as Error).message}`);
  }
}

async function handleGet(ctx: Ctx, url: URL, res: ServerResponse): Promise<void> {
  const path = url.pathname;
  if (path === '/health') return send(res, 200, { status: 'ok' }, { 'content-type': 'application/json' });
  const jwks = /^\/([^/]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(path);
  if (jwks) {
    let poolId: string;
    try {
      poolId = decodeURIComponent(jwks[1]!);
    } catch {
      return sendError(res, 'ResourceNotFoundException', 'User pool does not exist.', 404);
    }
    if (!ctx.store.pools.has(poolId)) return sendError(res, 'ResourceNotFoundException', `User pool ${poolId} does not exist.`, 404);
    if (jwks[2] === 'jwks.json') return send(res, 200, await ctx.tokens.jwks(), { 'content-type': 'application/json' });
    const iss = ctx.tokens.issuer(poolId);
    return send(res, 200, { issuer: iss, jwks_uri: ctx.tokens.jwksUri(poolId), id_token_signing_alg_values_supported: ['RS256'] }, { 'content-type': 'application/json' });
  }
  if (path === '/_emulator/outbox') {
    const filter: OutboxFilter = {};
    for (const key of ['username', 'userPoolId', 'medium', 'purpose'] as const) {
      const v = url.searchParams.get(key);
      if (v) (filter as Record<string, string>)[key] = v;
    }
    return send(res, 200, { messages: ctx.outbox.messages(filter) }, { 'content-type': 'application/json' });
  }
  if (path === '/_emulator/totp') {
    const pool = ctx.store.pools.get(url.searchParams.get('userPoolId') ?? '');
    const user = pool?.users.get(url.searchParams.get('username') ?? '');
    const secret = user?.mfa.pendingTotpSecret ?? user?.mfa.totp?.secret;
    if (!secret) return sendError(res, 'ResourceNotFoundException', 'No such user with a TOTP secret.', 404);
    return send(res, 200, { code: totpCode(secret, ctx.clock.now()) }, { 'content-type': 'application/json' });
  }
  if (path === '/_emulator/pools') {
    const pools = [...ctx.store.pools.values()].map((p) => ({
      userPoolId: p.id,
      name: p.name,
      clients: [...p.clients.values()].map((c) => ({ clientId: c.id, name: c.name, ...(c.secret ? { clientSecret: c.secret } : {}) })),
    }));
    return send(res, 200, { pools }, { 'content-type': 'application/json' });
  }
  return sendError(res, 'ResourceNotFoundException', `No route for GET ${path}`, 404);
}

/** A user import job's CSV, PUT to its PreSignedUrl as to Cognito's S3 URL. */
async function handleImportUpload(ctx: Ctx, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req, res);
  if (!body) return;
  const jobId = url.pathname.slice('/_emulator/user-import/'.length);
  if (!uploadImportCsv(ctx, jobId, body.toString('utf8'))) return sendError(res, 'ResourceNotFoundException', 'No import job awaits an upload at this URL.', 404);
  persist(ctx, undefined);
  res.writeHead(200, { 'content-length': '0' });
  res.end();
}

async function handleEmulatorPost(ctx: Ctx, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req, res);
  if (!body) return;
  let input: Record<string, unknown>;
  try {
    input = parseJsonBody(body);
  } catch (e) {
    return sendError(res, 'SerializationException', (e as Error).message, 400);
  }
  if (url.pathname === '/_emulator/clock') {
    if (typeof input.advanceMs === 'number' && Number.isFinite(input.advanceMs)) ctx.clock.advance(input.advanceMs);
    else if (typeof input.setMs === 'number' && Number.isFinite(input.setMs)) ctx.clock.set(input.setMs);
    else return sendError(res, 'InvalidParameterException', 'Give { "advanceMs": number } or { "setMs": number }.', 400);
    return send(res, 200, { now: ctx.clock.now() }, { 'content-type': 'application/json' });
  }
  if (url.pathname === '/_emulator/outbox/clear') {
    ctx.outbox.clear();
    return send(res, 200, {}, { 'content-type': 'application/json' });
  }
  return sendError(res, 'ResourceNotFoundException', `No route for POST ${url.pathname}`, 404);
}
