// AI chat: conversations over HTTP (/api/v1/ai/conversations), answers over the socket the way
// the mobile SDKs get them (docs/PROTOCOL.md, AI dialogue): RPC ai.chat starts a generation and
// its tokens arrive as publications on the user's personal channel (start, delta..., then done or
// error); Stop sends ai.cancel, and the server stops the upstream and keeps the partial answer.
import { Centrifuge } from './centrifuge.js';
import { api, session, freshAccessToken } from './api.js';
import { readable } from './errors.js';
import { $, say, showAccount } from './page.js';

let client = null;
let current = null; // the open conversation
/** The answer being streamed: {requestId, generationId, item, text}, or null. */
let pending = null;

function setConnection(state, text) {
  $('connection').dataset.state = state;
  $('connection').textContent = text;
}

function setAnswerState(state, text) {
  $('answer-state').dataset.state = state;
  $('answer-state').textContent = text;
}

function busy(streaming) {
  $('stop').hidden = !streaming;
  $('ask').disabled = streaming || !current || !client;
}

/** One turn in the transcript; returns the element whose text an answer grows into. */
function addTurn(role, content, status, messageId) {
  const li = document.createElement('li');
  li.className = 'turn ' + role;
  const who = document.createElement('span');
  who.className = 'sender';
  who.textContent = role === 'user' ? 'You' : 'Assistant';
  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = content;
  li.append(who, ' ', text);
  if (status === 'cancelled') {
    li.append(' ', note('(stopped)'));
  }
  if (role === 'assistant' && messageId) {
    li.append(' ', saveToNotes(messageId));
  }
  $('transcript').append(li);
  $('transcript').scrollTop = $('transcript').scrollHeight;
  return li;
}

/** "Save to notes": the server copies the stored answer into a new note (docs/NOTES.md). */
function saveToNotes(messageId) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'small secondary save-note';
  button.textContent = 'Save to notes';
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api('POST', '/api/v1/notes', { body: { conversationId: current.id, messageId }, auth: true });
      button.replaceWith(note('Saved to notes.'));
    } catch (e) {
      button.disabled = false;
      say(readable(e));
    }
  });
  return button;
}

function note(text) {
  const span = document.createElement('span');
  span.className = 'note';
  span.textContent = text;
  return span;
}

async function loadConversations() {
  const list = await api('GET', '/api/v1/ai/conversations', { auth: true });
  const ul = $('conversations');
  ul.replaceChildren();
  for (const c of list.items) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link';
    button.dataset.id = c.id;
    button.textContent = c.title;
    if (current?.id === c.id) {
      button.setAttribute('aria-current', 'true');
    }
    button.addEventListener('click', () => openConversation(c).catch((e) => say(readable(e))));
    li.append(button);
    ul.append(li);
  }
  if (!list.items.length) {
    ul.append(Object.assign(document.createElement('li'), { textContent: 'No conversations yet.' }));
  }
}

async function openConversation(conversation) {
  if (pending) {
    say('Wait for the answer to finish, or stop it, before switching.', 'info');
    return;
  }
  current = conversation;
  $('conversation-title').textContent = conversation.title;
  const messages = await api('GET', `/api/v1/ai/conversations/${conversation.id}/messages`, { auth: true });
  $('transcript').replaceChildren();
  messages.items.forEach((m) => addTurn(m.role, m.content, m.status, m.id));
  setAnswerState('idle', '');
  $('question').disabled = false;
  busy(false);
  await loadConversations();
}

async function newConversation() {
  say('');
  try {
    const created = await api('POST', '/api/v1/ai/conversations', { auth: true, body: {} });
    await openConversation(created);
    $('question').focus();
  } catch (e) {
    say(readable(e));
  }
}

async function ask(event) {
  event.preventDefault();
  const text = $('question').value.trim();
  if (!text || pending || !current) {
    return;
  }
  say('');
  const asked = addTurn('user', text);
  // The start publication may arrive before the RPC reply, so the answer is keyed by requestId.
  const requestId = 'web-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 8);
  pending = { requestId, generationId: null, item: addTurn('assistant', ''), text: '' };
  setAnswerState('streaming', 'Answering…');
  busy(true);
  try {
    const reply = await client.rpc('ai.chat', { conversationId: current.id, text, requestId });
    if (pending?.requestId === requestId) {
      pending.generationId = reply.data.generationId;
    }
    $('question').value = '';
  } catch (e) {
    // Refused before it started (quota, moderation): nothing was saved, so the turn goes and
    // the question stays in the box to edit or retry.
    asked.remove();
    if (pending?.requestId === requestId) {
      pending.item.remove();
      pending = null;
    }
    setAnswerState('idle', '');
    busy(false);
    say(readable(e));
  }
}

async function stop() {
  if (!pending?.generationId) {
    return;
  }
  $('stop').disabled = true;
  try {
    await client.rpc('ai.cancel', { generationId: pending.generationId });
  } catch (e) {
    // ai_generation_not_found: it finished meanwhile; its done publication settles the page.
    say(readable(e));
  } finally {
    $('stop').disabled = false;
  }
}

/** A publication on the personal channel; only the AI's generation events are ours here. */
function onPublication(data) {
  if (!data || !pending) {
    return;
  }
  if (data.type === 'start' && data.requestId === pending.requestId) {
    pending.generationId = data.generationId;
    return;
  }
  if (data.generationId !== pending.generationId) {
    return;
  }
  if (data.type === 'delta') {
    pending.text += data.text;
    pending.item.querySelector('.text').textContent = pending.text;
    $('transcript').scrollTop = $('transcript').scrollHeight;
  } else if (data.type === 'done') {
    if (data.messageId) {
      pending.item.append(' ', saveToNotes(data.messageId));
    }
    finish('complete', 'Answer complete.');
  } else if (data.type === 'error' && data.code === 'ai_cancelled') {
    pending.item.append(' ', note('(stopped)'));
    finish('stopped', 'Stopped. The part received so far is kept.');
  } else if (data.type === 'error') {
    const message = readable({ code: data.code, message: 'The answer failed.' });
    pending.item.append(' ', note('(failed)'));
    finish('failed', message);
    say(message);
  }
}

function finish(state, text) {
  pending = null;
  setAnswerState(state, text);
  busy(false);
  loadConversations().catch(() => { /* the list is refreshed on the next action */ });
}

function connect() {
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/connection/websocket';
  const c = new Centrifuge(url, { token: session().accessToken, getToken: freshAccessToken });
  c.on('connecting', () => {
    setConnection('connecting', 'Connecting…');
    // The server cancels a generation when the connection that asked drops (PROTOCOL.md), and
    // its last publications are lost with the socket: settle the answer here.
    if (pending) {
      pending.item.append(' ', note('(cut off)'));
      finish('failed', 'The connection dropped, so the answer was cut off. Ask again.');
    }
  });
  c.on('connected', () => {
    client = c;
    setConnection('connected', 'Connected.');
    busy(Boolean(pending));
  });
  c.on('disconnected', (ctx) => setConnection('disconnected', 'Disconnected: ' + (ctx.reason || 'closed') + '.'));
  // The personal channel is a server-side subscription: its publications come on the client.
  c.on('publication', (ctx) => onPublication(ctx.data));
  c.connect();
}

async function start() {
  showAccount();
  if (!session()) {
    location.href = '/signin.html';
    return;
  }
  $('new-conversation').addEventListener('click', newConversation);
  $('ask-form').addEventListener('submit', ask);
  $('stop').addEventListener('click', stop);
  connect();
  try {
    await loadConversations();
  } catch (e) {
    say(readable(e));
  }
}

start();
