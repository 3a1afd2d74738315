/**
 * The sign-in service's HTTP API (Hono). Any instance answers any request: flows and
 * sessions live in Redis, sealed; the browser holds only an opaque session id in a Secure,
 * HttpOnly, SameSite=Strict cookie.
 *
 * POST /api/sign-in {username, password}   → { flowId, nextStep }
 * POST /api/sign-in/:flowId {answer}        → { flowId, nextStep, isSignedIn } (+ cookie at DONE)
 * GET  /api/session                         → { userId, username, expiresAt } or 401
 * POST /api/refresh                         → { refreshedAt, expiresAt }
 * POST /api/sign-out                        → { revoked }
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { fetchAuthSession, getCurrentUser, isAuthError, signOut, type Auth, type ServerFlows } from '@nextstep/core';
import type { SealedKeyValueStore } from '@nextstep/store-redis';
import { PAGE } from './page.js';

const COOKIE = 'sid';

/** What the app is built from (one per instance). */
export interface AppDeps {
  auth: Auth<any>;
  flows: ServerFlows<any>;
  /** Opaque session id → user id (sealed in Redis). */
  sessionIds: SealedKeyValueStore<{ userId: string }>;
  /** A name for this instance, in the `x-instance` header. */
  name: string;
}

/** An error as JSON: its name and message (core's messages never hold secrets). */
function problem(err: unknown): { status: 400 | 401 | 409 | 410 | 502 | 503; body: { error: string; message: string } } {
  if (!isAuthError(err)) return { status: 502, body: { error: 'InternalError', message: 'Something went wrong.' } };
  const status = err.name === 'FlowBusy' ? 409 : err.name === 'FlowNotFound' || err.kind === 'session' ? 410 : err.kind === 'network' ? 503 : err.name === 'UserUnAuthenticatedException' ? 401 : 400;
  return { status, body: { error: err.name, message: err.message } };
}

export function createApp(deps: AppDeps): Hono {
  const { auth, flows, sessionIds } = deps;
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('x-instance', deps.name);
    c.header('cache-control', 'no-store');
  });
  app.onError((err, c) => {
    const p = problem(err);
    return c.json(p.body, p.status);
  });

  async function userOf(c: Context): Promise<string | undefined> {
    const sid = getCookie(c, COOKIE);
    if (!sid || !/^[0-9a-f-]{36}$/.test(sid)) return undefined;
    return (await sessionIds.get(sid))?.userId;
  }

  app.get('/', (c) => c.html(PAGE, 200, { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'" }));
  app.get('/page.js', (c) => c.body(PAGE_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));

  app.post('/api/sign-in', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { username?: unknown; password?: unknown };
    const r = await flows.start({ username: String(body.username ?? ''), password: String(body.password ?? ''), options: { authFlowType: 'USER_SRP_AUTH' } });
    return c.json({ flowId: r.flowId, isSignedIn: r.isSignedIn, nextStep: r.nextStep });
  });

  app.post('/api/sign-in/:flowId', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { answer?: unknown };
    const r = await flows.answer(c.req.param('flowId'), typeof body.answer === 'string' ? body.answer : (body.answer as any));
    if (r.isSignedIn && r.userId) {
      const sid = crypto.randomUUID();
      await sessionIds.set(sid, { userId: r.userId });
      setCookie(c, COOKIE, sid, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    }
    return c.json({ flowId: r.flowId, isSignedIn: r.isSignedIn, nextStep: r.nextStep });
  });

  app.get('/api/session', async (c) => {
    const userId = await userOf(c);
    if (!userId) return c.json({ error: 'UserUnAuthenticatedException', message: 'Not signed in.' }, 401);
    const session = await fetchAuthSession(auth, { userId });
    if (!session.tokens) return c.json({ error: 'UserUnAuthenticatedException', message: 'Not signed in.' }, 401);
    const user = await getCurrentUser(auth, { userId });
    const record = await auth.store.get(userId);
    return c.json({ userId, username: user.username, expiresAt: (session.tokens.accessToken.payload.exp ?? 0) * 1000, refreshedAt: record?.refreshedAt ?? null });
  });

  app.post('/api/refresh', async (c) => {
    const userId = await userOf(c);
    if (!userId) return c.json({ error: 'UserUnAuthenticatedException', message: 'Not signed in.' }, 401);
    const session = await fetchAuthSession(auth, { userId, forceRefresh: true });
    const record = await auth.store.get(userId);
    return c.json({ refreshedAt: record?.refreshedAt ?? null, expiresAt: (session.tokens?.accessToken.payload.exp ?? 0) * 1000 });
  });

  app.post('/api/sign-out', async (c) => {
    const sid = getCookie(c, COOKIE);
    const userId = await userOf(c);
    if (sid) await sessionIds.remove(sid);
    deleteCookie(c, COOKIE, { path: '/', secure: true });
    if (!userId) return c.json({ revoked: false });
    const out = await signOut(auth, { userId });
    return c.json({ revoked: out.revoked });
  });
  return app;
}

/** The page's script (served from 'self' under the CSP). */
const PAGE_SCRIPT = `
const $ = (id) => document.getElementById(id);
let flowId;
async function call(path, body) {
  const r = await fetch(path, { method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await r.json();
  $('out').textContent = r.status + ' (' + r.headers.get('x-instance') + ') ' + JSON.stringify(json, null, 2);
  return json;
}
$('start').onsubmit = async (e) => { e.preventDefault(); const r = await call('/api/sign-in', { username: $('username').value, password: $('password').value }); flowId = r.flowId; };
$('answer').onsubmit = async (e) => { e.preventDefault(); if (flowId) await call('/api/sign-in/' + flowId, { answer: $('code').value }); };
$('session').onclick = () => call('/api/session');
$('refresh').onclick = () => call('/api/refresh', {});
$('signout').onclick = () => call('/api/sign-out', {});
`;
