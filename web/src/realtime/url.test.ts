import { describe, expect, it } from 'vitest';
import { resolveWsUrl, urlWithTicket } from './url';

describe('urlWithTicket', () => {
  it('adds the ticket, escaped, as a query parameter', () => {
    expect(urlWithTicket('ws://localhost:8080/ws', 'a+b/c=')).toBe(
      'ws://localhost:8080/ws?ticket=a%2Bb%2Fc%3D',
    );
    expect(urlWithTicket('wss://x.example/prod?v=1', 't')).toBe('wss://x.example/prod?v=1&ticket=t');
  });
});

describe('resolveWsUrl', () => {
  it('keeps an absolute WebSocket URL', () => {
    expect(resolveWsUrl('wss://abc.execute-api.us-east-1.amazonaws.com/prod', 'https://app.example/c/general')).toBe(
      'wss://abc.execute-api.us-east-1.amazonaws.com/prod',
    );
  });

  it('puts a path on the page host with the matching scheme', () => {
    expect(resolveWsUrl('/ws', 'http://localhost:8080/c/general')).toBe('ws://localhost:8080/ws');
    expect(resolveWsUrl('/ws', 'https://chat.example/c/x')).toBe('wss://chat.example/ws');
  });
});
