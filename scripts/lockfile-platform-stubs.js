#!/usr/bin/env node
// The npm registry reachable here lacks some platform-specific optional packages (e.g. the
// darwin/win32 builds of @swc/core and msgpackr-extract), so `npm install` leaves them out of
// package-lock.json and `npm ci` then refuses the lock as out of sync. This adds lock entries
// for them marked with their os/cpu, which npm skips on other platforms. Run after `npm install`.
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const PLATFORM = [
  [/darwin/, 'darwin'],
  [/win32/, 'win32'],
  [/linux/, 'linux'],
  [/freebsd/, 'freebsd'],
  [/android/, 'android'],
];
const CPU = [
  [/arm64|aarch64/, 'arm64'],
  [/ia32/, 'ia32'],
  [/x64/, 'x64'],
  [/ppc64/, 'ppc64'],
  [/s390x/, 's390x'],
  [/riscv64/, 'riscv64'],
  [/arm(?!64)/, 'arm'],
];
const pick = (table, name) => (table.find(([pattern]) => pattern.test(name)) ?? [])[1];

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[nested] || packages[hoisted]) continue;
    const os = pick(PLATFORM, name.split('/').pop());
    const cpu = pick(CPU, name.split('/').pop());
    if (!os || !cpu) continue;
    packages[hoisted] = { version: String(version).replace(/^[\^~]/, ''), cpu: [cpu], os: [os], optional: true };
    if (/musl/.test(name)) packages[hoisted].libc = ['musl'];
    else if (/gnu/.test(name)) packages[hoisted].libc = ['glibc'];
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile: added ${added} platform stub entr${added === 1 ? 'y' : 'ies'}`);
