/** Reading a JSON request body strictly: valid UTF-8 only, bounded nesting, an object at the top. */

/** Deepest nesting accepted; Cognito's shapes are a few levels deep. */
export const MAX_JSON_DEPTH = 64;

/** Why a body was refused (SerializationException's message). */
export class BodyError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a body as a JSON object. Invalid UTF-8 is refused rather than folded into U+FFFD
 * (which would change what a password or code is), and so is nesting deeper than
 * {@link MAX_JSON_DEPTH}, before anything acts on it.
 */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new BodyError('Request body is not valid UTF-8.');
  }
  if (depthOf(text) > MAX_JSON_DEPTH) throw new BodyError(`Request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    throw new BodyError('Start of structure or map found where not expected.');
  }
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new BodyError('Start of structure or map found where not expected.');
  return input as Record<string, unknown>;
}

/** The deepest bracket nesting of JSON text, outside strings (one linear pass, no recursion). */
function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}
