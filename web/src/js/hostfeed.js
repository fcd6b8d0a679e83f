// The host console's view of its room's channel through centrifuge-js: chat and room events in a
// log (each chat line with a Pin button), the audience count from presence, and the host's own
// chat. The same subscription as the room viewer's (js/room.js), kept apart so the two pages can
// change independently; docs/PROTOCOL.md describes the publications.
import { Centrifuge } from './centrifuge.js';
import { session, freshAccessToken } from './api.js';
import { readable } from './errors.js';
import { $, say } from './page.js';

/**
 * Opens the room's channel. {@code hooks}: onPin(message) when the host clicks a line's Pin,
 * onPinned(message|null) on pinned/unpinned, onStatus(status) on started/ended, onLikes(total),
 * onGift() per gift, onSlowMode(seconds). Returns {sendChat(text), refreshAudience()}.
 */
export function openFeed(room, hooks) {
  const seen = new Set();
  let everConnected = false;
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/connection/websocket';
  const client = new Centrifuge(url, { token: session().accessToken, getToken: freshAccessToken });
  const subscription = client.newSubscription(room.channel);

  function addLine(kind, parts, message) {
    if (message?.id) {
      if (seen.has(message.id)) {
        return;
      }
      seen.add(message.id);
    }
    const li = document.createElement('li');
    li.className = kind;
    for (const [cls, text] of parts) {
      const span = document.createElement('span');
      span.className = cls;
      span.textContent = text;
      li.append(span, ' ');
    }
    if (message?.id) {
      li.dataset.id = message.id;
      const pin = document.createElement('button');
      pin.type = 'button';
      pin.className = 'link pin';
      pin.textContent = 'Pin';
      pin.setAttribute('aria-label', 'Pin this message');
      pin.addEventListener('click', () => hooks.onPin(message));
      li.append(pin);
    }
    const log = $('chat-log');
    log.append(li);
    log.scrollTop = log.scrollHeight;
  }

  function onPublication(data) {
    const who = data.sender?.nickname ?? 'Someone';
    switch (data.type) {
      case 'chat':
        addLine('chat', [['time', time(data.ts)], ['sender', data.sender?.nickname ?? '?'], ['text', data.text]], data);
        break;
      case 'likes':
        hooks.onLikes(data.total);
        break;
      case 'gift':
        addLine('event gift', [['text', `${who} sent ${data.count ?? 1} × ${data.gift?.name ?? 'a gift'}.`]]);
        hooks.onGift();
        break;
      case 'started':
        hooks.onStatus('live');
        addLine('event', [['text', 'You are live.']]);
        break;
      case 'ended':
        hooks.onStatus(data.reason === 'closed_by_admin' ? 'closed' : 'idle');
        addLine('event', [['text', 'The live session ended.']]);
        break;
      case 'removed':
        document.querySelector(`#chat-log li[data-id="${CSS.escape(data.id)}"]`)?.remove();
        break;
      case 'pinned':
        hooks.onPinned(data.message);
        break;
      case 'unpinned':
        hooks.onPinned(null);
        break;
      case 'moderation':
        onModeration(data);
        break;
      default:
        break;
    }
  }

  function onModeration(data) {
    if (data.action === 'slow_mode') {
      hooks.onSlowMode(data.seconds);
      addLine('event', [['text', data.seconds ? `Slow mode: ${data.seconds} s.` : 'Slow mode is off.']]);
    } else {
      addLine('event', [['text', `Moderation: ${data.action} of user ${data.userId}.`]]);
    }
  }

  async function refreshAudience() {
    if (subscription.state !== 'subscribed') {
      return;
    }
    try {
      const stats = await subscription.presenceStats();
      // Presence counts distinct users; this console subscribes as the host, so the rest watch.
      $('viewer-count').textContent = String(Math.max(0, stats.numUsers - 1));
    } catch {
      // Presence is informative; the next join, leave or tick retries.
    }
  }

  async function loadHistory() {
    try {
      const page = await subscription.history({ limit: 30, reverse: true });
      page.publications.slice().reverse().forEach((p) => onPublication(p.data));
    } catch {
      // Older chat is a convenience: live chat works without it.
    }
  }

  client.on('connecting', () => setConnection(everConnected ? 'reconnecting' : 'connecting',
    everConnected ? 'Reconnecting…' : 'Connecting…'));
  client.on('connected', () => { everConnected = true; });
  client.on('disconnected', (ctx) => setConnection('disconnected', 'Disconnected: ' + (ctx.reason || 'closed') + '.'));
  subscription.on('publication', (ctx) => onPublication(ctx.data));
  subscription.on('subscribed', (ctx) => {
    if (ctx.wasRecovering && ctx.recovered) {
      setConnection('recovered', 'Reconnected: missed messages recovered.');
    } else {
      setConnection('connected', 'Connected to the room.');
      loadHistory();
    }
    refreshAudience();
  });
  subscription.on('join', refreshAudience);
  subscription.on('leave', refreshAudience);
  subscription.on('error', (ctx) => say(readable(ctx.error)));
  subscription.subscribe();
  client.connect();

  return {
    refreshAudience,
    async sendChat(text) {
      await subscription.publish({ text });
    },
  };
}

function setConnection(state, text) {
  const el = $('connection');
  el.dataset.state = state;
  el.textContent = text;
}

function time(ts) {
  return new Date(ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
