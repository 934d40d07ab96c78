export interface OriginLineError {
  /** 1-based, as the reader counts lines. */
  line: number;
  text: string;
}

export interface ParsedOrigins {
  origins: string[];
  errors: OriginLineError[];
}

/** `scheme://host[:port]` (default port dropped), or null when the text is anything more or less. */
export function normaliseOrigin(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') return null;
  // new URL accepts "https://a.com/" and "https://a.com"; refuse "https://a.com//" and "https://a.com?".
  if (!/^[a-z]+:\/\/[^/?#]+\/?$/i.test(text)) return null;
  return url.origin;
}

/**
 * The allowed-origins box: one origin per line, blank lines ignored, `*` for any site. Each
 * line that is not an origin is reported by its number.
 */
export function parseOrigins(text: string): ParsedOrigins {
  const origins: string[] = [];
  const errors: OriginLineError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const origin = line === '*' ? '*' : normaliseOrigin(line);
    if (!origin) errors.push({ line: index + 1, text: line });
    else if (!origins.includes(origin)) origins.push(origin);
  });
  return { origins, errors };
}
