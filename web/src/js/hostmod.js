// The host console's moderation: the pinned message (pin from a chat line, unpin), slow mode, and
// the room's moderators (added by user id; the API lists none, so the list is this visit's).
// Every action runs through the console's act(), which shows a failure as a sentence.
import { api } from './api.js';
import { $, say } from './page.js';

let roomPath = null;
let act = null;

/**
 * Wires the moderation controls for the console's room: {@code path(suffix)} is the room's API
 * path, {@code run(action)} the console's action runner. Returns {pin, showPinned, showSlowMode}.
 */
export function wireModeration(path, run) {
  roomPath = path;
  act = run;
  $('unpin').addEventListener('click', () => act(async () => {
    await api('DELETE', roomPath('/pin'), { auth: true });
    showPinned(null);
  }));
  $('slow-form').addEventListener('submit', setSlowMode);
  $('mod-form').addEventListener('submit', addModerator);
  return { pin, showPinned, showSlowMode };
}

function showPinned(message) {
  $('pinned-line').hidden = !message;
  $('pinned').textContent = message ? 'Pinned: ' + message.text : '';
}

/** Pins a chat line; a message only just sent may not be stored yet (about 0.5 s), so retry a little. */
async function pin(message) {
  await act(async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        showPinned(await api('PUT', roomPath('/pin'), { auth: true, body: { messageId: message.id } }));
        return;
      } catch (e) {
        if (e.code !== 'message_not_found' || attempt >= 5) {
          throw e;
        }
        await new Promise((resolve) => setTimeout(resolve, 400 * attempt));
      }
    }
  });
}

function showSlowMode(seconds) {
  $('slow-state').textContent = seconds > 0
    ? `Slow mode is on: ${seconds} s between a viewer's messages.` : 'Slow mode is off.';
}

async function setSlowMode(event) {
  event.preventDefault();
  const seconds = Number($('slow-seconds').value);
  await act(async () => {
    await api('PUT', roomPath('/slow-mode'), { auth: true, body: { seconds } });
    showSlowMode(seconds);
  });
}

async function addModerator(event) {
  event.preventDefault();
  const userId = Number($('mod-user').value);
  await act(async () => {
    let user;
    try {
      user = await api('GET', '/api/v1/users/' + userId, { auth: true });
    } catch (e) {
      throw e.status === 404 ? new Error('No user has the id ' + userId + '.') : e;
    }
    await api('POST', roomPath('/moderators'), { auth: true, body: { userId } });
    listModerator(userId, user.nickname);
    $('mod-user').value = '';
    say(`${user.nickname} is now a moderator of this room.`, 'info');
  });
}

function listModerator(userId, nickname) {
  const list = $('mod-list');
  list.querySelector(`li[data-user="${userId}"]`)?.remove();
  const li = document.createElement('li');
  li.dataset.user = String(userId);
  li.append(`${nickname} (user ${userId}) `);
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'link';
  remove.textContent = 'Remove';
  remove.setAttribute('aria-label', `Remove ${nickname} as moderator`);
  remove.addEventListener('click', () => act(async () => {
    await api('DELETE', roomPath('/moderators/' + userId), { auth: true });
    li.remove();
    say(`${nickname} is no longer a moderator.`, 'info');
  }));
  li.append(remove);
  list.append(li);
}
