// Live now: the rooms ranked by live score (GET /api/v1/rooms/hot), each a link to its viewer;
// the regional hot list and Nearby (behind the location consent) are in nearby.js.
import { api, session } from './api.js';
import { readable } from './errors.js';
import { $, say, showAccount } from './page.js';
import { setUpNearby } from './nearby.js';
import { roomItem } from './roomlist.js';

async function loadHot() {
  say('');
  try {
    const hot = await api('GET', '/api/v1/rooms/hot?limit=50', { auth: true });
    const items = hot.items || [];
    $('hot-list').replaceChildren(...items.map((room) => roomItem(room)));
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
  setUpNearby();
} else {
  showSignedOut();
}
