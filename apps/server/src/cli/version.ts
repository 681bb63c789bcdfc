/** `parley version`: this release's version and the Node running it. */
import manifest from '../../package.json';
import { parseCommand, EXIT, type Command } from './command';

export const PARLEY_VERSION: string = manifest.version;

export const versionCommand: Command = {
  name: 'version',
  summary: "print Parley's version",
  usage: 'Usage: parley version\n\nPrints the Parley version and the Node.js version running it.',
  async run(args, io) {
    if (!parseCommand(this, args, io, {})) return EXIT.ok;
    io.stdout.write(`parley ${PARLEY_VERSION} (node ${process.version})\n`);
    return EXIT.ok;
  },
};
