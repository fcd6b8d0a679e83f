// Notes: the signed-in user's notes newest first with "Older" paging, search (title and text,
// Chinese included: the server matches substrings), a new text note, editing a note's title and
// text in place, and deleting. Only the public API (api.js); docs/NOTES.md describes it.
import { api } from './api.js';
import { readable } from './errors.js';
import { $, actionButton, el, say, startSignedIn } from './page.js';

const PAGE = 20;

// The notes API's codes as sentences; anything else falls back to the shared ones.
const NOTE_ERRORS = {
  note_not_found: 'That note is not there any more.',
  note_limit_reached: 'You keep as many notes as allowed. Delete some first.',
  note_too_long: 'That note is too long. Shorten the text.',
  note_source_not_found: 'That answer is not there any more.',
  media_not_found: 'That picture is not there any more.',
};

const SOURCES = { text: 'Note', ai_message: 'From an AI answer', image: 'Picture' };

let cursor = null;
let query = '';

function sentence(e) {
  // A refused field (a blank title) says which field and why; the page highlights none.
  const fields = e?.problem?.errors;
  if (e?.code === 'validation_failed' && Array.isArray(fields) && fields.length) {
    return fields.map((f) => f.message).join(' ');
  }
  return NOTE_ERRORS[e?.code] || readable(e);
}

/** A button whose failure is said with the notes API's sentences. */
function button(label, className, onClick) {
  return actionButton(label, className, onClick, sentence);
}

function when(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString();
}

/** One note as shown: title, text, where it came from and when it last changed, Edit and Delete. */
function noteItem(note) {
  const li = el('li', { className: 'note-item', attrs: { 'data-note-id': String(note.id) } });
  showNote(li, note);
  return li;
}

function showNote(li, note) {
  const title = el('strong', { text: note.title, className: 'note-title' });
  const text = el('p', { text: note.text || '', className: 'note-text' });
  const meta = el('p', { className: 'muted note-meta',
    text: `${SOURCES[note.source] || 'Note'} · ${when(note.updatedAt)}` });
  const parts = [title, text];
  if (note.mediaId) {
    parts.push(picture(note));
  }
  if (note.source === 'ai_message' && note.conversationId) {
    meta.append(' · ', el('a', { text: 'Open the conversation', attrs: { href: '/ai.html' } }));
  }
  const actions = el('div', { className: 'actions' });
  actions.append(button('Edit', 'edit secondary', async () => editNote(li, note)),
    button('Delete', 'delete danger', async () => {
      await api('DELETE', `/api/v1/notes/${note.id}`, { auth: true });
      li.remove();
      $('notes-empty').hidden = $('notes').children.length > 0;
      say('Note deleted.', 'info');
    }));
  li.replaceChildren(...parts, meta, actions);
}

/** A picture note's image, through the signed URL the media API hands its owner. */
function picture(note) {
  const img = el('img', { attrs: { alt: note.title || 'Picture', width: '320' } });
  img.hidden = true;
  api('GET', `/api/v1/media/${note.mediaId}`, { auth: true }).then((media) => {
    const url = media.urls?.medium || media.urls?.original;
    if (url) {
      img.src = url;
      img.hidden = false;
    }
  }).catch(() => { /* the note keeps its text; the picture may be gone */ });
  return img;
}

function editNote(li, note) {
  const form = el('form', { className: 'stack edit-form' });
  const titleId = `edit-title-${note.id}`;
  const textId = `edit-text-${note.id}`;
  const title = el('input', { className: 'edit-title', attrs: { id: titleId, maxlength: '200', required: '' } });
  title.value = note.title;
  const text = el('textarea', { className: 'edit-text', attrs: { id: textId, rows: '4' } });
  text.value = note.text || '';
  const save = el('button', { text: 'Save', className: 'save', attrs: { type: 'submit' } });
  const cancel = button('Cancel', 'cancel secondary', async () => showNote(li, note));
  form.append(el('label', { text: 'Title', attrs: { for: titleId } }), title,
    el('label', { text: 'Text', attrs: { for: textId } }), text, el('div', { className: 'actions' }));
  form.lastChild.append(save, cancel);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    save.disabled = true;
    try {
      const updated = await api('PATCH', `/api/v1/notes/${note.id}`,
        { body: { title: title.value.trim(), text: text.value }, auth: true });
      showNote(li, updated);
      say('Note saved.', 'info');
    } catch (e) {
      say(sentence(e));
    } finally {
      save.disabled = false;
    }
  });
  li.replaceChildren(form);
  title.focus();
}

/** The first page (replacing the list) or the next older one, for the current search. */
async function loadPage(first) {
  let path = `/api/v1/notes?limit=${PAGE}`;
  if (query) {
    path += '&q=' + encodeURIComponent(query);
  }
  if (!first && cursor) {
    path += '&cursor=' + encodeURIComponent(cursor);
  }
  const page = await api('GET', path, { auth: true });
  const items = page.items.map(noteItem);
  if (first) {
    $('notes').replaceChildren(...items);
  } else {
    $('notes').append(...items);
  }
  cursor = page.nextCursor ?? null;
  $('more').hidden = !cursor;
  $('notes-empty').hidden = $('notes').children.length > 0;
  $('notes-empty').textContent = query ? 'No notes contain that.' : 'No notes yet.';
  $('showing').textContent = query ? `Notes containing "${query}"` : '';
  $('search-clear').hidden = !query;
}

async function search(q) {
  say('');
  query = q;
  await loadPage(true);
}

async function create(event) {
  event.preventDefault();
  const text = $('new-text').value;
  if (!text.trim()) {
    return;
  }
  const body = { text };
  const title = $('new-title').value.trim();
  if (title) {
    body.title = title;
  }
  $('new-save').disabled = true;
  try {
    await api('POST', '/api/v1/notes', { body, auth: true });
    $('new-form').reset();
    // The new note is the newest: show the first page again, without a search that may hide it.
    $('search-q').value = '';
    await search('');
    say('Note saved.', 'info');
  } catch (e) {
    say(sentence(e));
  } finally {
    $('new-save').disabled = false;
  }
}

function wire() {
  $('new-form').addEventListener('submit', create);
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    search($('search-q').value.trim()).catch((e) => say(sentence(e)));
  });
  $('search-clear').addEventListener('click', () => {
    $('search-q').value = '';
    search('').catch((e) => say(sentence(e)));
  });
  $('more').addEventListener('click', () => loadPage(false)
    .catch((e) => say('Older notes could not be loaded: ' + sentence(e))));
}

startSignedIn({
  wire,
  load: async () => {
    $('private').hidden = false;
    await loadPage(true);
  },
  sentence,
});
