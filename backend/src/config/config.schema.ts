import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const url = (protocols: string[]) =>
  z.string().url().refine((v) => protocols.some((p) => v.startsWith(p + '://')), {
    message: `must start with ${protocols.map((p) => p + '://').join(' or ')}`,
  });

/** Every environment variable the product reads (PROTOCOL §1). Unknown variables are ignored. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  PUBLIC_URL: url(['http', 'https']).optional(),
  DATABASE_URL: url(['postgres', 'postgresql']).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Connections to DATABASE_URL. 1 for a PGlite socket server, which is single-session underneath. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: url(['redis', 'rediss']).optional(),
  APP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AZURE_OPENAI_ENDPOINT: url(['http', 'https']).optional(),
  AZURE_OPENAI_API_KEY: z.string().min(1).optional(),
  AZURE_OPENAI_API_VERSION: z.string().regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, 'must look like 2024-10-21').default('2024-10-21'),
  AZURE_OPENAI_DEPLOYMENT: z.string().min(1).default('gpt-4o'),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  /** Simulator pacing in demo mode; tests turn these down. */
  DEMO_TTFT_MS: z.coerce.number().int().min(0).default(300),
  DEMO_TOKENS_PER_SECOND: z.coerce.number().positive().default(30),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10000),
}).superRefine((env, ctx) => {
  if (env.NODE_ENV === 'production' && !env.APP_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['APP_SECRET'], message: 'is required when NODE_ENV=production' });
  }
  if (env.AZURE_OPENAI_ENDPOINT && !env.AZURE_OPENAI_API_KEY) {
    ctx.addIssue({ code: 'custom', path: ['AZURE_OPENAI_API_KEY'], message: 'is required when AZURE_OPENAI_ENDPOINT is set' });
  }
  if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    ctx.addIssue({ code: 'custom', path: [env.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'], message: 'ADMIN_EMAIL and ADMIN_PASSWORD go together' });
  }
});

export type Env = z.infer<typeof envSchema>;
