import { describe, expect, it } from 'vitest';
import { followOutbox, formatMessage, messageQueue, type FeedMessage } from '../src/outbox-feed.js';

const msg = (id: string, over: Partial<FeedMessage> = {}): FeedMessage => ({
  id, username: 'sam', medium: 'SMS', destination: '+15555550101', code: '123456', purpose: 'MFA', ...over,
});

describe('followOutbox', () => {
  it('returns only messages that arrived since the last call, oldest first', () => {
    const list = [msg('a')];
    const feed = followOutbox({ messages: () => list });
    expect(feed.fresh()).toEqual([]);
    list.push(msg('b'), msg('c'));
    expect(feed.fresh().map((m) => m.id)).toEqual(['b', 'c']);
    expect(feed.fresh()).toEqual([]);
    list.push(msg('d'));
    expect(feed.fresh().map((m) => m.id)).toEqual(['d']);
  });
  it('formats a message as a notification', () => {
    expect(formatMessage(msg('a'))).toBe('SMS to +15555550101: your sign-in code is 123456');
    expect(formatMessage(msg('b', { medium: 'EMAIL', destination: '', username: 'uma', purpose: 'SIGN_UP', code: '999' }))).toBe('Email to uma: your confirmation code is 999');
  });
});

describe('messageQueue', () => {
  it('hands out what was pushed since the last call', () => {
    const q = messageQueue();
    expect(q.fresh()).toEqual([]);
    q.push(msg('a'));
    q.push(msg('b'));
    expect(q.fresh().map((m) => m.id)).toEqual(['a', 'b']);
    expect(q.fresh()).toEqual([]);
  });
});
