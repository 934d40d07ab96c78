import { AppConfig, InvalidEnvironmentError } from '../config/app-config';
import { CliDatabase, openCliDatabase } from './cli-database';
import { CliError, EXIT } from './cli-error';
import { resetPassword } from './reset-password';

export const USAGE = `Usage: npm run admin -- <command>

Commands:
  reset-password EMAIL   Give the account EMAIL a new one-time password, printed here. It must
                         be changed at the next sign-in; the account's sessions are signed out.
  help                   This text.

The command opens the installation's database as the server does: DATABASE_URL, or else the
embedded database under DATA_DIR (default ./data), which one process at a time can open: stop
the server first.
`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliDeps {
  loadConfig(): AppConfig;
  openDatabase(config: AppConfig): Promise<CliDatabase>;
}

const defaults: CliDeps = { loadConfig: () => AppConfig.fromEnv(), openDatabase: openCliDatabase };

/** `npm run admin -- …`: the operator's commands. Resolves with the process's exit code. */
export async function runAdminCli(argv: string[], io: CliIo, deps: CliDeps = defaults): Promise<number> {
  const [command, ...args] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return 0;
  }
  if (command !== 'reset-password' || args.length !== 1) {
    const problem = !command ? 'No command given.' : command === 'reset-password' ? 'reset-password takes one EMAIL.' : `Unknown command "${command}".`;
    io.err(`${problem}\n\n${USAGE}`);
    return EXIT.failed;
  }
  let database: CliDatabase | undefined;
  try {
    const config = deps.loadConfig();
    database = await deps.openDatabase(config);
    const reset = await resetPassword(database.db, args[0]);
    io.out(
      `New one-time password for ${reset.email}: ${reset.password}\n` +
        `It must be changed at the next sign-in. Sessions signed out: ${reset.sessionsEnded}.\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      io.err(`${error.message}\n`);
      return EXIT.environment;
    }
    if (error instanceof CliError) {
      io.err(`${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  } finally {
    await database?.close();
  }
}
