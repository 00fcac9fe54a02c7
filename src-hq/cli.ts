/**
 * HQ command line entry: `npm run hq -- <command>` in a checkout (tsx), `node hq.mjs <command>`
 * in the built bundle. Commands are in commands.ts; `help` lists them.
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
    let stopping = false;
    const shutdown = (signal: NodeJS.Signals) => {
      if (stopping) {
        io.err(`${signal} again: stopping now without waiting`);
        process.exit(1);
      }
      stopping = true;
      io.out(`${signal}: finishing requests in flight, then closing the database`);
      const timer = setTimeout(() => {
        io.err(`requests still running after ${server.shutdownTimeoutMs} ms: stopping anyway`);
        process.exit(1);
      }, server.shutdownTimeoutMs);
      timer.unref();
      server.close().then(
        () => {
          io.out('HQ stopped');
          process.exit(0);
        },
        (e: unknown) => {
          io.err(`error while stopping: ${e instanceof Error ? e.message : String(e)}`);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
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
