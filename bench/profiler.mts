/**
 * Preloaded into the backend by `--profile DIR` (`node --import bench/profiler.mts …`): the bench
 * sends 'profile:start' and 'profile:stop' over the IPC channel, and the stop writes
 * `backend-<pid>.cpuprofile` into BENCH_PROFILE_DIR (open it in Chrome DevTools or speedscope,
 * or `node bench/profile-summary.mts FILE`). Not `--cpu-prof`, which writes only at a clean exit
 * and covers start-up; not a signal, as Nest's shutdown hooks take SIGUSR2 and the like.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

const dir = process.env.BENCH_PROFILE_DIR ?? '.';
const session = new Session();
session.connect();
// The channel must not keep the backend alive on its own.
process.channel?.unref();

process.on('message', (message: unknown) => {
  void (async () => {
    if (message === 'profile:start') {
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
    } else if (message === 'profile:stop') {
      const { profile } = await session.post('Profiler.stop');
      const file = join(dir, `backend-${process.pid}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      process.stderr.write(`[bench profiler] wrote ${file}\n`);
    }
  })();
});
