#!/usr/bin/env node
/**
 * Runs Parley's two commands on a machine that has only Node and npm: it fetches a pinned pnpm through
 * npx (corepack is not used: it fails on signature checks on some machines), installs what is missing,
 * builds, and then starts the server (`start`) or runs every test (`test`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM = 'pnpm@10.34.8';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const command = process.argv[2] ?? 'start';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    fail(`Parley needs Node 20.19 or newer; this is Node ${process.versions.node}.`);
  }
}

function fail(message) {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

function step(title, args) {
  console.log(`\n▸ ${title}`);
  const result = spawnSync(npx, ['--yes', PNPM, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail(`${title} failed (exit ${result.status ?? result.signal}).`);
}

function install() {
  const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  step('Installing dependencies', ['install', '--prefer-offline', ...frozen]);
}

function runNode(title, file) {
  console.log(`\n▸ ${title}`);
  const result = spawnSync(process.execPath, [file], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail(`${title} failed.`);
}

/** Runs a long-lived child and hands it the signals this process gets, so Ctrl-C shuts it down cleanly. */
function run(file, args) {
  const child = spawn(process.execPath, [file, ...args], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

checkNode();
switch (command) {
  case 'install':
    install();
    break;
  case 'build':
    install();
    step('Building', ['-r', 'build']);
    runNode('Assembling the release folder dist/parley', join(root, 'scripts/release.mjs'));
    break;
  case 'start':
    install();
    step('Building', ['-r', 'build']);
    run(join(root, 'apps/server/dist/main.mjs'), process.argv.slice(3));
    break;
  case 'test':
    install();
    step('Building', ['-r', 'build']);
    step('Type-checking', ['-r', 'typecheck']);
    runNode('Checking the widget size', join(root, 'scripts/size-report.mjs'));
    step('Running every test', ['run', 'test:only', ...process.argv.slice(3)]);
    break;
  default:
    fail(`Unknown command "${command}". Use start, test, build or install.`);
}
