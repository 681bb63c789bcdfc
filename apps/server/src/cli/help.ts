/** `parley help [COMMAND]`: the list of commands, or one command's usage. */
import { parseCommand, UsageError, EXIT, type Command } from './command';

export function helpCommand(commands: () => Command[]): Command {
  return {
    name: 'help',
    summary: 'list the commands, or explain one (parley help backup)',
    usage: 'Usage: parley help [COMMAND]\n\nLists the commands, or prints the usage of COMMAND (the same as parley COMMAND --help).',
    async run(args, io) {
      const parsed = parseCommand(this, args, io, {}, { min: 0, max: 1 });
      if (!parsed) return EXIT.ok;
      const name = parsed.positionals[0];
      if (name) {
        const command = commands().find((candidate) => candidate.name === name);
        if (!command) throw new UsageError(`Unknown command "${name}".`);
        io.stdout.write(`${command.usage}\n`);
        return EXIT.ok;
      }
      io.stdout.write(overview(commands()));
      return EXIT.ok;
    },
  };
}

export function overview(commands: Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'Usage: parley <command> [options]     (no command: serve)',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Each command explains itself with --help. Data commands use PARLEY_DATA_DIR like the server.',
    '',
  ].join('\n');
}
