import { AppConfig, InvalidEnvironmentError } from '../config/app-config';
import { CliDeps, runAdminCli, USAGE } from './admin-cli';
import { CliError } from './cli-error';

function run(argv: string[], deps: Partial<CliDeps> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const opened: string[] = [];
  const all: CliDeps = {
    loadConfig: () => ({}) as AppConfig,
    openDatabase: async () => {
      opened.push('db');
      throw new CliError('The embedded database in /d/pglite is in use by the running server', 3);
    },
    ...deps,
  };
  return runAdminCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, all).then((code) => ({ code, out: out.join(''), err: err.join(''), opened }));
}

describe('npm run admin', () => {
  it.each([['help'], ['--help'], ['-h']])('%s prints the usage on stdout and touches no database', async (arg) => {
    const r = await run([arg]);
    expect(r).toMatchObject({ code: 0, out: USAGE, err: '', opened: [] });
    expect(USAGE).toContain('reset-password EMAIL');
  });

  it.each([
    [[], /No command given/],
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['reset-password'], /reset-password takes one EMAIL/],
    [['reset-password', 'a@b.co', 'c@d.co'], /reset-password takes one EMAIL/],
  ])('%p is refused with the usage on stderr', async (argv, problem) => {
    const r = await run(argv);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(problem);
    expect(r.err).toContain(USAGE);
    expect(r.opened).toEqual([]);
  });

  it('prints an operator’s message and its exit code when the database cannot be used', async () => {
    const r = await run(['reset-password', 'a@b.co']);
    expect(r).toMatchObject({ code: 3, out: '' });
    expect(r.err).toMatch(/in use by the running server/);
  });

  it('names the bad variable when the environment is invalid', async () => {
    const r = await run(['reset-password', 'a@b.co'], {
      loadConfig: () => {
        throw new InvalidEnvironmentError('Invalid environment variables:\n  PORT: expected a number');
      },
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain('PORT');
    expect(r.opened).toEqual([]);
  });
});
