// Moderation controls in the room viewer, for the room's staff only: delete a chat message, and
// mute, kick or ban its sender (the HTTP routes of docs/PROTOCOL.md, Moderation). The server
// decides: a control shown to someone who may not use it is refused with a readable sentence.
import { api } from './api.js';
import { readable } from './errors.js';
import { $, say } from './page.js';

const MUTE_SECONDS = 600;
const state = { roomId: 0, hostId: 0, me: null, staff: false };

/**
 * Decides whether the viewer is staff here: the host, a moderator the host appointed
 * ({@code GET /api/v1/rooms/{id}/moderation} answers {@code staff}), or platform staff.
 */
export async function setUpModeration(room, me) {
  state.roomId = room.id;
  state.hostId = room.hostId;
  state.me = me;
  state.staff = me?.id === room.hostId || me?.role === 'moderator' || me?.role === 'admin';
  if (!state.staff && me) {
    try {
      state.staff = (await api('GET', `/api/v1/rooms/${room.id}/moderation`, { auth: true })).staff === true;
    } catch {
      state.staff = false;
    }
  }
  $('main').dataset.staff = String(state.staff);
  return state.staff;
}

/** The controls for one chat line, or null when the viewer is not staff. */
export function controlsFor(message) {
  if (!state.staff || !message.id) {
    return null;
  }
  const box = document.createElement('details');
  box.className = 'mod';
  const summary = document.createElement('summary');
  summary.textContent = 'Moderate';
  summary.setAttribute('aria-label', `Moderate the message from ${message.sender?.nickname ?? 'this user'}`);
  box.append(summary);
  const actions = document.createElement('span');
  actions.className = 'mod-actions';
  actions.append(action('Delete', () => remove(message)));
  const senderId = message.sender?.id;
  if (senderId && senderId !== state.hostId && senderId !== state.me?.id) {
    const who = message.sender.nickname ?? 'this user';
    actions.append(
      action('Mute 10 min', () => post('mutes', { userId: senderId, durationSeconds: MUTE_SECONDS }, `${who} is muted for 10 minutes.`)),
      action('Kick', () => post('kicks', { userId: senderId }, `${who} was removed from the room for a while.`)),
      action('Ban', () => post('bans', { userId: senderId }, `${who} is banned from this room.`)));
  }
  box.append(actions);
  return box;
}

function action(label, run) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'secondary small';
  button.textContent = label;
  button.addEventListener('click', run);
  return button;
}

async function remove(message) {
  try {
    await api('DELETE', `/api/v1/rooms/${state.roomId}/messages/${encodeURIComponent(message.id)}`, { auth: true });
    say('Message deleted.', 'info');
  } catch (e) {
    say(readable(e));
  }
}

async function post(what, body, done) {
  try {
    await api('POST', `/api/v1/rooms/${state.roomId}/${what}`, { auth: true, body });
    say(done, 'info');
  } catch (e) {
    say(readable(e));
  }
}

/** A feed line for a {@code moderation} publication, and a sentence when it concerns the viewer. */
export function moderationNotice(data) {
  const aboutMe = data.userId != null && data.userId === state.me?.id;
  switch (data.action) {
    case 'mute':
      if (aboutMe) {
        say('You are muted in this room.');
      }
      return aboutMe ? 'You were muted.' : 'A viewer was muted.';
    case 'kick':
      return aboutMe ? 'You were removed from the room.' : 'A viewer was removed from the room.';
    case 'ban':
      return aboutMe ? 'You were banned from this room.' : 'A viewer was banned from this room.';
    case 'slow_mode':
      return data.seconds > 0 ? `Slow mode is on: one message every ${data.seconds} s.` : 'Slow mode is off.';
    default:
      return null;
  }
}
