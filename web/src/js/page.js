// Small helpers every page shares: the signed-in header, messages, and text-only rendering.
import { session, clearSession } from './api.js';
import { readable } from './errors.js';

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

/** An element with optional text (always set as text, never as HTML), class and attributes. */
export function el(tag, { text, className, attrs = {} } = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) {
    node.textContent = text;
  }
  if (className) {
    node.className = className;
  }
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  return node;
}

/**
 * A small button that stays disabled while its action runs and says a failure with `sentence`
 * (the shared readable messages unless the page has its own).
 */
export function actionButton(label, className, onClick, sentence = readable) {
  const b = el('button', { text: label, className: 'small ' + className, attrs: { type: 'button' } });
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await onClick();
    } catch (e) {
      say(sentence(e));
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

/**
 * Starts a page for signed-in users: the header's account area; signed out, only #signed-out is
 * shown. Signed in, `wire` attaches the page's handlers, then `load` fills it; once it has loaded,
 * `body[data-ready]` tells the browser tests the page is ready. A failure is said with `sentence`.
 */
export async function startSignedIn({ wire = () => {}, load, sentence = readable }) {
  showAccount();
  if (!session()) {
    $('signed-out').hidden = false;
    return;
  }
  wire();
  try {
    await load();
    document.body.dataset.ready = 'true';
  } catch (e) {
    say(sentence(e));
  }
}
