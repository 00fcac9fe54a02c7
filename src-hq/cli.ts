/**
 * HQ command line entry: `npm run hq -- <command>` (package.json: "hq": "tsx src-hq/cli.ts").
 * Commands are in commands.ts (and docs/sync-protocol.md §9).
 */
import { isUsageError, runCommand } from './commands';

const io = {
  env: process.env,
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
};

runCommand(process.argv.slice(2), io).then(
  (server) => {
    if (!server) return;
    const shutdown = () => {
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  },
  (e: unknown) => {
    if (isUsageError(e)) {
      io.err(`error: ${(e as Error).message}`);
      process.exit(2);
    }
    io.err(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
