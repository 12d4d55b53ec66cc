// The mails the local stack's SES stand-in (ministack) has taken, for the browser tests.
import assert from 'node:assert/strict';
import { BASE_URL } from './helpers.mjs';

/** The path of the last link starting with `prefix` mailed to `to` (e.g. '/invite/'). */
export async function mailedLink(to, prefix) {
  const endpoint = process.env.SES_ENDPOINT;
  assert.ok(endpoint, 'SES_ENDPOINT is not set: load the stack env (.stack/<name>/env), which runs ministack');
  const res = await fetch(`${endpoint}/_ministack/ses/messages`);
  assert.equal(res.status, 200);
  const { messages } = await res.json();
  const texts = Object.values(messages)
    .flat()
    .filter((m) => m.To.includes(to))
    .map((m) => m.BodyText);
  const pattern = new RegExp(`${BASE_URL}(${prefix}[A-Za-z0-9_-]+)`);
  const links = texts.map((t) => t.match(pattern)?.[1]).filter(Boolean);
  assert.ok(links.length > 0, `no ${prefix} link mailed to ${to}; mails: ${JSON.stringify(texts)}`);
  return links.at(-1);
}
