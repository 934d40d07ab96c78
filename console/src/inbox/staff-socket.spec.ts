import { createServer, type Server as HttpServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { createStaffSocket, type StaffSocket } from './staff-socket';
import type { InboxConversation, StaffClientEvents, StaffServerEvents } from './types';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, what: string): Promise<void> {
  for (const end = Date.now() + 3000; !check() && Date.now() < end; ) await sleep(5);
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

/** The wire client on a stock socket.io server's `/staff` namespace, as the console uses it. */
describe('staff socket', () => {
  let http: HttpServer;
  let io: Server<StaffClientEvents, StaffServerEvents>;
  let client: StaffSocket | undefined;

  beforeEach(async () => {
    http = createServer();
    io = new Server(http);
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
  });
  afterEach(async () => {
    client?.disconnect();
    await io.close();
  });

  it('connects to /staff, receives its events and sends typing', async () => {
    const typed: unknown[] = [];
    io.of('/staff').on('connection', (socket) => {
      socket.on('typing', (payload) => typed.push(payload));
    });
    // The widget's namespace gets nothing: the prefix is right.
    io.of('/widget').on('connection', () => typed.push('wrong namespace'));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    client = createStaffSocket(url);
    const updates: InboxConversation[] = [];
    let connects = 0;
    client.on('connect', () => connects++);
    client.on('inbox:update', ({ conversation }) => updates.push(conversation));
    client.connect();
    await until(() => client!.connected, 'connect');
    expect(connects).toBe(1);

    const conversation = { id: 'c1', state: 'waiting', botName: '诊所 🤖' } as InboxConversation;
    io.of('/staff').emit('inbox:update', { conversation });
    await until(() => updates.length === 1, 'inbox:update');
    expect(updates[0]).toEqual(conversation);

    client.emit('typing', { conversationId: 'c1', on: true });
    await until(() => typed.length === 1, 'typing');
    expect(typed).toEqual([{ conversationId: 'c1', on: true }]);
  });

  it('stops on a refusal and says why', async () => {
    io.of('/staff').use((_socket, next) => next(new Error('unauthorized')));
    client = createStaffSocket(`http://127.0.0.1:${(http.address() as AddressInfo).port}`);
    const errors: string[] = [];
    client.on('connect_error', (error) => errors.push(error.message));
    client.connect();
    await until(() => errors.length > 0, 'refusal');
    expect(errors).toEqual(['unauthorized']);
    expect(client.active).toBe(false);
  });
});
