// Live now's regional hot list and Nearby (docs/NEARBY.md). Nearby appears only while the
// server's consent ledger says the location consent is granted (GET /api/v1/me/consents), never
// from anything the browser stored: the prompt explains the purpose, granting records the decision
// (PUT /api/v1/me/consents/location), then the browser's position is shared (PUT /api/v1/me/location,
// snapped to a grid cell by the server) and the lists are loaded. Withdrawing, on the same page,
// records the withdrawal (the server deletes the stored location at once) and hides Nearby again.
import { api } from './api.js';
import { readable } from './errors.js';
import { $, say } from './page.js';
import { roomItem } from './roomlist.js';

export async function setUpNearby() {
  $('region').hidden = false;
  $('region-form').addEventListener('submit', lookUpRegion);
  $('consent-grant').addEventListener('click', () => decide(true));
  $('consent-withdraw').addEventListener('click', () => decide(false));
  $('nearby-refresh').addEventListener('click', shareAndList);
  $('nearby-visible').addEventListener('change', setVisible);
  try {
    // Youth mode refuses Nearby on the server (youth_mode_restricted); the page says so up front.
    const youth = await api('GET', '/api/v1/me/youth-mode', { auth: true }).catch(() => null);
    if (youth?.enabled) {
      $('nearby-youth').hidden = false;
      return;
    }
    const { consents } = await api('GET', '/api/v1/me/consents', { auth: true });
    show(consents.some((c) => c.purpose === 'location' && c.granted));
  } catch (e) {
    say('Your consents could not be loaded: ' + readable(e));
  }
}

function show(granted) {
  $('nearby-consent').hidden = granted;
  $('nearby').hidden = !granted;
  $('region-mine').hidden = true;
  if (granted) {
    loadVisibility();
    shareAndList();
  } else {
    $('nearby-rooms').replaceChildren();
    $('nearby-users').replaceChildren();
  }
}

async function decide(granted) {
  say('');
  try {
    const policy = await api('GET', '/api/v1/policy');
    const decision = await api('PUT', '/api/v1/me/consents/location',
      { auth: true, body: { granted, policyVersion: policy.version, source: 'web' } });
    show(decision.granted);
    say(decision.granted ? 'Location consent granted.' : 'Location consent withdrawn; your stored location was deleted.',
      'info');
  } catch (e) {
    say(readable(e));
  }
}

function position() {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) {
      reject(new Error('This browser cannot tell its position.'));
      return;
    }
    navigator.geolocation.getCurrentPosition(resolve,
      () => reject(new Error('The browser did not share a position. Allow it for this site, then update.')),
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 });
  });
}

/** Shares the browser's position (the server keeps only its grid cell), then loads the lists. */
async function shareAndList() {
  $('nearby-status').textContent = 'Finding where you are…';
  try {
    const pos = await position();
    const receipt = await api('PUT', '/api/v1/me/location', { auth: true,
      body: { lat: pos.coords.latitude, lng: pos.coords.longitude, accuracy: Math.min(pos.coords.accuracy || 0, 100000) } });
    $('nearby-status').textContent = `Location shared (rounded to a ${receipt.cellMeters} m cell).`;
    $('region-code').textContent = receipt.region;
    $('region-mine').hidden = false;
  } catch (e) {
    $('nearby-status').textContent = readable(e);
  }
  await Promise.all([listRooms(), listUsers(), listRegion('/api/v1/regions/mine/hot')]);
}

async function listRooms() {
  try {
    const { rooms } = await api('GET', '/api/v1/nearby/rooms', { auth: true });
    $('nearby-rooms').replaceChildren(...rooms.map((room) => roomItem(room, room.distance)));
    $('nearby-rooms-empty').textContent = 'No live rooms near you right now.';
    $('nearby-rooms-empty').hidden = rooms.length > 0;
  } catch (e) {
    $('nearby-rooms').replaceChildren();
    $('nearby-rooms-empty').hidden = false;
    $('nearby-rooms-empty').textContent = readable(e);
  }
}

async function listUsers() {
  try {
    const { users } = await api('GET', '/api/v1/nearby/users', { auth: true });
    $('nearby-users').replaceChildren(...users.map((user) => {
      const li = document.createElement('li');
      li.className = 'card';
      li.textContent = `${user.nickname} · ${user.distance}`;
      return li;
    }));
    $('nearby-users-empty').textContent = 'Nobody near you is listed right now.';
    $('nearby-users-empty').hidden = users.length > 0;
  } catch (e) {
    $('nearby-users').replaceChildren();
    $('nearby-users-empty').hidden = false;
    $('nearby-users-empty').textContent = readable(e);
  }
}

async function loadVisibility() {
  try {
    $('nearby-visible').checked = (await api('GET', '/api/v1/me/nearby-visibility', { auth: true })).visibleNearby;
  } catch {
    // The box stays unticked: being listed is off by default.
  }
}

async function setVisible() {
  const visibleNearby = $('nearby-visible').checked;
  try {
    await api('PUT', '/api/v1/me/nearby-visibility', { auth: true, body: { visibleNearby } });
    say(visibleNearby ? 'People near you can now see you in Nearby.' : 'You are no longer listed in Nearby.', 'info');
  } catch (e) {
    $('nearby-visible').checked = !visibleNearby;
    say(readable(e));
  }
}

function lookUpRegion(event) {
  event.preventDefault();
  const code = $('region-input').value.trim().toLowerCase();
  if (code) {
    listRegion('/api/v1/regions/' + encodeURIComponent(code) + '/hot');
  }
}

/** One regional hot list: the caller's own region (needs the consent) or a named one (no consent). */
async function listRegion(path) {
  try {
    const hot = await api('GET', path + '?limit=20', { auth: true });
    $('region-list').replaceChildren(...hot.rooms.map((room) => roomItem(room, 'Region ' + hot.region)));
    $('region-empty').textContent = 'No live rooms in this region right now.';
    $('region-empty').hidden = hot.rooms.length > 0;
  } catch (e) {
    $('region-list').replaceChildren();
    $('region-empty').hidden = false;
    $('region-empty').textContent = readable(e);
  }
}
