/**
 * `nextstep-emulator --port 9229 [--config pool.json] [--host 127.0.0.1] [--issuer aws] [--verbose]`:
 * starts the emulator, prints endpoint, pools and clients, and each code it "sends".
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './emulator.js';

const USAGE = `Usage: nextstep-emulator [--port 9229] [--host 127.0.0.1] [--config pool.json] [--issuer emulator|aws] [--data DIR] [--cors-origin ORIGIN]... [--verbose]

  --port     port to listen on (default 9229; 0 picks a free port)
  --host     interface to listen on (default 127.0.0.1)
  --config   JSON or JS config file seeding pools, clients and users
  --issuer   token issuer: emulator (default, http://HOST:PORT/<pool>) or aws
             (https://cognito-idp.<region>.amazonaws.com/<pool>; keys stay at
             http://HOST:PORT/<pool>/.well-known/jwks.json)
  --data     directory keeping pools, clients and users across restarts
  --cors-origin  a web origin (http://localhost:5173) whose pages may call admin
                 operations and /_emulator/*; repeat for more (others get 403)
  --verbose  print one line per request
`;

/** Runs the CLI with `argv` (without node and the script); resolves once listening. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '9229' },
        host: { type: 'string', default: '127.0.0.1' },
        config: { type: 'string' },
        issuer: { type: 'string' },
        'cors-origin': { type: 'string', multiple: true },
        data: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be an integer from 0 to 65535\n`);
    process.exitCode = 2;
    return;
  }
  if (values.issuer !== undefined && values.issuer !== 'aws' && values.issuer !== 'emulator') {
    process.stderr.write(`--issuer must be emulator or aws\n`);
    process.exitCode = 2;
    return;
  }
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const emu = await startEmulator({
    port,
    host: values.host,
    config: values.config,
    issuer: values.issuer as 'aws' | 'emulator' | undefined,
    corsOrigins: values['cors-origin'],
    dataDir: values.data,
    log: values.verbose ? (line) => out(`[request] ${line}`) : undefined,
    // The outbox is the emulator's phone and mailbox: printing codes here is its purpose.
    onMessage: (m) => out(`[${m.medium.toLowerCase()}] ${m.purpose} to ${m.destination || '(no destination)'} (user ${m.username}, pool ${m.userPoolId}): ${m.code}`),
  });
  out(`nextstep emulator listening on ${emu.endpoint}`);
  for (const pool of emu.pools()) {
    out(`  pool ${pool.userPoolId} (${pool.name})`);
    for (const c of pool.clients) out(`    client ${c.clientId} (${c.name})${c.clientSecret ? ' with a secret: GET /_emulator/pools shows it' : ''}`);
  }
  if (emu.pools().length === 0) out('  no pools yet: create them with CreateUserPool / CreateUserPoolClient');
  const stop = () => {
    void emu.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
