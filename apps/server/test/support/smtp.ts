/** A real SMTP server on loopback for tests; keeps every mail it receives, parsed just enough to check. */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  replyTo: string | null;
  /** The whole message with quoted-printable soft breaks and escapes undone, for `toContain` checks. */
  raw: string;
}

export class TestSmtp {
  readonly received: ReceivedMail[] = [];
  private server!: SMTPServer;
  port = 0;

  static async start(port = 0): Promise<TestSmtp> {
    const smtp = new TestSmtp();
    await smtp.listen(port);
    return smtp;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Waits until `count` mails arrived (or throws after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 5000): Promise<ReceivedMail[]> {
    const started = Date.now();
    while (this.received.length < count) {
      if (Date.now() - started > timeoutMs) throw new Error(`expected ${count} mails, got ${this.received.length}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.received;
  }

  /** Mails to `address`. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private listen(port: number): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
          const header = (name: string) => {
            const value = new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1]?.trim();
            return value === undefined ? null : decodeWords(value);
          };
          const decoded = Buffer.from(
            raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8');
          this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: header('Subject') ?? '', replyTo: header('Reply-To'), raw: decoded });
          callback();
        });
      },
    });
    return new Promise((resolve) => this.server.listen(port, '127.0.0.1', () => {
      this.port = (this.server.server.address() as AddressInfo).port;
      resolve();
    }));
  }
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) in a header value. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_match, encoding: string, text: string) => {
      if (encoding.toLowerCase() === 'b') return Buffer.from(text, 'base64').toString('utf8');
      const bytes = text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => `%${hex}`);
      try {
        return decodeURIComponent(bytes.replace(/%(?![0-9a-f]{2})/gi, '%25'));
      } catch {
        return bytes;
      }
    });
}
