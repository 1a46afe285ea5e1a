// The joined rooms in the navigation: a link to each, its unread count (said to screen
// readers too: "music, 3 unread") and a button to leave it. Items are kept, not rebuilt,
// so a focused link stays focused while counts change.
import { GENERAL, hashOf } from './rooms.js';

/** An unread count on a badge, hidden while there is none. */
export function showUnread(badge, unread) {
  badge.textContent = unread > 99 ? '99+' : String(unread);
  badge.hidden = unread === 0;
}

/**
 * @param list the <ul> of rooms
 * @param onLeave (name) => void, for every room but general
 */
export function createRoomList({ list, onLeave }) {
  const items = new Map();

  function item(name) {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = hashOf(name);
    const label = document.createElement('span');
    label.className = 'room-name';
    label.textContent = name;
    const badge = document.createElement('span');
    badge.className = 'unread';
    badge.setAttribute('aria-hidden', 'true');
    link.append(label, badge);
    li.append(link);
    if (name !== GENERAL) {
      const leave = document.createElement('button');
      leave.type = 'button';
      leave.className = 'leave';
      leave.setAttribute('aria-label', `Leave ${name}`);
      leave.title = `Leave ${name}`;
      leave.textContent = '×';
      leave.addEventListener('click', () => onLeave(name));
      li.append(leave);
    }
    return { li, link, badge };
  }

  return {
    /**
     * @param rooms [{name, unread}] in the order to list them
     * @param open the open room's name
     */
    show(rooms, open) {
      const names = new Set(rooms.map((room) => room.name));
      for (const [name, { li }] of items) {
        if (!names.has(name)) {
          li.remove();
          items.delete(name);
        }
      }
      rooms.forEach(({ name, unread }, index) => {
        if (!items.has(name)) items.set(name, item(name));
        const shown = items.get(name);
        // Moving an element takes the focus from it: only what is out of place moves.
        if (list.children[index] !== shown.li) list.insertBefore(shown.li, list.children[index] ?? null);
        if (name === open) shown.link.setAttribute('aria-current', 'page');
        else shown.link.removeAttribute('aria-current');
        showUnread(shown.badge, unread);
        // A name of its own: the badge's flex layout would read as "music , 3 unread".
        shown.link.setAttribute('aria-label', unread ? `${name}, ${unread} unread` : name);
      });
    },
  };
}
