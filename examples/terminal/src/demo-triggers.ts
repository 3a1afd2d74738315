/**
 * The demo pool's custom-auth triggers: two rounds of CUSTOM_CHALLENGE, a captcha (a small
 * sum) and then a security question. Written as Cognito's Lambda triggers are: each receives
 * the trigger event and fills `event.response`.
 */

/** The security question the demo user `carl` answers, and its answer. */
export const SECURITY_QUESTION = 'What was the name of your first pet?';
/** The answer to {@link SECURITY_QUESTION} (compared case-insensitively). */
export const SECURITY_ANSWER = 'rex';
/** How many wrong answers a round tolerates before the sign-in fails. */
const MAX_WRONG_ANSWERS = 3;

interface SessionEntry {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata?: string;
}

interface TriggerEvent {
  request: {
    session?: SessionEntry[];
    challengeName?: string;
    privateChallengeParameters?: Record<string, string>;
    challengeAnswer?: string;
    userAttributes?: Record<string, string>;
  };
  response: Record<string, unknown>;
}

/** Define: SRP first (when used), then the captcha round, then the question round. */
export async function defineAuthChallenge(event: TriggerEvent): Promise<TriggerEvent> {
  const session = event.request.session ?? [];
  const last = session[session.length - 1];
  const custom = session.filter((entry) => entry.challengeName === 'CUSTOM_CHALLENGE');
  const passed = (round: string) => custom.some((e) => e.challengeMetadata === round && e.challengeResult);
  const wrong = custom.filter((e) => !e.challengeResult).length;

  if (last && last.challengeName === 'SRP_A') {
    event.response = { challengeName: 'PASSWORD_VERIFIER', issueTokens: false, failAuthentication: false };
  } else if (last && !last.challengeResult && last.challengeName !== 'CUSTOM_CHALLENGE') {
    // A wrong password (PASSWORD_VERIFIER) ends the sign-in.
    event.response = { issueTokens: false, failAuthentication: true };
  } else if (wrong >= MAX_WRONG_ANSWERS) {
    event.response = { issueTokens: false, failAuthentication: true };
  } else if (passed('CAPTCHA') && passed('QUESTION')) {
    event.response = { issueTokens: true, failAuthentication: false };
  } else {
    event.response = { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false };
  }
  return event;
}

/** Create: the captcha until it is solved, then the security question. */
export async function createAuthChallenge(event: TriggerEvent): Promise<TriggerEvent> {
  const session = event.request.session ?? [];
  const captchaSolved = session.some((e) => e.challengeMetadata === 'CAPTCHA' && e.challengeResult);
  // A wrong answer leads to a new round, not an error: say so in the next question.
  const last = session[session.length - 1];
  const retry = last !== undefined && last.challengeName === 'CUSTOM_CHALLENGE' && !last.challengeResult ? 'Not quite. ' : '';
  if (!captchaSolved) {
    const a = 2 + Math.floor(Math.random() * 8);
    const b = 2 + Math.floor(Math.random() * 8);
    event.response = {
      publicChallengeParameters: { challengeType: 'captcha', question: `${retry}What is ${a} + ${b}?` },
      privateChallengeParameters: { answer: String(a + b) },
      challengeMetadata: 'CAPTCHA',
    };
  } else {
    event.response = {
      publicChallengeParameters: { challengeType: 'security-question', question: `${retry}${SECURITY_QUESTION}` },
      privateChallengeParameters: { answer: SECURITY_ANSWER },
      challengeMetadata: 'QUESTION',
    };
  }
  return event;
}

/** Verify: trimmed, case-insensitive comparison with the private answer. */
export async function verifyAuthChallengeResponse(event: TriggerEvent): Promise<TriggerEvent> {
  const expected = event.request.privateChallengeParameters?.answer ?? '';
  const given = (event.request.challengeAnswer ?? '').trim().toLowerCase();
  event.response = { answerCorrect: expected !== '' && given === expected.toLowerCase() };
  return event;
}

/** Solves a captcha question of the form `What is A + B?` (the unattended demo uses it). */
export function solveCaptcha(question: string): string | undefined {
  const match = /(\d+)\s*\+\s*(\d+)/.exec(question);
  return match ? String(Number(match[1]) + Number(match[2])) : undefined;
}
