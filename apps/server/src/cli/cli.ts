/**
 * The `parley` command line: picks the command (serve when none is given), runs it, and turns failures
 * into an exit code — 2 for wrong usage (with what was expected), 1 for a failure (with its reason).
 */
import { ConfigError } from '../config/config';
import { backupCommand } from './backup';
import { CommandError, UsageError, EXIT, type CliIo, type Command, type CommandResult } from './command';
import { createAgentCommand } from './create-agent';
import { helpCommand, overview } from './help';
import { migrateCommand } from './migrate';
import { resetPasswordCommand } from './reset-password';
import { serveCommand } from './serve';
import { versionCommand } from './version';

export const COMMANDS: Command[] = [
  serveCommand,
  migrateCommand,
  createAgentCommand,
  resetPasswordCommand,
  backupCommand,
  versionCommand,
  helpCommand(() => COMMANDS),
];

export async function runCli(argv: string[], io: CliIo): Promise<CommandResult> {
  const [first, ...rest] = argv;
  const name = first === undefined ? 'serve' : first === '--help' || first === '-h' ? 'help' : first === '--version' ? 'version' : first;
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr.write(`parley: unknown command "${name}".\n\n${overview(COMMANDS)}`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`parley ${command.name}: ${error.message}\n${command.usage.split('\n')[0]}\nMore: parley ${command.name} --help\n`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError || error instanceof CommandError) {
      io.stderr.write(`✖ ${error.message}\n`);
      return EXIT.failed;
    }
    io.stderr.write(`✖ parley ${command.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failed;
  }
}
