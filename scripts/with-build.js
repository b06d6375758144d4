#!/usr/bin/env node
// Compiles the project incrementally, then runs a compiled entry point with the remaining arguments.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: with-build.js <compiled-entry.js> [args...]');
  process.exit(2);
}
const root = path.resolve(__dirname, '..');
const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(process.execPath, [path.join(root, entry), ...args], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
