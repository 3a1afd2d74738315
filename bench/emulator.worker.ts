// Worker thread of bench/emulator.bench.ts: runs `concurrency` SRP sign-in loops against the
// emulator for `durationMs`, computing the client side of SRP here so the server thread only
// does server work. Reports counts and latencies to the parent.
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { SrpClientSession } from '../packages/emulator/src/test-support/srp-client.js';

interface Data {
  endpoint: string;
  userPoolId: string;
  clientId: string;
  users: { username: string; password: string }[];
  concurrency: number;
  durationMs: number;
}
const data = workerData as Data;
const agent = new Agent({ keepAlive: true, maxSockets: data.concurrency });
const url = new URL(data.endpoint);

function call(op: string, body: unknown): Promise<Record<string, any>> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: '/', method: 'POST', agent, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${op}`, 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          if (res.statusCode !== 200) reject(new Error(json.__type));
          else resolve(json);
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function signIn(user: { username: string; password: string }): Promise<void> {
  const srp = new SrpClientSession(data.userPoolId);
  const first = await call('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: data.clientId, AuthParameters: { USERNAME: user.username, SRP_A: srp.srpA } });
  const responses = srp.claim(first.ChallengeParameters, user.password);
  const second = await call('RespondToAuthChallenge', { ClientId: data.clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: first.Session, ChallengeResponses: responses });
  if (!second.AuthenticationResult?.AccessToken) throw new Error('no tokens');
}

const latencies: number[] = [];
let failures = 0;
const deadline = Date.now() + data.durationMs;
await Promise.all(
  Array.from({ length: data.concurrency }, async (_, i) => {
    let n = i;
    while (Date.now() < deadline) {
      const user = data.users[n++ % data.users.length]!;
      const t = performance.now();
      try {
        await signIn(user);
        latencies.push(performance.now() - t);
      } catch {
        failures++;
      }
    }
  }),
);
agent.destroy();
parentPort!.postMessage({ latencies, failures });
