// Small helpers every page shares: the signed-in header, messages, and text-only rendering.
import { session, clearSession } from './api.js';

export const $ = (id) => document.getElementById(id);

/** Shows a message in the page's alert region (role="alert", so screen readers announce it). */
export function say(text, kind = 'error') {
  const box = $('message');
  box.textContent = text;
  box.className = 'message ' + kind;
  box.hidden = !text;
}

/** Fills the header's account area: who is signed in and a sign-out button, or a sign-in link. */
export function showAccount() {
  const area = $('account');
  if (!area) {
    return;
  }
  area.replaceChildren();
  const current = session();
  if (!current) {
    const link = document.createElement('a');
    link.href = '/signin.html';
    link.textContent = 'Sign in';
    area.append(link);
    return;
  }
  const who = document.createElement('span');
  who.id = 'signed-in';
  who.textContent = 'Signed in as ' + (current.user?.nickname ?? 'you');
  const out = document.createElement('button');
  out.type = 'button';
  out.className = 'link';
  out.textContent = 'Sign out';
  out.addEventListener('click', () => {
    clearSession();
    location.href = '/';
  });
  area.append(who, ' ', out);
}
