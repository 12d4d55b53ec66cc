import type { ApiClient } from '../api/client';
import { apiPath } from '../api/routes';
import type { ClientConfig, WsTicket } from '../api/types.generated';
import { resolveWsUrl, urlWithTicket } from './url';

export function getClientConfig(api: ApiClient): Promise<ClientConfig> {
  return api.getPublic<ClientConfig>(apiPath('GET /api/v1/config'));
}

export function createWsTicket(api: ApiClient): Promise<WsTicket> {
  return api.post<WsTicket>(apiPath('POST /api/v1/ws/ticket'));
}

/**
 * The RealtimeClient's `getUrl`: the configured WebSocket URL (fetched once, again after a failure)
 * with a new ticket each time.
 */
export function wsUrlResolver(api: ApiClient, pageUrl: () => string): () => Promise<string> {
  let config: Promise<ClientConfig> | null = null;
  return async () => {
    config ??= getClientConfig(api);
    let wsUrl: string;
    try {
      wsUrl = (await config).wsUrl;
    } catch (err) {
      config = null;
      throw err;
    }
    const { ticket } = await createWsTicket(api);
    return urlWithTicket(resolveWsUrl(wsUrl, pageUrl()), ticket);
  };
}
