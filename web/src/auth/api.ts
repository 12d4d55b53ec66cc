import type { ApiClient } from '../api/client';
import { apiPath } from '../api/routes';
import type { ForgotPassword, PasswordLogin, ResetPassword, User } from '../api/types.generated';

/** Signs in a guest; the server sets the refresh cookie. */
export function passwordLogin(api: ApiClient, body: PasswordLogin): Promise<User> {
  return api.postPublic<User>(apiPath('POST /auth/login'), body);
}

/** Asks for a reset link; answers the same whether or not the address has an account. */
export function forgotPassword(api: ApiClient, body: ForgotPassword): Promise<void> {
  return api.postPublic<void>(apiPath('POST /auth/password/forgot'), body);
}

/** Sets a new password with the token of a reset link; every session of the account ends. */
export function resetPassword(api: ApiClient, body: ResetPassword): Promise<void> {
  return api.postPublic<void>(apiPath('POST /auth/password/reset'), body);
}
