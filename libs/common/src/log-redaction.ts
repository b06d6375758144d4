// Log lines are read by more people, and kept longer, than the data they describe: they must not
// carry credentials (tracking tokens give access to a need) nor personal data such as e-mail.

// Case-insensitive: Express routes /Behov/{token} and /BEHOV/{token} to the same page.
const TRACKING_TOKEN_IN_PATH = /(\/track\/|\/behov\/)[A-Za-z0-9_-]{16,}/gi;
const PERCENT_ESCAPE = /%([0-9A-Fa-f]{2})/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** Replaces tracking tokens in paths by `[token]` and e-mail addresses by `[e-mail]`. */
export function redactLogText(text: string): string {
  return text.replace(TRACKING_TOKEN_IN_PATH, '$1[token]').replace(EMAIL, '[e-mail]');
}

/**
 * A request URL for the log: the path as the router sees it (percent-escapes decoded, so
 * `/behov/%63…` is recognised), with tracking tokens and e-mail addresses redacted.
 */
export function redactUrl(url: string): string {
  // Decoded escape by escape (never throws on a malformed one); repeated for double encoding.
  let decoded = url;
  for (let round = 0; round < 3 && PERCENT_ESCAPE.test(decoded); round++) {
    decoded = decoded.replace(PERCENT_ESCAPE, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  }
  return redactLogText(decoded);
}

/**
 * A pino `hooks.logMethod` that redacts every string argument (messages from any library),
 * complementing the path-based `redact` option, which only covers known object keys.
 */
export function redactingLogMethod(
  this: unknown,
  args: unknown[],
  method: (...args: unknown[]) => void,
): void {
  method.apply(
    this,
    args.map((arg) => (typeof arg === 'string' ? redactLogText(arg) : arg)),
  );
}
