/**
 * Text for the `?authError=<code>` the OIDC callback redirects to when sign-in fails. Unknown
 * codes still get a readable sentence.
 */
const MESSAGES: Record<string, string> = {
  access_denied: 'Sign-in was cancelled or refused by your identity provider.',
  login_expired: 'The sign-in took too long. Please try again.',
  invalid_state: 'The sign-in attempt expired or was interrupted. Please try again.',
  state_mismatch: 'The sign-in attempt expired or was interrupted. Please try again.',
  email_not_verified: 'Your identity provider has not verified your email address.',
  account_deactivated: 'This account is deactivated. Ask a workspace admin for help.',
  user_deactivated: 'This account is deactivated. Ask a workspace admin for help.',
  provider_error: 'Your identity provider reported a problem. Please try again.',
  server_error: 'Something went wrong on our side while signing you in. Please try again.',
  rate_limited: 'Too many sign-in attempts from your network. Wait a few minutes, then try again.',
};

export function authErrorMessage(code: string): string {
  return MESSAGES[code] ?? `Sign-in failed (${code}). Please try again.`;
}
