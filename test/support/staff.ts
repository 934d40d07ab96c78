import { io, Socket } from 'socket.io-client';
import request from 'supertest';
import type { StaffClientEvents, StaffServerEvents } from '../../backend/src/handoff/staff.events';
import { PASSWORD } from './accounts';
import type { TestApp } from './test-app';

export type StaffSocket = Socket<StaffServerEvents, StaffClientEvents>;

/** A signed-in console: its session cookie, and a supertest agent carrying it. */
export async function staffSession(app: TestApp, email: string) {
  const agent = request.agent(app.app.getHttpServer());
  const res = await agent.post('/api/auth/login').send({ email, password: PASSWORD }).expect(200);
  const cookie = (res.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
  return { agent, cookie };
}

/** The console's `/staff` socket, with its cookie and the console's own Origin (the app's URL). */
export async function connectStaff(url: string, cookie: string | null, origin: string | null = url): Promise<StaffSocket> {
  const socket: StaffSocket = io(url + '/staff', {
    transports: ['websocket'],
    extraHeaders: { ...(cookie ? { cookie } : {}), ...(origin ? { origin } : {}) },
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** The next event of this name that satisfies `pick`. */
export function staffEvent<E extends keyof StaffServerEvents>(socket: StaffSocket, event: E, pick: (p: Parameters<StaffServerEvents[E]>[0]) => boolean = () => true, timeoutMs = 10_000): Promise<Parameters<StaffServerEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${String(event)} within ${timeoutMs} ms`)), timeoutMs);
    const on = (payload: never) => {
      if (!pick(payload)) return;
      clearTimeout(timer);
      (socket.off as (e: string, f: unknown) => void)(event as string, on);
      resolve(payload);
    };
    (socket.on as (e: string, f: unknown) => void)(event as string, on);
  });
}
