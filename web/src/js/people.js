// People: search (people or rooms) with follow and block controls, the search history and its
// setting, suggested follows, and the signed-in user's avatar. Only the public API (api.js).
import { api } from './api.js';
import { readable } from './errors.js';
import { $, actionButton, el, say, startSignedIn } from './page.js';

let me = null;

/** One person: nickname, counts and the relation from their public profile, follow and block. */
function personItem(card) {
  const li = el('li', { className: 'person', attrs: { 'data-user-id': String(card.id) } });
  fillPerson(li, card, null);
  api('GET', `/api/v1/users/${card.id}`, { auth: true })
    .then((profile) => fillPerson(li, card, profile))
    .catch(() => { /* the card stays without counts (e.g. blocked by them) */ });
  return li;
}

function fillPerson(li, card, profile) {
  const name = el('strong', { text: card.nickname, className: 'nickname' });
  const facts = el('p', { className: 'muted' });
  if (profile) {
    facts.append(el('span', { text: String(profile.followerCount ?? 0), className: 'followers' }), ' followers · ',
      el('span', { text: String(profile.followingCount ?? 0), className: 'following' }), ' following');
    if (profile.mutual) {
      facts.append(' · ', el('span', { text: 'You follow each other', className: 'mutual' }));
    } else if (profile.followsYou) {
      facts.append(' · ', el('span', { text: 'Follows you', className: 'follows-you' }));
    }
  }
  li.dataset.following = String(Boolean(profile?.youFollow));
  li.dataset.blocked = String(Boolean(profile?.blockedByYou));
  const actions = el('div', { className: 'actions' });
  const refresh = async () => fillPerson(li, card, await api('GET', `/api/v1/users/${card.id}`, { auth: true }));
  if (card.id !== me?.id) {
    if (!profile?.blockedByYou) {
      actions.append(profile?.youFollow
        ? actionButton('Unfollow', 'follow secondary', async () => {
          await api('DELETE', `/api/v1/users/${card.id}/follow`, { auth: true });
          await refresh();
          await loadMyCounts();
        })
        : actionButton('Follow', 'follow', async () => {
          await api('PUT', `/api/v1/users/${card.id}/follow`, { auth: true });
          await refresh();
          await loadMyCounts();
        }));
    }
    actions.append(profile?.blockedByYou
      ? actionButton('Unblock', 'block secondary', async () => {
        await api('DELETE', `/api/v1/users/${card.id}/block`, { auth: true });
        await refresh();
      })
      : actionButton('Block', 'block danger', async () => {
        await api('PUT', `/api/v1/users/${card.id}/block`, { auth: true });
        await refresh();
        await loadMyCounts();
      }));
  }
  li.replaceChildren(name, facts, actions);
}

function roomItem(room) {
  const li = el('li', { className: 'person room-result', attrs: { 'data-room-id': String(room.id) } });
  const link = el('a', { text: room.title, attrs: { href: `/room.html?id=${room.id}` } });
  const meta = el('p', { className: 'muted' });
  if (room.live) {
    meta.append(el('span', { text: 'LIVE', className: 'pill', attrs: { 'data-status': 'live' } }), ' ');
  }
  meta.append(`${room.category || ''} · ${room.host?.nickname || ''}`);
  li.append(link, meta);
  return li;
}

async function search(query, type) {
  say('');
  const result = await api('GET', `/api/v1/search?q=${encodeURIComponent(query)}&type=${type}`, { auth: true });
  const list = $('results');
  list.dataset.type = type;
  // The API orders the items (people by nickname, rooms live first); the page keeps that order.
  list.replaceChildren(...result.items.map(type === 'rooms' ? roomItem : personItem));
  $('results-empty').hidden = result.items.length > 0;
  await loadHistory();
}

async function loadHistory() {
  const history = await api('GET', '/api/v1/me/search-history', { auth: true });
  $('record-history').checked = history.recordHistory;
  $('history-list').replaceChildren(...history.items.map((entry) => {
    const li = el('li', { className: 'history-entry', attrs: { 'data-id': String(entry.id) } });
    const again = el('button', { text: entry.query, className: 'link', attrs: { type: 'button' } });
    again.addEventListener('click', () => {
      $('search-q').value = entry.query;
      search(entry.query, $('search-type').value).catch((e) => say(readable(e)));
    });
    const remove = actionButton('Delete', 'secondary delete', async () => {
      await api('DELETE', `/api/v1/me/search-history/${entry.id}`, { auth: true });
      await loadHistory();
    });
    remove.setAttribute('aria-label', `Delete "${entry.query}" from your searches`);
    li.append(again, remove);
    return li;
  }));
  $('history-empty').hidden = history.items.length > 0;
}

async function loadSuggestions() {
  const page = await api('GET', '/api/v1/me/suggested-follows?limit=10', { auth: true });
  $('suggested-kind').textContent = page.personalized
    ? 'Followed by people you follow.'
    : 'Popular accounts. Grant "Personalized recommendations" in Privacy for suggestions from your follows.';
  $('suggestions').replaceChildren(...page.items.map((s) => personItem(s.user)));
}

async function loadMyCounts() {
  const profile = await api('GET', `/api/v1/users/${me.id}`, { auth: true });
  $('my-followers').textContent = String(profile.followerCount ?? 0);
  $('my-following').textContent = String(profile.followingCount ?? 0);
}

function showAvatar(url) {
  const img = $('avatar');
  img.hidden = !url;
  if (url) {
    img.src = url;
  }
}

async function uploadAvatar(file) {
  const form = new FormData();
  form.append('purpose', 'avatar');
  form.append('file', file);
  $('avatar-status').textContent = 'Uploading…';
  try {
    const media = await api('POST', '/api/v1/media', { body: form, auth: true });
    const updated = await api('PATCH', '/api/v1/me', { body: { avatarMediaId: media.id }, auth: true });
    showAvatar(updated.avatarUrl);
    $('avatar-status').textContent = 'Avatar updated.';
    say('');
  } catch (e) {
    $('avatar-status').textContent = '';
    say(readable(e));
  }
}

function wire() {
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const query = $('search-q').value.trim();
    if (query) {
      search(query, $('search-type').value).catch((e) => say(readable(e)));
    }
  });
  $('record-history').addEventListener('change', async (event) => {
    try {
      await api('PUT', '/api/v1/me/search-history/settings',
        { body: { recordHistory: event.target.checked }, auth: true });
    } catch (e) {
      say(readable(e));
      await loadHistory();
    }
  });
  $('history-clear').addEventListener('click', async () => {
    try {
      await api('DELETE', '/api/v1/me/search-history', { auth: true });
      await loadHistory();
    } catch (e) {
      say(readable(e));
    }
  });
  $('avatar-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const file = $('avatar-file').files[0];
    if (file) {
      uploadAvatar(file);
    }
  });
}

startSignedIn({
  wire,
  load: async () => {
    me = await api('GET', '/api/v1/me', { auth: true });
    $('my-nickname').textContent = me.nickname;
    showAvatar(me.avatarUrl);
    $('private').hidden = false;
    await Promise.all([loadMyCounts(), loadHistory(), loadSuggestions()]);
  },
});
