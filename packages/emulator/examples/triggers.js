// Example Lambda triggers for the README's config: plain functions taking Cognito's events.

/** Custom auth: one CUSTOM_CHALLENGE after the password. */
export function define(event) {
  const session = event.request.session;
  const last = session[session.length - 1];
  if (session.length === 1 && last.challengeName === 'SRP_A') event.response.challengeName = 'PASSWORD_VERIFIER';
  else if (last && last.challengeName === 'CUSTOM_CHALLENGE') {
    event.response.issueTokens = last.challengeResult;
    event.response.failAuthentication = !last.challengeResult;
  } else event.response.challengeName = 'CUSTOM_CHALLENGE';
  return event;
}

export function create(event) {
  event.response.publicChallengeParameters = { question: 'What is 6 x 7?' };
  event.response.privateChallengeParameters = { answer: '42' };
  return event;
}

export function verify(event) {
  event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
  return event;
}

/** Pre sign-up: confirm and verify company addresses without a code. */
export function preSignUp(event) {
  if ((event.request.userAttributes.email ?? '').endsWith('@example.com')) {
    event.response.autoConfirmUser = true;
    event.response.autoVerifyEmail = true;
  }
  return event;
}

/** Pre token generation (V2_0): a claim in both tokens and a custom scope. */
export function preTokenGeneration(event) {
  event.response.claimsAndScopeOverrideDetails = {
    idTokenGeneration: { claimsToAddOrOverride: { tenant: 'demo' } },
    accessTokenGeneration: { claimsToAddOrOverride: { tenant: 'demo' }, scopesToAdd: ['demo/read'] },
  };
  return event;
}
