// A room in a list (Live now's hot, regional and Nearby lists): a link to its viewer.

/** A room as a link to its viewer: a Room ({@code id}) or a regional/nearby room ({@code roomId}). */
export function roomItem(room, extra = '') {
  const li = document.createElement('li');
  const link = document.createElement('a');
  link.href = '/room.html?id=' + encodeURIComponent(room.id ?? room.roomId);
  link.className = 'room-link';
  const title = document.createElement('span');
  title.className = 'room-title';
  title.textContent = room.title;
  const meta = document.createElement('span');
  meta.className = 'room-meta';
  meta.textContent = [extra, room.category, ...(room.tags || [])].filter(Boolean).join(' · ');
  link.append(title, meta);
  li.append(link);
  return li;
}
