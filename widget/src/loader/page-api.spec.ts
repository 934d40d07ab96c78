import type { ChatHandle } from '../shared/contract';
import { createPageApi, replayStubQueue } from './page-api';

function setup() {
  const demand = jest.fn();
  const warn = jest.fn();
  const offset = jest.fn();
  const api = createPageApi({ demand, warn, offset });
  const calls: string[] = [];
  const chat: ChatHandle = {
    open: () => calls.push('open'),
    close: () => calls.push('close'),
    toggle: () => calls.push('toggle'),
    reset: () => calls.push('reset'),
  };
  return { api, demand, warn, offset, chat, calls };
}

describe('page API', () => {
  it('queues commands until the chat is attached, then replays them in order', () => {
    const { api, chat, calls } = setup();
    api.call('reset');
    api.call('open');
    api.call('close');
    expect(calls).toEqual([]);
    expect(api.attached()).toBe(false);
    api.attach(chat);
    expect(calls).toEqual(['reset', 'open', 'close']);
    api.call('toggle');
    expect(calls).toEqual(['reset', 'open', 'close', 'toggle']);
  });

  it('asks for the chat when a command would show it', () => {
    const { api, demand } = setup();
    api.call('close');
    api.call('reset');
    expect(demand).not.toHaveBeenCalled();
    api.call('open');
    api.call('toggle');
    expect(demand).toHaveBeenCalledTimes(2);
  });

  it('replays a stub queue of arguments objects', () => {
    const { api, chat, calls } = setup();
    const fn = jest.fn();
    const stub: { q?: unknown[] } = {};
    const push = function (..._args: unknown[]) { (stub.q = stub.q || []).push(arguments); };
    push('on', 'open', fn);
    push('identify', { id: 'u1', name: 'Ann' });
    push('open');
    replayStubQueue(api, stub.q);
    api.attach(chat);
    expect(calls).toEqual(['open']);
    expect(api.identity()).toEqual({ id: 'u1', name: 'Ann' });
    api.emit('open');
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('calls listeners per event, with the detail, and unsubscribes', () => {
    const { api } = setup();
    const onReply = jest.fn();
    const off = api.call('on', 'reply', onReply) as () => void;
    api.emit('message', { text: 'x' });
    api.emit('reply', { text: 'y' });
    expect(onReply).toHaveBeenCalledWith({ text: 'y' });
    off();
    api.emit('reply', { text: 'z' });
    expect(onReply).toHaveBeenCalledTimes(1);
  });

  it('keeps a listener that throws from breaking the others', () => {
    const { api, warn } = setup();
    const second = jest.fn();
    api.call('on', 'close', () => { throw new Error('boom'); });
    api.call('on', 'close', second);
    api.emit('close');
    expect(second).toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('boom'));
  });

  it('warns about unknown commands, events and bad identities', () => {
    const { api, warn, demand } = setup();
    api.call('explode');
    api.call('on', 'hover', () => undefined);
    api.call('identify', { name: 'no id' });
    api.call();
    expect(warn).toHaveBeenCalledTimes(4);
    expect(api.identity()).toBeUndefined();
    expect(demand).not.toHaveBeenCalled();
  });

  it("tells a listener added after 'unavailable' fired at once, and forwards ('offset', px)", () => {
    const { api, offset } = setup();
    const early = jest.fn();
    api.call('on', 'unavailable', early);
    api.emit('unavailable', { reason: 'bot_disabled', origin: 'https://shop.test' });
    const late = jest.fn();
    api.call('on', 'unavailable', late);
    expect(early).toHaveBeenCalledWith({ reason: 'bot_disabled', origin: 'https://shop.test' });
    expect(late).toHaveBeenCalledWith({ reason: 'bot_disabled', origin: 'https://shop.test' });
    api.call('offset', 72);
    api.call('offset', 'none');
    expect(offset.mock.calls).toEqual([[72], [0]]);
  });
});
