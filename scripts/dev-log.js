// Readable development logs: turns the apps' pino JSON lines into one short line each
// (`npm run dev` only; the apps themselves always write JSON, the production format).
const readline = require('node:readline');

const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const COLOURS = { 10: 90, 20: 90, 30: 32, 40: 33, 50: 31, 60: 35 };

const clock = (time) =>
  new Date(typeof time === 'number' ? time : Date.now()).toLocaleTimeString('sv-SE', {
    timeZone: 'Europe/Stockholm',
  });

/** One pino JSON line as `12:03:44 api     INFO  GET /uppfoljning 200 12 ms`; other text as is. */
function formatLogLine(line, name, { colour = false } = {}) {
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return `${name.padEnd(8)}${line}`;
  }
  if (!entry || typeof entry !== 'object' || typeof entry.level !== 'number') {
    return `${name.padEnd(8)}${line}`;
  }
  const paint = (code, text) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const level = paint(COLOURS[entry.level] ?? 0, (LEVELS[entry.level] ?? entry.level).padEnd(5));
  let text;
  if (entry.req && entry.res) {
    const ms = typeof entry.responseTime === 'number' ? ` ${Math.round(entry.responseTime)} ms` : '';
    text = `${entry.req.method} ${entry.req.url} ${entry.res.statusCode}${ms}`;
  } else {
    const context = entry.context ? paint(36, `[${entry.context}] `) : '';
    text = `${context}${typeof entry.msg === 'string' ? entry.msg : JSON.stringify(entry.msg ?? '')}`;
  }
  const error = entry.err ?? (entry.error && typeof entry.error === 'object' ? entry.error : null);
  if (error) {
    const detail = error.stack || `${error.type ?? 'Error'}: ${error.message ?? ''}`;
    text += `\n${String(detail)
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n')}`;
  }
  return `${paint(90, clock(entry.time))} ${name.padEnd(8)}${level} ${text}`;
}

/** Pipes a child's output through the formatter, line by line. */
function prettyPipe(stream, name, out) {
  const colour = Boolean(out.isTTY);
  readline
    .createInterface({ input: stream, crlfDelay: Infinity })
    .on('line', (line) => out.write(`${formatLogLine(line, name, { colour })}\n`));
}

module.exports = { formatLogLine, prettyPipe };
