import type { FirstAccount } from './seed-installation';

/** How an operator gives a user a new one-time password (backend/src/cli/admin.ts). */
export const resetPasswordCommand = (email: string) => `npm run admin -- reset-password ${email}`;

/**
 * The few plain lines a person reads at the first start: where the demo page and the console
 * are, and how to sign in. Plain text whatever LOG_FORMAT is: it is for eyes, not collectors.
 * `listening` false: the server did not start, but the account exists and its password is
 * shown here or never.
 */
export function firstStartBanner(account: FirstAccount, url: string, listening = true): string {
  const password = account.generatedPassword
    ? `${account.generatedPassword}   (one-time: you choose your own at first sign-in)`
    : 'the password you set in ADMIN_PASSWORD';
  const rule = '='.repeat(72);
  return [
    '',
    rule,
    listening ? ' CustomChat is ready (first start)' : ' CustomChat: first account made, but the server did not start (error below)',
    `   Demo page:   ${url}/`,
    `   Console:     ${url}/console`,
    `   Sign in as:  ${account.email}`,
    `   Password:    ${password}`,
    ` Lost it? ${resetPasswordCommand(account.email)}`,
    rule,
    '',
    '',
  ].join('\n');
}

/** Writes the banner on stderr (or `write`): apart from stdout, where JSON logs may go. */
export function printFirstStartBanner(
  account: FirstAccount,
  url: string,
  listening = true,
  write: (text: string) => unknown = (text) => process.stderr.write(text),
): void {
  write(firstStartBanner(account, url, listening));
}
