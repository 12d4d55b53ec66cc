import type { ErrorCode } from '../api/types.generated';

/**
 * Text for the `?authError=<code>` the OIDC callback redirects to when sign-in fails (the codes
 * are `domain::ErrorCode`'s). Codes without their own sentence, and anything else in the URL,
 * still get a readable one.
 */
const MESSAGES: Partial<Record<ErrorCode, string>> = {
  provider_refused: 'Sign-in was cancelled or refused by your identity provider.',
  provider_unavailable: 'Your identity provider reported a problem. Please try again.',
  login_expired: 'The sign-in took too long. Please try again.',
  state_mismatch: 'The sign-in attempt expired or was interrupted. Please try again.',
  email_not_verified: 'Your identity provider has not verified your email address.',
  account_deactivated: 'This account is deactivated. Ask a workspace admin for help.',
  temporarily_unavailable: 'Something went wrong on our side while signing you in. Please try again.',
  rate_limited: 'Too many sign-in attempts from your network. Wait a few minutes, then try again.',
};

export function authErrorMessage(code: string): string {
  return MESSAGES[code as ErrorCode] ?? `Sign-in failed (${code}). Please try again.`;
}
