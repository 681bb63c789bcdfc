/** For the CLI's tests: runs `parley …` in-process with captured output and a temp data folder. */
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { runCli } from './cli';
import type { CliIo, CommandResult } from './command';
import { tempDir } from '../../test/support/temp-dir';

export interface CliRun {
  code: CommandResult;
  stdout: string;
  stderr: string;
}

export function tempDataDir(): string {
  return tempDir('cli');
}

/** Runs the command line with `args`; `stdin` is piped (not a terminal). */
export async function cli(args: string[], options: { dataDir?: string; stdin?: string; cwd?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    env: options.dataDir ? { PARLEY_DATA_DIR: options.dataDir } : {},
    cwd: options.cwd ?? options.dataDir ?? tmpdir(),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}
