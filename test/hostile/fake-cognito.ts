// A small hostile Cognito for the tests: a node:http server on 127.0.0.1 (free port) that
// behaves like Cognito for one SMS-MFA user (sessions are single-use, a wrong code keeps the
// session) and, on demand, misbehaves: resets, hangs, truncated or HTML bodies, redirects,
// throttling with Retry-After, malformed challenge parameters and wrong types.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const USERNAME = 'mallory-target';
export const PASSWORD = 'Pa55-word-that-must-not-leak!';
export const CODE = '246813';
// JWT-shaped like Cognito's (core's sessions layer reads the payload at DONE); unsigned: the
// client never verifies. Each still carries a marker the leak checks look for.
const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const jwt = (use: string, marker: string) =>
  `${b64url({ alg: 'none', kid: 'hostile' })}.${b64url({ sub: 'hostile-sub-0001', username: USERNAME, token_use: use, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 })}.${marker}`;
export const TOKENS = {
  AccessToken: jwt('access', 'access-token-must-not-leak'),
  IdToken: jwt('id', 'id-token-must-not-leak'),
  RefreshToken: 'refresh-token-must-not-leak',
  ExpiresIn: 3600,
  TokenType: 'Bearer',
};

/** How one request is mishandled. `after`: Cognito processes the request, then the answer is spoiled. */
export type Fault =
  | { op?: string; kind: 'reset'; after?: boolean }
  | { op?: string; kind: 'hang'; after?: boolean }
  | { op?: string; kind: 'truncate'; after?: boolean }
  | { op?: string; kind: 'html'; status?: number }
  | { op?: string; kind: 'redirect'; status?: number }
  | { op?: string; kind: 'throttle'; retryAfter: string }
  | { op?: string; kind: 'status'; status: number; type: string }
  | { op?: string; kind: 'json'; body: unknown; status?: number }
  | { op?: string; kind: 'raw'; text: string; status?: number; headers?: Record<string, string> };

export interface Recorder {
  url: string;
  hits: { body: string }[];
  close(): Promise<void>;
}

export interface FakeCognito {
  url: string;
  /** Faults applied in order to the next matching requests. */
  faults: Fault[];
  /** Every request that arrived: operation, raw body, time (ms). */
  calls: { op: string; body: string; at: number }[];
  /** The PASSWORD_VERIFIER parameters InitiateAuth (USER_SRP_AUTH) answers with. */
  srpParameters: Record<string, unknown> | unknown;
  /** Sessions Cognito processed successfully (each works once). */
  readonly spent: Set<string>;
  /** A second server a redirect points to; records whether it was reached. */
  redirectTarget: Recorder;
  close(): Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function tracked(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return sockets;
}

async function stop(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function startRecorder(): Promise<Recorder> {
  const hits: { body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      hits.push({ body });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ AuthenticationResult: { AccessToken: jwt('access', 'attacker-token'), ExpiresIn: 3600, TokenType: 'Bearer' } }));
    });
  });
  const sockets = tracked(server);
  const url = await listen(server);
  return { url, hits, close: () => stop(server, sockets) };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'content-length': String(Buffer.byteLength(text)), 'x-amzn-requestid': randomBytes(8).toString('hex'), ...headers });
  res.end(text);
}

const error = (name: string, message: string) => ({ status: 400, body: { __type: name, message } });

export async function startFakeCognito(): Promise<FakeCognito> {
  const redirectTarget = await startRecorder();
  const sessions = new Set<string>();
  const spent = new Set<string>();
  const fake: FakeCognito = {
    url: '',
    faults: [],
    calls: [],
    srpParameters: undefined,
    spent,
    redirectTarget,
    close: async () => {},
  };

  /** Cognito's own answer to a request. */
  function answer(op: string, input: Record<string, any>): { status: number; body: unknown } {
    if (op === 'InitiateAuth') {
      if (input.AuthFlow === 'USER_SRP_AUTH') {
        return { status: 200, body: { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: fake.srpParameters } };
      }
      if (input.AuthParameters?.PASSWORD !== PASSWORD) return error('NotAuthorizedException', 'Incorrect username or password.');
      const session = randomBytes(48).toString('base64');
      sessions.add(session);
      return { status: 200, body: { ChallengeName: 'SMS_MFA', Session: session, ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******0123', USER_ID_FOR_SRP: USERNAME } } };
    }
    if (op === 'RespondToAuthChallenge') {
      const session = input.Session as string;
      if (!sessions.has(session) || spent.has(session)) return error('NotAuthorizedException', 'Invalid session for the user, session can only be used once.');
      if (input.ChallengeResponses?.SMS_MFA_CODE !== CODE) return error('CodeMismatchException', 'Invalid code or auth state for the user.');
      spent.add(session);
      return { status: 200, body: { ChallengeParameters: {}, AuthenticationResult: TOKENS } };
    }
    return { status: 200, body: {} };
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c));
    req.on('end', () => {
      const op = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      fake.calls.push({ op, body: raw, at: Date.now() });
      let input: Record<string, any> = {};
      try {
        input = JSON.parse(raw || '{}');
      } catch {
        // answered as Cognito would not be asked
      }
      const i = fake.faults.findIndex((f) => f.op === undefined || f.op === op);
      const fault = i >= 0 ? fake.faults.splice(i, 1)[0]! : undefined;
      const processed = () => answer(op, input);
      if (!fault) {
        const { status, body } = processed();
        return send(res, status, body);
      }
      switch (fault.kind) {
        case 'reset':
          if (fault.after) processed();
          return req.socket.destroy();
        case 'hang':
          if (fault.after) processed();
          return; // never answers; the socket is destroyed on close
        case 'truncate': {
          const { status, body } = fault.after ? processed() : { status: 200, body: { ChallengeName: 'SMS_MFA', Session: 'truncated-session', ChallengeParameters: {} } };
          const text = JSON.stringify(body);
          res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'content-length': String(Buffer.byteLength(text) + 40) });
          res.write(text.slice(0, Math.floor(text.length / 2)));
          setTimeout(() => res.socket?.destroy(), 20);
          return;
        }
        case 'html':
          res.writeHead(fault.status ?? 200, { 'content-type': 'text/html' });
          return res.end('<html><body><h1>Sign in to the captive portal</h1></body></html>');
        case 'redirect':
          res.writeHead(fault.status ?? 307, { location: `${redirectTarget.url}/`, 'content-length': '0' });
          return res.end();
        case 'throttle':
          return send(res, 400, { __type: 'TooManyRequestsException', message: 'Rate exceeded' }, { 'retry-after': fault.retryAfter });
        case 'status':
          return send(res, fault.status, { __type: fault.type, message: `${fault.type} from the fake` });
        case 'json':
          return send(res, fault.status ?? 200, fault.body);
        case 'raw':
          res.writeHead(fault.status ?? 200, { 'content-type': 'application/x-amz-json-1.1', ...fault.headers });
          return res.end(fault.text);
      }
    });
  });
  const sockets = tracked(server);
  fake.url = await listen(server);
  fake.close = async () => {
    await stop(server, sockets);
    await redirectTarget.close();
  };
  return fake;
}
