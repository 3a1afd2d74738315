/**
 * `npm start`: the terminal sign-in app. See `--help`.
 */
import { parseArgs, UsageError, USAGE } from './args.js';

// The AWS SDK warns on every start that future releases will need Node 22; on a terminal
// app that line lands in the middle of the prompts. The app supports Node 20.12+ today.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (args.mode === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.mode === 'demo') {
    const { runDemo } = await import('./demo.js');
    const result = await runDemo();
    return result.ok ? 0 : 1;
  }
  const { runInteractive } = await import('./interactive.js');
  await runInteractive(args.target);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Errors from our packages never carry secrets; print name and message only.
    const e = error as { name?: string; message?: string };
    process.stderr.write(`${e?.name ?? 'Error'}: ${e?.message ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
