/**
 * What every `parley` command shares: its help text, the input/output it may use (injected, so tests run
 * commands in-process), argument parsing that turns every mistake into a usage error (exit code 2), and
 * the password prompt.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Where a command reads and writes; the real process in `main.ts`, buffers in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  env: Record<string, string | undefined>;
  cwd: string;
}

/** A command's result: an exit code, or `serving` when the process keeps running (serve). */
export type CommandResult = number | 'serving';

export interface Command {
  name: string;
  /** One line for `parley help`. */
  summary: string;
  /** The full `--help` text, starting with the usage line. */
  usage: string;
  run(args: string[], io: CliIo): Promise<CommandResult>;
}

/** Wrong usage: the message says what was expected; the command prints its usage and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A command failed for a reason the operator can fix (exit code 1, no stack trace). */
export class CommandError extends Error {
  override name = 'CommandError';
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `args` strictly. Returns null when `--help` was asked for (the usage is printed); throws
 * UsageError for unknown options, missing values or the wrong number of positional arguments.
 */
export function parseCommand<T extends Options>(
  command: Command,
  args: string[],
  io: CliIo,
  options: T,
  positionals: { min: number; max: number; names?: string } = { min: 0, max: 0 },
) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout.write(`${command.usage}\n`);
    return null;
  }
  const count = parsed.positionals.length;
  if (count < positionals.min) throw new UsageError(`Missing ${positionals.names ?? 'argument'}.`);
  if (count > positionals.max) throw new UsageError(`Unexpected argument "${parsed.positionals[positionals.max]}".`);
  return parsed as { values: { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string }; positionals: string[] };
}

/** Requires an option that parseArgs leaves optional. */
export function required(value: string | undefined, option: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`Missing --${option}.`);
  return value.trim();
}

export const MIN_PASSWORD = 8;

/**
 * The new password: `--password` when given; else asked twice without echo on a terminal; else the first
 * line of stdin (for scripts: `echo "$PW" | parley reset-password ana@shop.example`).
 */
export async function readPassword(io: CliIo, given: string | undefined): Promise<string> {
  let password: string;
  if (given !== undefined) {
    password = given;
  } else if (io.stdin.isTTY && io.stdin.setRawMode) {
    password = await askHidden(io, 'New password: ');
    const again = await askHidden(io, 'Repeat it: ');
    if (again !== password) throw new CommandError('The two passwords differ; nothing was changed.');
  } else {
    let text = '';
    for await (const chunk of io.stdin) text += String(chunk);
    password = text.split(/\r?\n/)[0] ?? '';
  }
  if (password.length < MIN_PASSWORD) throw new CommandError(`The password must have at least ${MIN_PASSWORD} characters; nothing was changed.`);
  if (password.length > 256) throw new CommandError('The password must have at most 256 characters; nothing was changed.');
  return password;
}

function askHidden(io: CliIo, prompt: string): Promise<string> {
  const input = io.stdin as NodeJS.ReadStream;
  io.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      io.stderr.write('\n');
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of String(chunk)) {
        if (char === '\r' || char === '\n') return (finish(), resolve(value));
        if (char === '\u0003' || char === '\u0004') return (finish(), reject(new CommandError('Cancelled; nothing was changed.')));
        value = char === '\u007f' || char === '\b' ? value.slice(0, -1) : value + char;
      }
    };
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.resume();
  });
}
