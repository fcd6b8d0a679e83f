// AI painting: a picture is painted over the socket the way the mobile SDKs do it (docs/PROTOCOL.md,
// AI painting): RPC ai.paint starts it, and its events come as publications on the user's personal
// channel (queued, partial with a preview id, then done with the picture or error); Cancel sends
// ai.cancel. The gallery and today's usage come over HTTP (/api/v1/ai/images, /api/v1/me/ai/usage).
import { Centrifuge } from './centrifuge.js';
import { api, apiBlob, session, freshAccessToken } from './api.js';
import { readable } from './errors.js';
import { $, say, showAccount } from './page.js';

// The painting codes (PROTOCOL.md, 2400-2403): numbers in RPC replies, strings in publications and over HTTP.
const PAINT = {
  ai_image_size_unsupported: 'That size is not offered. Pick another one.',
  ai_image_quota_exceeded: 'You have painted as many pictures as you can today. It renews at midnight UTC.',
  ai_too_many_paintings: 'Other pictures are still being painted. Wait for one to finish, then try again.',
  ai_image_not_found: 'That picture is not in your gallery any more.',
  ai_cancelled: 'The painting was cancelled.',
};
const PAINT_NUMBERS = { 2400: 'ai_image_size_unsupported', 2401: 'ai_image_quota_exceeded',
  2402: 'ai_too_many_paintings', 2403: 'ai_image_not_found' };

let client = null;
/** The painting under way: {generationId, previews}, or null. */
let pending = null;
/** Publications that arrived before ai.paint's reply named their generation. */
let early = [];
let galleryCursor = null;

function message(error) {
  const code = typeof error?.code === 'number' ? PAINT_NUMBERS[error.code] : error?.code;
  return PAINT[code] || readable(error);
}

function setConnection(state, text) {
  $('connection').dataset.state = state;
  $('connection').textContent = text;
}

function setPaintState(state, text) {
  $('paint-state').dataset.state = state;
  $('paint-state').textContent = text;
}

function busy(painting) {
  $('cancel').hidden = !painting;
  $('paint').disabled = painting || !client;
}

async function loadUsage() {
  const usage = await api('GET', '/api/v1/me/ai/usage?days=1', { auth: true });
  const today = usage.days[0] || { imagesStarted: 0 };
  const limit = usage.quota.imagesPerDay;
  $('usage').dataset.used = today.imagesStarted;
  $('usage').textContent = `Today: ${today.imagesStarted} of ${limit} pictures (renews at midnight UTC).`;
}

function pictureItem(image) {
  const li = document.createElement('li');
  li.className = 'picture';
  li.dataset.id = image.id;
  const img = document.createElement('img');
  img.src = image.thumbUrl || image.url;
  img.alt = image.prompt;
  img.width = image.width;
  img.height = image.height;
  img.loading = 'lazy';
  const prompt = document.createElement('p');
  prompt.className = 'prompt';
  prompt.textContent = image.prompt + (image.style ? ` (${image.style})` : '') + ' · ' + image.size;
  const actions = document.createElement('p');
  actions.className = 'actions';
  const download = document.createElement('a');
  download.className = 'download';
  download.href = image.downloadUrl;
  download.download = `liveroom-${image.id}.png`;
  download.textContent = 'Download';
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'secondary delete';
  remove.textContent = 'Delete';
  remove.addEventListener('click', () => deletePicture(image.id, remove));
  actions.append(download, remove);
  li.append(img, prompt, actions);
  return li;
}

async function loadGallery(more = false) {
  const query = more && galleryCursor ? `?cursor=${encodeURIComponent(galleryCursor)}` : '';
  const page = await api('GET', '/api/v1/ai/images' + query, { auth: true });
  if (!more) {
    $('gallery').replaceChildren();
  }
  page.items.forEach((image) => $('gallery').append(pictureItem(image)));
  galleryCursor = page.nextCursor || null;
  $('gallery-more').hidden = !galleryCursor;
  $('gallery-empty').hidden = $('gallery').children.length > 0;
}

async function deletePicture(id, button) {
  button.disabled = true;
  say('');
  try {
    await api('DELETE', `/api/v1/ai/images/${id}`, { auth: true });
  } catch (e) {
    // Already gone (another device deleted it): the reload below shows the truth.
    if (e.code !== 'ai_image_not_found') {
      say(message(e));
    }
  }
  await loadGallery().catch((e) => say(message(e)));
}

async function paint(event) {
  event.preventDefault();
  const prompt = $('prompt').value.trim();
  if (!prompt || pending || !client) {
    return;
  }
  say('');
  const params = { prompt, size: $('size').value };
  const style = $('style').value.trim();
  if (style) {
    params.style = style;
  }
  pending = { generationId: null, previews: 0 };
  early = [];
  $('preview').hidden = true;
  $('result').hidden = true;
  setPaintState('starting', 'Starting…');
  busy(true);
  try {
    const reply = await client.rpc('ai.paint', params);
    pending.generationId = reply.data.generationId;
    const seen = early.filter((d) => d.generationId === pending.generationId);
    early = [];
    seen.forEach(onPaintEvent);
  } catch (e) {
    // Refused before it started (size, quota, moderation): the prompt stays to edit or retry.
    pending = null;
    setPaintState('refused', 'Not started.');
    busy(false);
    say(message(e));
  }
  loadUsage().catch(() => { /* refreshed again when the painting ends */ });
}

async function cancel() {
  if (!pending?.generationId) {
    return;
  }
  $('cancel').disabled = true;
  try {
    await client.rpc('ai.cancel', { generationId: pending.generationId });
  } catch (e) {
    // It finished meanwhile: its done publication settles the page.
    say(message(e), 'info');
  } finally {
    $('cancel').disabled = false;
  }
}

/** A publication on the personal channel; only painting events are ours here. */
function onPublication(data) {
  if (!data || data.kind !== 'paint' || !pending) {
    return;
  }
  if (!pending.generationId) {
    early.push(data);
    return;
  }
  if (data.generationId === pending.generationId) {
    onPaintEvent(data);
  }
}

async function onPaintEvent(data) {
  if (data.type === 'queued') {
    setPaintState('queued', 'Queued…');
  } else if (data.type === 'partial') {
    pending.previews += 1;
    setPaintState('painting', `Painting… (preview ${pending.previews})`);
    showPreview(data.previewMediaId, pending);
  } else if (data.type === 'done') {
    const img = $('result');
    img.src = data.url;
    img.width = data.width;
    img.height = data.height;
    img.hidden = false;
    $('preview').hidden = true;
    finish('done', 'Done. The picture is in your gallery.');
  } else if (data.type === 'error' && data.code === 'ai_cancelled') {
    finish('cancelled', 'Cancelled.');
  } else if (data.type === 'error') {
    const text = message({ code: data.code, message: 'The painting failed.' });
    finish('failed', text);
    say(text);
  }
}

/** Previews need the bearer token, and the CSP allows only data: besides our own origin. */
async function showPreview(id, painting) {
  try {
    const blob = await apiBlob(`/api/v1/ai/previews/${id}`);
    const url = await new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
    if (pending === painting) {
      $('preview').src = url;
      $('preview').hidden = false;
      $('preview').dataset.count = painting.previews;
    }
  } catch {
    // A preview that expired or failed to load is only a preview: the picture still comes.
  }
}

function finish(state, text) {
  pending = null;
  setPaintState(state, text);
  busy(false);
  Promise.all([loadGallery(), loadUsage()]).catch((e) => say(message(e)));
}

function connect() {
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/connection/websocket';
  const c = new Centrifuge(url, { token: session().accessToken, getToken: freshAccessToken });
  c.on('connecting', () => {
    setConnection('connecting', 'Connecting…');
    // A painting keeps running when the socket drops (PROTOCOL.md), but its events are lost with
    // the socket: the picture lands in the gallery, which is reloaded on reconnecting.
    if (pending) {
      finish('detached', 'The connection dropped. The picture will appear in your gallery when it is done.');
    }
  });
  c.on('connected', () => {
    const again = client !== null;
    client = c;
    setConnection('connected', 'Connected.');
    busy(Boolean(pending));
    if (again) {
      loadGallery().catch(() => { /* shown on the next action */ });
    }
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
  $('paint-form').addEventListener('submit', paint);
  $('cancel').addEventListener('click', cancel);
  $('gallery-more').addEventListener('click', () => loadGallery(true).catch((e) => say(message(e))));
  connect();
  try {
    await Promise.all([loadGallery(), loadUsage()]);
    document.body.dataset.ready = 'true';
  } catch (e) {
    say(message(e));
  }
}

start();
