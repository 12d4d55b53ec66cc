/** `wsUrl` with a ticket query parameter (the only way a browser WebSocket can carry a credential). */
export function urlWithTicket(wsUrl: string, ticket: string): string {
  return `${wsUrl}${wsUrl.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}`;
}

/**
 * The config's WebSocket URL made absolute: the server may give a path (`/ws`), which is then on
 * this page's host, with ws: or wss: to match http: or https:.
 */
export function resolveWsUrl(wsUrl: string, pageUrl: string): string {
  const url = new URL(wsUrl, pageUrl);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  return url.toString();
}
