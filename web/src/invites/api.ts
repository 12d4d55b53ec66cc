import type { ApiClient } from '../api/client';
import { apiPath } from '../api/routes';
import type { AcceptInvite, CreateInvite, Invite, InvitePreview, User } from '../api/types.generated';

/** Invites an address to #general and the chosen channels; the server mails the link. */
export function createInvite(api: ApiClient, body: CreateInvite): Promise<Invite> {
  return api.post<Invite>(apiPath('POST /api/v1/invites'), body);
}

/** Whose invite a link is. The token goes in the body, never in a URL the server logs. */
export function previewInvite(api: ApiClient, token: string): Promise<InvitePreview> {
  return api.postPublic<InvitePreview>(apiPath('POST /auth/invite/preview'), { token });
}

/** Makes the guest account and signs it in (the server sets the refresh cookie). */
export function acceptInvite(api: ApiClient, body: AcceptInvite): Promise<User> {
  return api.postPublic<User>(apiPath('POST /auth/invite/accept'), body);
}
