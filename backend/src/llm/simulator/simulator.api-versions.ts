/**
 * The Azure OpenAI data-plane api-versions the simulator knows. Azure answers
 * any other value with 404 "Resource not found", the same as an unknown route,
 * so a typo in the configured version shows up in tests as it would in production.
 */

/** Generally available versions. */
export const AZURE_GA_API_VERSIONS: readonly string[] = ['2022-12-01', '2023-05-15', '2024-02-01', '2024-06-01', '2024-10-21'];

/** Preview versions (retired ones included: tests may pin an old one). */
export const AZURE_PREVIEW_API_VERSIONS: readonly string[] = [
  '2023-03-15-preview',
  '2023-06-01-preview',
  '2023-07-01-preview',
  '2023-08-01-preview',
  '2023-09-01-preview',
  '2023-10-01-preview',
  '2023-12-01-preview',
  '2024-02-15-preview',
  '2024-03-01-preview',
  '2024-04-01-preview',
  '2024-05-01-preview',
  '2024-07-01-preview',
  '2024-08-01-preview',
  '2024-09-01-preview',
  '2024-10-01-preview',
  '2024-12-01-preview',
  '2025-01-01-preview',
  '2025-02-01-preview',
  '2025-03-01-preview',
  '2025-04-01-preview',
];

const KNOWN = new Set([...AZURE_GA_API_VERSIONS, ...AZURE_PREVIEW_API_VERSIONS]);

export const isKnownApiVersion = (version: string): boolean => KNOWN.has(version);
