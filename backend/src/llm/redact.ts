/**
 * Error details reach the log, the database and the owner's console; none of them may carry a key.
 * Known secrets are cut out verbatim, and anything shaped like a credential is masked as well, in
 * case an upstream echoes a header or a signed URL back.
 */

const MASK = '[redacted]';
/** Shorter strings would mask ordinary words; no real key is this short. */
const MIN_SECRET_LENGTH = 6;
const MAX_DETAIL_LENGTH = 1000;

const CREDENTIAL_PATTERNS: Array<[RegExp, string]> = [
  // https://user:password@host
  [/(\/\/)[^/\s:@]+:[^/\s@]+@/g, `$1${MASK}@`],
  // ?api-key=…, &sig=…, &code=… in URLs
  [/([?&](?:api[-_]?key|key|sig|signature|code|token|access_token|subscription-key)=)[^&\s"']+/gi, `$1${MASK}`],
  // Authorization: Bearer …
  [/(bearer\s+)[\w\-.~+/=]+/gi, `$1${MASK}`],
  // api-key: … / "api-key":"…" / Ocp-Apim-Subscription-Key: …
  [/((?:api[-_]?key|ocp-apim-subscription-key)["']?\s*[:=]\s*["']?)(?!\[redacted\])[^\s"',}&]+/gi, `$1${MASK}`],
];

export function redact(text: string, secrets: ReadonlyArray<string | undefined | null> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(MASK);
  }
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
  return out.length > MAX_DETAIL_LENGTH ? `${out.slice(0, MAX_DETAIL_LENGTH)}…` : out;
}
