/** A failure the operator can act on: its message is printed as is, without a stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Exit codes: 1 the command itself failed, 2 the environment is invalid, 3 the database cannot be used. */
export const EXIT = { failed: 1, environment: 2, database: 3 } as const;
