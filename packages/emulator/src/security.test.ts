// Security semantics: code guessing stops, unknown users look like real ones, malformed
// input is refused before it changes anything, helper routes answer only named origins.
import {
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  VerifyUserAttributeCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from './index.js';
import { failure, withEmulator } from './test-support/harness.js';
import { SrpClientSession } from './test-support/srp-client.js';

const POOL = 'us-east-1_security';
const EMAIL_POOL = 'us-east-1_secmail';
const PASSWORD = 'Passw0rd!';
const PAGE = 'http://localhost:5173';
const SIGV4 = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd';

let emu: Emulator;
let cognito: CognitoIdentityProviderClient;

beforeAll(async () => {
  ({ emu, cognito } = await withEmulator({
    corsOrigins: [PAGE],
    config: {
      pools: [
        {
          id: POOL,
          clients: [{ id: 'sec-client' }, { id: 'sec-prevent', preventUserExistenceErrors: true }],
          users: [
            { username: 'alice', password: PASSWORD, attributes: { email: 'alice@example.com' } },
            { username: 'bob', password: PASSWORD, attributes: { email: 'bob@example.com' } },
            { username: 'carol', password: PASSWORD, attributes: { email: 'carol@example.com' } },
          ],
        },
        { id: EMAIL_POOL, usernameAttributes: ['email'], clients: [{ id: 'mail-prevent', preventUserExistenceErrors: true }] },
      ],
    },
  }));
});
afterAll(() => emu.close());

function post(body: string | Uint8Array<ArrayBuffer>, op: string, headers: Record<string, string> = {}) {
  return fetch(emu.endpoint + '/', { method: 'POST', body, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${op}`, ...headers } });
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('wrong codes are counted', () => {
  it('ConfirmForgotPassword: 5 wrong codes spend the code (LimitExceeded, then ExpiredCode); a new code works', async () => {
    await cognito.send(new ForgotPasswordCommand({ ClientId: 'sec-client', Username: 'alice' }));
    const code = emu.outbox.last({ username: 'alice', purpose: 'FORGOT_PASSWORD' })!.code;
    const attempt = (c: string) => failure(cognito.send(new ConfirmForgotPasswordCommand({ ClientId: 'sec-client', Username: 'alice', ConfirmationCode: c, Password: 'N3w-Passw0rd' })));
    for (let i = 0; i < 4; i++) expect((await attempt(wrong(code))).name).toBe('CodeMismatchException');
    expect(await attempt(wrong(code))).toMatchObject({ name: 'LimitExceededException', message: 'Attempt limit exceeded, please try after some time.' });
    // The right code no longer resets the password.
    expect((await attempt(code)).name).toBe('LimitExceededException');
    emu.clock.advance(16 * 60_000);
    expect((await attempt(code)).name).toBe('ExpiredCodeException');
    await cognito.send(new ForgotPasswordCommand({ ClientId: 'sec-client', Username: 'alice' }));
    const fresh = emu.outbox.last({ username: 'alice', purpose: 'FORGOT_PASSWORD' })!.code;
    await cognito.send(new ConfirmForgotPasswordCommand({ ClientId: 'sec-client', Username: 'alice', ConfirmationCode: fresh, Password: 'N3w-Passw0rd' }));
  });

  it('ConfirmSignUp and VerifyUserAttribute stop after 5 wrong codes too', async () => {
    await cognito.send(new SignUpCommand({ ClientId: 'sec-client', Username: 'dave', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'dave@example.com' }] }));
    const code = emu.outbox.last({ username: 'dave', purpose: 'SIGN_UP' })!.code;
    const confirm = (c: string) => failure(cognito.send(new ConfirmSignUpCommand({ ClientId: 'sec-client', Username: 'dave', ConfirmationCode: c })));
    for (let i = 0; i < 4; i++) expect((await confirm(wrong(code))).name).toBe('CodeMismatchException');
    // Four wrong codes still leave the flow usable.
    await cognito.send(new ConfirmSignUpCommand({ ClientId: 'sec-client', Username: 'dave', ConfirmationCode: code }));

    await cognito.send(new SignUpCommand({ ClientId: 'sec-client', Username: 'dan', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'dan@example.com' }] }));
    const other = emu.outbox.last({ username: 'dan', purpose: 'SIGN_UP' })!.code;
    const confirmDan = (c: string) => failure(cognito.send(new ConfirmSignUpCommand({ ClientId: 'sec-client', Username: 'dan', ConfirmationCode: c })));
    for (let i = 0; i < 4; i++) await confirmDan(wrong(other));
    expect((await confirmDan(wrong(other))).name).toBe('LimitExceededException');
    expect((await confirmDan(other)).name).toBe('LimitExceededException');
  });

  it('VerifyUserAttribute: LimitExceededException after 5 wrong codes, the right one included', async () => {
    const signIn = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'sec-client', AuthParameters: { USERNAME: 'bob', PASSWORD } }));
    const AccessToken = signIn.AuthenticationResult!.AccessToken!;
    await cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
    const code = emu.outbox.last({ username: 'bob', purpose: 'VERIFY_ATTRIBUTE' })!.code;
    const verify = (c: string) => failure(cognito.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: c })));
    for (let i = 0; i < 4; i++) expect((await verify(wrong(code))).name).toBe('CodeMismatchException');
    expect((await verify(wrong(code))).name).toBe('LimitExceededException');
    expect((await verify(code)).name).toBe('LimitExceededException');
  });
});

describe('PreventUserExistenceErrors: unknown users answer as real ones', () => {
  async function start(clientId: string, username: string) {
    const srp = new SrpClientSession(clientId === 'mail-prevent' ? EMAIL_POOL : POOL);
    const first = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, SRP_A: srp.srpA } }));
    return { srp, first };
  }

  it('USER_ID_FOR_SRP is an internal-looking id, stable per name, in an email-username pool', async () => {
    await cognito.send(new SignUpCommand({ ClientId: 'mail-prevent', Username: 'erin@example.com', Password: PASSWORD }));
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const real = (await start('mail-prevent', 'erin@example.com')).first.ChallengeParameters!;
    const ghost1 = (await start('mail-prevent', 'ghost@example.com')).first.ChallengeParameters!;
    const ghost2 = (await start('mail-prevent', 'ghost@example.com')).first.ChallengeParameters!;
    expect(real.USER_ID_FOR_SRP).toMatch(uuid);
    expect(ghost1.USER_ID_FOR_SRP).toMatch(uuid);
    expect(ghost1.USER_ID_FOR_SRP).toBe(ghost2.USER_ID_FOR_SRP);
    expect(ghost1.USERNAME).toBe(ghost1.USER_ID_FOR_SRP);
    expect(ghost1.SALT).toBe(ghost2.SALT);
    expect(Object.keys(ghost1).sort()).toEqual(Object.keys(real).sort());
  });

  it('a claim without signature, a malformed TIMESTAMP and a wrong ChallengeName get the same answers', async () => {
    const answers = async (username: string) => {
      const out: string[] = [];
      const variants: [string, (p: Record<string, string>, claim: Record<string, string>) => Record<string, string>][] = [
        ['PASSWORD_VERIFIER', (p, claim) => ({ USERNAME: p.USER_ID_FOR_SRP!, PASSWORD_CLAIM_SECRET_BLOCK: claim.PASSWORD_CLAIM_SECRET_BLOCK!, TIMESTAMP: claim.TIMESTAMP! })],
        ['PASSWORD_VERIFIER', (p, claim) => ({ ...claim, USERNAME: p.USER_ID_FOR_SRP!, TIMESTAMP: '2024-08-06T09:05:03Z' })],
        ['SMS_MFA', (p, claim) => ({ ...claim, USERNAME: p.USER_ID_FOR_SRP! })],
        ['PASSWORD_VERIFIER', (p, claim) => ({ ...claim, USERNAME: p.USER_ID_FOR_SRP! })],
      ];
      for (const [name, build] of variants) {
        const { srp, first } = await start('sec-prevent', username);
        const claim = srp.claim(first.ChallengeParameters!, 'Wr0ng-password!') as Record<string, string>;
        const f = await failure(cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'sec-prevent', ChallengeName: name as 'SMS_MFA', Session: first.Session, ChallengeResponses: build(first.ChallengeParameters!, claim) })));
        out.push(`${f.name}: ${f.message}`);
      }
      return out;
    };
    const real = await answers('carol');
    const ghost = await answers('nobody-at-all');
    expect(ghost).toEqual(real);
    expect(real[0]).toMatch(/^InvalidParameterException/);
    expect(real[3]).toBe('NotAuthorizedException: Incorrect username or password.');
  });

  it("an unknown user's USER_PASSWORD_AUTH costs about what a real user's does", async () => {
    const time = async (username: string) => {
      const runs: number[] = [];
      for (let i = 0; i < 15; i++) {
        // 16 quiet minutes: the real user's wrong passwords must not lock it out (a locked
        // user is refused before the password is checked).
        emu.clock.advance(16 * 60_000);
        const t = process.hrtime.bigint();
        await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'sec-prevent', AuthParameters: { USERNAME: username, PASSWORD: `Wr0ng-${i}` } })));
        runs.push(Number(process.hrtime.bigint() - t));
      }
      return runs.sort((a, b) => a - b)[7]!;
    };
    await time('nobody');
    const real = await time('carol');
    const ghost = await time('nobody');
    // Without the dummy hash the unknown user answered in a third of the time.
    expect(ghost / real).toBeGreaterThan(0.6);
  });
});

describe('malformed input is refused before it changes anything', () => {
  it('wrong-typed members answer SerializationException', async () => {
    const r = await post(JSON.stringify({ ClientId: 'sec-client', Username: 'x', Password: 123456 }), 'SignUp');
    expect(r.status).toBe(400);
    expect(((await r.json()) as { __type: string }).__type).toBe('SerializationException');
  });

  it('attribute values over 2,048 characters are refused', async () => {
    const f = await failure(cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: POOL, Username: 'bob', UserAttributes: [{ Name: 'name', Value: 'x'.repeat(2049) }] })));
    expect(f.name).toBe('InvalidParameterException');
    await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: POOL, Username: 'bob', UserAttributes: [{ Name: 'name', Value: 'x'.repeat(2048) }] }));
    const g = await failure(cognito.send(new SignUpCommand({ ClientId: 'sec-client', Username: 'frank', Password: PASSWORD, UserAttributes: [{ Name: 'name', Value: 'y'.repeat(900_000) }] })));
    expect(g.name).toBe('InvalidParameterException');
  });

  it('invalid UTF-8 is refused, not folded into U+FFFD', async () => {
    const body = new Uint8Array(Buffer.concat([Buffer.from('{"ClientId":"sec-client","Username":"gina","Password":"Passw0rd!'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]));
    const r = await post(body, 'SignUp');
    expect(r.status).toBe(400);
    expect(((await r.json()) as { __type: string }).__type).toBe('SerializationException');
    expect((await failure(cognito.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'gina' })))).name).toBe('UserNotFoundException');
  });

  it('2,000 levels of nesting answer 400 and leave the pool as it was', async () => {
    const deep = '{"a":'.repeat(2000) + '1' + '}'.repeat(2000);
    const r = await post(`{"UserPoolId":"${POOL}","MfaConfiguration":"ON","SoftwareTokenMfaConfiguration":{"Enabled":true},"SmsMfaConfiguration":${deep}}`, 'SetUserPoolMfaConfig', { authorization: SIGV4 });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { __type: string }).__type).toBe('SerializationException');
    expect((await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: POOL }))).MfaConfiguration).toBe('OFF');
  });

  it('GET /%ZZ/.well-known/jwks.json answers 404', async () => {
    const r = await fetch(`${emu.endpoint}/%ZZ/.well-known/jwks.json`);
    expect(r.status).toBe(404);
  });
});

describe('CORS: admin operations and helper routes answer only named origins', () => {
  it('helper routes: 403 without CORS for other origins, the origin echoed for named ones', async () => {
    const evil = await fetch(`${emu.endpoint}/_emulator/pools`, { headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const before = emu.clock.now();
    const clock = await fetch(`${emu.endpoint}/_emulator/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 3_600_000 }), headers: { origin: 'https://evil.example', 'content-type': 'text/plain' } });
    expect(clock.status).toBe(403);
    expect(emu.clock.now() - before).toBeLessThan(3_600_000);
    const ok = await fetch(`${emu.endpoint}/_emulator/pools`, { headers: { origin: PAGE } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(PAGE);
    const pre = await fetch(`${emu.endpoint}/_emulator/totp`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    // Without an Origin (a test, curl) the helpers answer.
    expect((await fetch(`${emu.endpoint}/_emulator/pools`)).status).toBe(200);
    // A page started later can be named then.
    emu.allowCorsOrigin('http://127.0.0.1:4000');
    expect((await fetch(`${emu.endpoint}/_emulator/pools`, { headers: { origin: 'http://127.0.0.1:4000' } })).status).toBe(200);
  });

  it('admin operations: refused from other origins before acting, and unsigned; public ones stay open', async () => {
    const body = JSON.stringify({ UserPoolId: POOL, Username: 'bob', UserAttributes: [{ Name: 'name', Value: 'pwned' }] });
    const evil = await post(body, 'AdminUpdateUserAttributes', { origin: 'https://evil.example', authorization: SIGV4 });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const unsigned = await post(body, 'AdminUpdateUserAttributes');
    expect(((await unsigned.json()) as { __type: string }).__type).toBe('MissingAuthenticationTokenException');
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: POOL, Username: 'bob' }));
    expect(user.UserAttributes?.find((a) => a.Name === 'name')?.Value).not.toBe('pwned');
    const named = await post(JSON.stringify({ UserPoolId: POOL, Username: 'bob' }), 'AdminGetUser', { origin: PAGE, authorization: SIGV4 });
    expect(named.status).toBe(200);
    expect(named.headers.get('access-control-allow-origin')).toBe(PAGE);
    const open = await post(JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'sec-client', AuthParameters: { USERNAME: 'carol', PASSWORD } }), 'InitiateAuth', { origin: 'https://any.example' });
    expect(open.headers.get('access-control-allow-origin')).toBe('*');
  });
});
