// Gifts in the room viewer: the catalogue (GET /api/v1/gifts), the coin balance
// (GET /api/v1/me/wallet), sending through RPC gift.send (docs/PROTOCOL.md, Rewards), gift events
// as feed lines, and the room's and live session's leaderboards. Each tap gets its own requestId,
// reused on the one retry of a temporary refusal, so a retried tap is never charged twice.
import { api } from './api.js';
import { readable } from './errors.js';
import { $, say } from './page.js';

/** Refusals the protocol marks temporary: the same requestId may be sent again as it is. */
const TEMPORARY = new Set([111, 1312]);
const state = { roomId: 0, sessionId: null, rpc: null, boardTimer: null };

/** Shows the gift panel and loads catalogue, balance and leaderboards; the host sees no send buttons. */
export async function setUpGifts(room, rpc, canSend) {
  state.roomId = room.id;
  state.sessionId = room.sessionId ?? null;
  state.rpc = rpc;
  $('gifts').hidden = false;
  $('gift-list').hidden = !canSend;
  $('gift-host-note').hidden = canSend;
  await Promise.all([canSend ? loadCatalogue() : null, loadWallet(), loadBoards()]);
}

async function loadCatalogue() {
  try {
    const catalogue = await api('GET', '/api/v1/gifts');
    const items = (catalogue.items || []).filter((g) => g.active !== false);
    $('gift-list').replaceChildren(...items.map(giftButton));
    $('gift-none').hidden = items.length > 0;
  } catch (e) {
    say('The gifts could not be loaded: ' + readable(e));
  }
}

function giftButton(gift) {
  const li = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'gift secondary';
  button.dataset.giftId = String(gift.id);
  button.dataset.price = String(gift.priceCoins);
  button.textContent = `${gift.name} · ${gift.priceCoins}`;
  button.setAttribute('aria-label', `Send ${gift.name} for ${gift.priceCoins} coins`);
  button.addEventListener('click', () => sendGift(gift));
  li.append(button);
  return li;
}

async function loadWallet() {
  try {
    const wallet = await api('GET', '/api/v1/me/wallet', { auth: true });
    showBalance(wallet.coins?.balance ?? 0);
  } catch (e) {
    $('wallet-balance').textContent = '?';
  }
}

function showBalance(coins) {
  $('wallet-balance').textContent = String(coins);
}

async function sendGift(gift) {
  say('');
  const data = { roomId: state.roomId, giftId: gift.id, count: 1, requestId: 'web-' + crypto.randomUUID() };
  try {
    let reply;
    try {
      reply = await state.rpc('gift.send', data);
    } catch (e) {
      if (!TEMPORARY.has(e.code)) {
        throw e;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      reply = await state.rpc('gift.send', data);
    }
    showBalance(reply.data.balance);
    say(`You sent ${gift.name}.`, 'info');
  } catch (e) {
    say(readable(e));
    loadWallet();
  }
}

/** The feed line's parts for a gift publication (docs/PROTOCOL.md, Publication gift). */
export function giftLine(data) {
  const who = data.sender?.nickname ?? 'Someone';
  const what = `${data.gift?.name ?? 'a gift'}${data.count > 1 ? ' ×' + data.count : ''}`;
  const combo = data.combo > 1 ? ` · combo ×${data.combo}` : '';
  return [['sender', who], ['text', `sent ${what} (${data.coins} coins)${combo}`]];
}

/** A gift landed in the room: the boards changed (they are updated before the publication). */
export function giftArrived() {
  if (state.boardTimer === null) {
    state.boardTimer = setTimeout(() => {
      state.boardTimer = null;
      loadBoards();
    }, 300);
  }
}

/** A new live session started: its board starts empty. */
export function sessionStarted(sessionId) {
  state.sessionId = sessionId ?? null;
  loadBoards();
}

async function loadBoards() {
  const room = api('GET', `/api/v1/rooms/${state.roomId}/leaderboard?limit=10`, { auth: true });
  const session = state.sessionId
    ? api('GET', `/api/v1/live-sessions/${state.sessionId}/leaderboard?limit=10`)
    : Promise.resolve(null);
  const [roomBoard, sessionBoard] = await Promise.allSettled([room, session]);
  showBoard('board-room', roomBoard);
  showBoard('board-session', sessionBoard);
}

function showBoard(id, result) {
  const list = $(id);
  const empty = $(id + '-empty');
  if (result.status === 'rejected' || !result.value) {
    list.replaceChildren();
    empty.textContent = result.status === 'rejected' ? 'Not available right now.' : 'No live session.';
    empty.hidden = false;
    return;
  }
  const items = result.value.items || [];
  list.replaceChildren(...items.map((entry) => {
    const li = document.createElement('li');
    li.dataset.rank = String(entry.rank);
    const name = document.createElement('span');
    name.className = 'sender';
    name.textContent = entry.nickname ?? 'A former user';
    li.append(name, ` ${entry.score} coins`);
    return li;
  }));
  empty.textContent = 'No gifts yet.';
  empty.hidden = items.length > 0;
}
