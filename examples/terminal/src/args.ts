/**
 * Command-line arguments of the terminal app. Pure: parsed and checked here, so a mistake
 * is reported before anything starts.
 */

/** What the app was asked to do. */
export type AppArgs =
  | { mode: 'help' }
  | { mode: 'demo' }
  | { mode: 'interactive'; target: { kind: 'emulator' } }
  | {
      mode: 'interactive';
      target: { kind: 'remote'; endpoint?: string; region: string; userPoolId: string; clientId: string; clientSecret?: string };
    };

/** A command line the app cannot run. The message says what is wrong; never carries values of secrets. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Usage text printed by `--help` and after a {@link UsageError}. */
export const USAGE = `nextstep terminal sign-in

Usage:
  npm start                         sign in interactively against the embedded emulator (demo users)
  npm start -- --demo               sign in every demo user unattended and print a transcript
  npm start -- --user-pool-id ID --client-id ID [--client-secret S] [--endpoint URL] [--region R]
                                    sign in against any Cognito-compatible endpoint; without
                                    --endpoint the region's public Cognito endpoint is used
  npm start -- --help               this text

Options:
  --demo                 unattended run of every demo user (exit code 1 if one fails)
  --endpoint URL         Cognito-compatible endpoint (http or https)
  --user-pool-id ID      user pool id, e.g. us-east-1_AbCdEfGhI
  --client-id ID         app client id
  --client-secret S      app client secret, when the client has one
  --region R             AWS region (default: the prefix of the user pool id)
  -h, --help             show this help
`;

const VALUE_FLAGS = new Set(['--endpoint', '--user-pool-id', '--client-id', '--client-secret', '--region']);
const POOL_ID = /^([\w-]+)_[0-9a-zA-Z]+$/;

/** Parses `process.argv.slice(2)`; throws {@link UsageError} on a bad command line. */
export function parseArgs(argv: readonly string[]): AppArgs {
  const values = new Map<string, string>();
  let demo = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    if (flag === '--help' || flag === '-h') help = true;
    else if (flag === '--demo') demo = true;
    else if (VALUE_FLAGS.has(flag)) {
      const value = eq > 0 && raw.startsWith('--') ? raw.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
        throw new UsageError(`${flag} needs a value.`);
      }
      if (values.has(flag)) throw new UsageError(`${flag} is given twice.`);
      values.set(flag, value);
    } else {
      throw new UsageError(`Unknown argument ${JSON.stringify(flag.length > 40 ? flag.slice(0, 40) + '…' : flag)}.`);
    }
  }
  if (help) return { mode: 'help' };
  if (demo) {
    if (values.size > 0) throw new UsageError('--demo runs the embedded emulator; it takes no endpoint or pool options.');
    return { mode: 'demo' };
  }
  if (values.size === 0) return { mode: 'interactive', target: { kind: 'emulator' } };

  const userPoolId = values.get('--user-pool-id');
  const clientId = values.get('--client-id');
  if (!userPoolId || !clientId) {
    throw new UsageError('--user-pool-id and --client-id are both required to use a remote endpoint.');
  }
  const pool = POOL_ID.exec(userPoolId);
  if (!pool) throw new UsageError('--user-pool-id must look like <region>_<id>, e.g. us-east-1_AbCdEfGhI.');
  if (!/^[\w+]+$/.test(clientId)) throw new UsageError('--client-id may only contain letters, digits, _ and +.');
  const endpoint = values.get('--endpoint');
  if (endpoint !== undefined) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new UsageError('--endpoint must be a URL, e.g. http://127.0.0.1:9229.');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError('--endpoint must be an http or https URL.');
  }
  const region = values.get('--region') ?? pool[1]!;
  const clientSecret = values.get('--client-secret');
  return {
    mode: 'interactive',
    target: {
      kind: 'remote',
      region,
      userPoolId,
      clientId,
      ...(endpoint !== undefined ? { endpoint } : {}),
      ...(clientSecret !== undefined ? { clientSecret } : {}),
    },
  };
}
