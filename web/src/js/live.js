// Live now: the rooms ranked by live score (GET /api/v1/rooms/hot), each a link to its viewer.
import { api, session } from './api.js';
import { readable } from './errors.js';
import { $, say, showAccount } from './page.js';

function roomItem(room) {
  const li = document.createElement('li');
  const link = document.createElement('a');
  link.href = '/room.html?id=' + encodeURIComponent(room.id);
  link.className = 'room-link';
  const title = document.createElement('span');
  title.className = 'room-title';
  title.textContent = room.title;
  const meta = document.createElement('span');
  meta.className = 'room-meta';
  meta.textContent = [room.category, ...(room.tags || [])].filter(Boolean).join(' · ');
  link.append(title, meta);
  li.append(link);
  return li;
}

async function loadHot() {
  say('');
  try {
    const hot = await api('GET', '/api/v1/rooms/hot?limit=50', { auth: true });
    const items = hot.items || [];
    $('hot-list').replaceChildren(...items.map(roomItem));
    $('hot-empty').hidden = items.length > 0;
  } catch (e) {
    if (e.status === 401) {
      showSignedOut();
      return;
    }
    say('The live list could not be loaded: ' + readable(e));
  }
}

function showSignedOut() {
  $('hot').hidden = true;
  $('signed-out').hidden = false;
  showAccount();
}

showAccount();
if (session()) {
  $('hot').hidden = false;
  $('hot-reload').addEventListener('click', loadHot);
  loadHot();
} else {
  showSignedOut();
}
