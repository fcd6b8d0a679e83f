// Posts: compose (text, pictures uploaded through POST /api/v1/media, visibility), then the
// signed-in user's posts, or another user's with ?user=<id>, with like, comment, share and delete.
// Only the public API (api.js); text is always set as text, never as HTML.
import { api, session } from './api.js';
import { readable } from './errors.js';
import { $, actionButton, el, say, startSignedIn } from './page.js';

let me = null;
let author = null;
let cursor = null;

function pictures(post) {
  const box = el('div', { className: 'post-pictures' });
  post.pictures.forEach((p, i) => box.append(el('img', {
    attrs: { src: p.thumbUrl, alt: `Picture ${i + 1}`, loading: 'lazy', width: '120', height: '120' },
  })));
  return box;
}

/** One post with its counts and actions; repostOf is shown as a quoted original. */
function postItem(post) {
  const li = el('li', { className: 'post', attrs: { 'data-post-id': String(post.id) } });
  fill(li, post);
  return li;
}

function fill(li, post) {
  const head = el('p', { className: 'muted' });
  head.append(el('strong', { text: post.author.nickname, className: 'nickname' }), ` · ${post.visibility}`);
  const body = [head, el('p', { text: post.text, className: 'post-text' })];
  if (post.pictures.length) {
    body.push(pictures(post));
  }
  if (post.videoUrl) {
    body.push(el('a', { text: post.videoUrl, attrs: { href: post.videoUrl, rel: 'noopener noreferrer' } }));
  }
  if (post.repostOf) {
    const quote = el('blockquote', { className: 'repost' });
    quote.append(el('strong', { text: post.repostOf.author.nickname }), ': ', post.repostOf.text);
    body.push(quote);
  }
  const counts = el('p', { className: 'muted counts' });
  counts.append(el('span', { text: String(post.counts.likes), className: 'likes' }), ' likes · ',
    el('span', { text: String(post.counts.comments), className: 'comments-count' }), ' comments · ',
    el('span', { text: String(post.counts.shares), className: 'shares' }), ' shares');
  const reload = async () => fill(li, await api('GET', `/api/v1/posts/${post.id}`, { auth: true }));
  const actions = el('div', { className: 'actions' });
  actions.append(post.likedByMe
    ? actionButton('Unlike', 'like secondary', async () => { await api('DELETE', `/api/v1/posts/${post.id}/like`, { auth: true }); await reload(); })
    : actionButton('Like', 'like', async () => { await api('PUT', `/api/v1/posts/${post.id}/like`, { auth: true }); await reload(); }));
  if (post.author.id !== me.id) {
    actions.append(actionButton('Share', 'share secondary', async () => {
      await api('POST', `/api/v1/posts/${post.id}/share`, { auth: true, body: {} });
      say('Shared to your posts.', 'ok');
      await reload();
    }));
  } else {
    actions.append(actionButton('Delete', 'delete secondary', async () => {
      await api('DELETE', `/api/v1/posts/${post.id}`, { auth: true });
      li.remove();
    }));
  }
  li.replaceChildren(...body, counts, actions, comments(post, reload));
}

/** The post's comments and a form to add one. */
function comments(post, reload) {
  const box = el('div', { className: 'post-comments' });
  const list = el('ul', { className: 'comments', attrs: { 'aria-label': 'Comments' } });
  const form = el('form', { className: 'comment-form' });
  const label = el('label', { text: 'Comment', className: 'visually-hidden', attrs: { for: `comment-${post.id}` } });
  const input = el('input', { attrs: { id: `comment-${post.id}`, type: 'text', maxlength: '500', required: '' } });
  form.append(label, input, el('button', { text: 'Comment', className: 'small', attrs: { type: 'submit' } }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api('POST', `/api/v1/posts/${post.id}/comments`, { auth: true, body: { text: input.value } });
      input.value = '';
      await reload();
    } catch (err) {
      say(readable(err));
    }
  });
  api('GET', `/api/v1/posts/${post.id}/comments`, { auth: true }).then((page) => {
    page.items.forEach((c) => {
      const item = el('li', { className: 'comment' });
      item.append(el('strong', { text: c.author.nickname ?? 'someone' }), ': ', c.text);
      list.append(item);
    });
  }).catch(() => { /* the post stays without its comments */ });
  box.append(list, form);
  return box;
}

async function loadPosts(reset) {
  if (reset) {
    cursor = null;
    $('posts').replaceChildren();
  }
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  const page = await api('GET', `/api/v1/users/${author}/posts${query}`, { auth: true });
  page.items.forEach((p) => $('posts').append(postItem(p)));
  cursor = page.nextCursor ?? null;
  $('more').hidden = !cursor;
  $('posts-empty').hidden = $('posts').children.length > 0;
}

async function compose(e) {
  e.preventDefault();
  const files = [...$('post-pictures').files].slice(0, 9);
  const status = $('compose-status');
  try {
    const ids = [];
    for (const file of files) {
      status.textContent = `Uploading ${ids.length + 1} of ${files.length}…`;
      const form = new FormData();
      form.append('purpose', 'post');
      form.append('file', file);
      ids.push((await api('POST', '/api/v1/media', { auth: true, body: form })).id);
    }
    const body = { text: $('post-text').value, visibility: $('post-visibility').value };
    if (ids.length) {
      body.pictures = ids;
    }
    await api('POST', '/api/v1/posts', { auth: true, body });
    status.textContent = 'Posted.';
    $('compose-form').reset();
    if (author === me.id) {
      await loadPosts(true);
    }
  } catch (err) {
    status.textContent = '';
    say(readable(err));
  }
}

startSignedIn({
  wire: () => {
    me = session().user;
    const other = Number(new URLSearchParams(location.search).get('user'));
    author = other > 0 ? other : me.id;
    if (author !== me.id) {
      $('list-title').textContent = 'Their posts';
    }
    $('compose-form').addEventListener('submit', compose);
    $('more').addEventListener('click', () => loadPosts(false).catch((e) => say(readable(e))));
  },
  load: async () => {
    $('private').hidden = false;
    await loadPosts(true);
  },
});
