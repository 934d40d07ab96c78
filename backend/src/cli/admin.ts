import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { runAdminCli } from './admin-cli';

// The embedded database's start-up line belongs in the server's log, not in this command's output.
Logger.overrideLogger(['error']);

runAdminCli(process.argv.slice(2), { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
