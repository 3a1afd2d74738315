/**
 * An opt-in transport for Node (`@nextstep/core/node-http-transport`): the fetch transport's wire, policy and
 * errors over `node:http` / `node:https` with Node's keep-alive agents. Node's `fetch`
 * (undici) costs about 1.5 ms more CPU per sign-in and about 1 KB more heap per parked flow
 * (web streams, a Request/Response pair, an abort listener held until finalisation and a
 * resource-timing entry per call); see bench/client.bench.ts. Never in browser bundles.
 * Node's default stays the fetch transport, as in browsers (default-node.ts).
 * @module
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AuthError } from '../errors.js';
import type { CognitoTransport } from '../types.js';
import type { TransportSendOptions } from './call-options.js';
import { incompleteResponse, networkCode, networkError, redirectRefused } from './errors.js';
import { checkPlace, checkSend, placeOf, type FetchTransportOptions } from './fetch.js';
import { configError, policyOf, runCall } from './policy.js';
import { answerOf } from './wire.js';

/** Options of {@link createNodeHttpTransport}: those of the fetch transport, without `fetch`. */
export type NodeHttpTransportOptions = Omit<FetchTransportOptions, 'fetch'>;

const one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** One attempt over node:http(s), with the fetch transport's answers and errors (wire.ts). */
export function postJsonNode(url: URL, operation: string, body: string, signal: AbortSignal, attempts: number): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
          'content-length': Buffer.byteLength(body),
        },
        signal,
      },
      (res: IncomingMessage) => {
        answered = true;
        const status = res.statusCode ?? 0;
        const f = { operation, attempts, httpStatusCode: status, requestId: one(res.headers['x-amzn-requestid']) || undefined };
        // node:http never follows a redirect; one is not Cognito's answer (and the body it
        // asks to re-send carries secrets).
        if (status >= 300 && status < 400) {
          res.resume();
          reject(redirectRefused(f));
          return;
        }
        const chunks: Buffer[] = [];
        let length = 0;
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          length += chunk.length;
        });
        res.on('error', (error) => reject(signal.aborted ? error : incompleteResponse(f, networkCode(error))));
        res.on('close', () => {
          if (!res.complete) reject(signal.aborted ? signal.reason : incompleteResponse(f, 'ECONNRESET'));
        });
        res.on('end', () => {
          const declared = one(res.headers['content-length']);
          if (declared !== undefined && /^\d+$/.test(declared) && length < Number(declared)) {
            reject(incompleteResponse(f));
            return;
          }
          try {
            resolve(answerOf(f, chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, length).toString('utf8'), (name) => one(res.headers[name])));
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on('error', (error) => {
      if (signal.aborted) reject(error);
      else reject(answered ? incompleteResponse({ operation, attempts, httpStatusCode: 0 }, networkCode(error)) : networkError({ operation, attempts }, url.host, error));
    });
    req.end(body);
  });
}

/**
 * Creates a {@link CognitoTransport} over node:http(s) with keep-alive: the same options,
 * call policy (deadline, cancellation, retries, `Retry-After`), refusal of redirects and
 * AuthErrors as `createFetchTransport` (from `@nextstep/core`). Node-only (Bun and Deno have node:http too).
 */
export function createNodeHttpTransport(options: NodeHttpTransportOptions = {}): CognitoTransport {
  if (typeof options !== 'object') throw configError('options must be an object.');
  options ??= {};
  const own = checkPlace(options);
  const policy = policyOf(options);
  // The endpoint rarely changes: parse it once.
  let lastUrl = '';
  let lastParsed: URL | undefined;
  return {
    async send(operation, input, callOptions?: TransportSendOptions) {
      checkSend(operation, input, callOptions);
      const url = placeOf(own, callOptions, operation);
      if (url !== lastUrl || lastParsed === undefined) {
        lastParsed = new URL(url);
        lastUrl = url;
      }
      const target = lastParsed;
      const body = JSON.stringify(input);
      return runCall(operation, policy, callOptions, (signal, n) => postJsonNode(target, operation, body, signal, n));
    },
  };
}
