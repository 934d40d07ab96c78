import type { AppConfig } from '../config/app-config';

/** Where this installation serves its pages (demo page, console) at this start. */
export function ownUrl(config: Pick<AppConfig, 'publicUrl'>, port: number): string {
  return config.publicUrl ?? `http://localhost:${port}`;
}

/**
 * The origins a browser reports for the demo page this start serves: PUBLIC_URL's, or the two
 * loopback spellings of PORT. With PORT=0 the port is only known after listening, so none.
 */
export function ownOrigins(config: Pick<AppConfig, 'publicUrl' | 'port'>): string[] {
  if (config.publicUrl) return [new URL(config.publicUrl).origin];
  if (config.port === 0) return [];
  return [`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`];
}
