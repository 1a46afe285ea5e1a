// A room's message list: stored messages in id order, each shown once, plus presence
// notices and the outbox of sends still waiting for their own broadcast. User text only ever
// reaches the page through textContent.

const STICKY_PX = 80;
const GROUP_MS = 5 * 60 * 1000;
// Longer than one broadcast can be overtaken by another server's through the broker.
const RESUME_MARGIN_MS = 10_000;
const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const fullDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

/**
 * The scroller all rooms share, and the "new messages" hint under it: whether the reader
 * is at the newest, and keeping them there as messages come.
 */
export function createViewport({ scroller, hint }) {
  const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < STICKY_PX;
  const scrollToBottom = () => { scroller.scrollTop = scroller.scrollHeight; hint.hidden = true; };
  scroller.addEventListener('scroll', () => { if (nearBottom()) hint.hidden = true; });
  hint.addEventListener('click', scrollToBottom);

  return {
    scroller,
    nearBottom,
    scrollToBottom,

    /** Keeps the newest in view, unless the reader scrolled up: then points at what is new. */
    keepingPlace(change, { follow = false } = {}) {
      const stick = follow || nearBottom();
      change();
      if (stick) scrollToBottom();
      else hint.hidden = false;
    },
  };
}

/**
 * One room's messages, in a view of its own that is shown while the room is open.
 * @param view holds the room's list (.timeline) and its outbox (.outbox)
 */
export function createTimeline({ viewport, view, announcer }) {
  const list = view.querySelector('.timeline');
  const outbox = view.querySelector('.outbox');
  const shownIds = new Set();
  let lastId = 0;
  let oldestId = Infinity;
  // Every stored message of this room up to this id is shown. Ids are shared by all rooms,
  // so a room's own have gaps and cannot tell what is missing; their order can. The server
  // sends each subscriber its broadcasts in id order, so once the backlog read after
  // subscribing is in, a live message shows that nothing of this room below it is missing.
  // Behind several servers that order holds per server only: a message stored a moment
  // before another server's may still be on its way when the connection drops. So a live
  // id counts only once RESUME_MARGIN_MS of later arrivals passed it, and a resume reads
  // those seconds again (what is shown already is dropped).
  let caughtUpTo = 0;
  // Live ids in sync, with when they came, not yet counted.
  let unsettled = [];
  let newestLive = 0;
  let inSync = false;

  function settle(id) {
    const now = performance.now();
    unsettled.push({ id, at: now });
    while (unsettled[0].at <= now - RESUME_MARGIN_MS) caughtUpTo = Math.max(caughtUpTo, unsettled.shift().id);
  }

  // Only the open room's view is on the screen; the others change out of sight.
  function keepingPlace(change, options) {
    if (view.hidden) change();
    else viewport.keepingPlace(change, options);
  }

  // Every item has a sort key: a message its id, a notice just above the last id shown
  // then, so a message that arrives late (from the backlog) still lands in id order.
  function insert(item, key) {
    item.dataset.key = key;
    let next = null;
    if (list.firstElementChild && key < Number(list.firstElementChild.dataset.key)) {
      // Scrolling back: older than everything shown, so no walk through thousands.
      next = list.firstElementChild;
    }
    for (let el = next ? null : list.lastElementChild; el && Number(el.dataset.key) > key; el = el.previousElementSibling) {
      next = el;
    }
    list.insertBefore(item, next);
    for (const el of [item, next]) {
      if (el?.classList.contains('message')) el.classList.toggle('continued', continues(el.previousElementSibling, el));
    }
  }

  function announce(text) {
    const line = document.createElement('p');
    line.textContent = text;
    announcer.append(line);
    while (announcer.childElementCount > 3) announcer.firstElementChild.remove();
  }

  /** The item of a stored message, or null if it is shown already. */
  function stored(message, own) {
    if (shownIds.has(message.id)) return null;
    shownIds.add(message.id);
    lastId = Math.max(lastId, message.id);
    oldestId = Math.min(oldestId, message.id);
    const item = messageItem(message.username, message.content, own);
    const createdAt = new Date(message.createdAt);
    item.dataset.id = message.id;
    item.dataset.author = message.username;
    item.dataset.time = createdAt.getTime();
    setTime(item.querySelector('time'), createdAt);
    return item;
  }

  return {
    caughtUpTo: () => caughtUpTo,

    /** The oldest message shown, to scroll back from; Infinity while none is. */
    oldestId: () => oldestId,

    /** A new subscription to the room's messages: nothing it brings is in sync yet. */
    subscribed() {
      newestLive = 0;
      unsettled = [];
      inSync = false;
    },

    /** The backlog was read up to this id since subscribing: nothing at or below it can still be missing. */
    markCaughtUp(id) {
      caughtUpTo = Math.max(caughtUpTo, id);
      if (newestLive > id) settle(newestLive);
      inSync = true;
    },

    /**
     * Shows a stored message unless its id is shown already.
     * @param own whether to show it as the reader's own
     * @param live whether it came as a broadcast of the room's messages
     * @param announce whether to read it out (a live message from someone else)
     * @return whether it is new here
     */
    show(message, { own, live = false, announce: readOut = false, follow = false }) {
      if (live) {
        newestLive = Math.max(newestLive, message.id);
        if (inSync) settle(message.id);
      }
      const item = stored(message, own);
      if (!item) return false;
      keepingPlace(() => insert(item, message.id), { follow });
      if (readOut) announce(`${message.username}: ${message.content}`);
      return true;
    },

    /**
     * Older messages (oldest first), shown above the rest while what the reader looks at
     * stays where it is on the screen.
     * @param isOwn (message) => whether to show it as the reader's own
     */
    showEarlier(messages, isOwn) {
      // Anchored on the item that was first: it can itself change (its name is hidden
      // once an older message by the same person is put above it).
      const anchor = list.firstElementChild;
      const before = anchor?.getBoundingClientRect().top;
      for (const message of [...messages].reverse()) {
        const item = stored(message, isOwn(message));
        if (item) insert(item, message.id);
      }
      if (anchor) viewport.scroller.scrollTop += anchor.getBoundingClientRect().top - before;
    },

    notice(text) {
      const item = document.createElement('li');
      item.className = 'notice';
      item.textContent = text;
      keepingPlace(() => insert(item, lastId + 0.5));
      announce(text);
    },

    /** A send on its way: shown at the bottom until its broadcast replaces it. */
    pending(username, content, clientId) {
      const item = messageItem(username, content, true);
      item.classList.add('pending');
      item.dataset.clientId = clientId;
      item.querySelector('time').textContent = 'Sending…';
      keepingPlace(() => outbox.append(item), { follow: true });
      return item;
    },

    /** Marks a pending send as refused, with what the server said and what can be done. */
    failed(item, reason, actions) {
      item.classList.replace('pending', 'failed');
      item.querySelector('time').textContent = 'Not sent';
      const problem = document.createElement('p');
      problem.className = 'problem';
      problem.setAttribute('role', 'alert');
      problem.textContent = reason.charAt(0).toUpperCase() + reason.slice(1);
      for (const [label, action] of Object.entries(actions)) {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = label;
        button.addEventListener('click', action);
        problem.append(button);
      }
      keepingPlace(() => item.append(problem));
    },

    retrying(item) {
      item.classList.replace('failed', 'pending');
      item.querySelector('time').textContent = 'Sending…';
      item.querySelector('.problem')?.remove();
    },
  };
}

function messageItem(username, content, own) {
  const item = document.createElement('li');
  item.className = own ? 'message own' : 'message';
  const avatar = document.createElement('span');
  avatar.className = 'avatar';
  avatar.setAttribute('aria-hidden', 'true');
  avatar.textContent = [...username][0]?.toUpperCase() ?? '?';
  item.style.setProperty('--hue', hue(username));
  const meta = document.createElement('div');
  meta.className = 'meta';
  const author = document.createElement('span');
  author.className = 'author';
  author.textContent = username;
  meta.append(author, document.createElement('time'));
  const text = document.createElement('p');
  text.className = 'text';
  text.textContent = content;
  item.append(avatar, meta, text);
  return item;
}

/** A message right after one by the same person shows no name or avatar of its own. */
function continues(before, item) {
  return Boolean(before?.classList.contains('message')) && before.dataset.author === item.dataset.author
    && item.dataset.time - before.dataset.time < GROUP_MS;
}

function setTime(element, date) {
  const today = date.toDateString() === new Date().toDateString();
  element.dateTime = date.toISOString();
  element.title = fullDate.format(date);
  element.textContent = (today ? timeOfDay : dayAndTime).format(date);
}

/** A stable colour per name, so people are easy to tell apart. */
function hue(username) {
  let hash = 0;
  for (const char of username) hash = (hash * 31 + char.codePointAt(0)) % 360;
  return hash;
}
