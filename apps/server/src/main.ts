/**
 * The Parley process entry (`node parley.mjs <command>`, `node apps/server/dist/main.mjs <command>`): hands
 * the arguments to the command line, which serves by default. Process concerns live in `cli/serve.ts`.
 */
import { runCli } from './cli/cli';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() }).then(
  (result) => {
    if (result !== 'serving') process.exitCode = result;
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
