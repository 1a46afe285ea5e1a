// The chat page: a nickname, rooms with gapless message lists and unread counts, who is
// in the open room and typing there, a composer and the connection state. The wire
// contract is docs/PROTOCOL.md.
import { createConnection } from './connection.js';
import { createMembers, createTyping } from './people.js';
import { createRoomList, showUnread } from './roomlist.js';
import {
  GENERAL, MOST_ROOMS, TOO_MANY_ROOMS, destinations, hashOf, inOrder, rememberRooms, rememberedRooms, roomNameProblem, roomOfHash,
} from './rooms.js';
import { createTimeline, createViewport } from './timeline.js';
import { isError, isMessage, isPresence, isRoomSummary, isSnapshot, isTyping, read } from './wire.js';

const PAGE_SIZE = 100;
// How near the top of the list scrolling back starts reading the previous page.
const EARLIER_PX = 400;
// The server's default limit; it is a server setting, so the server has the last word.
const CONTENT_LIMIT = 2000;
const COUNTER_FROM = CONTENT_LIMIT * 0.9;
const NICKNAME_KEY = 'socket-chat.nickname';
const REQUEST_TIMEOUT_MS = 10_000;
// The server's limit on names, in code points; the server checks it again, with its other rules.
const NICKNAME_LIMIT = 32;
// A send the server refuses as too fast is sent again by itself this many times.
const AUTO_RETRIES = 3;
// The longest wait a server's "retry after" can impose, so a wrong value cannot stall the page.
const LONGEST_WAIT_MS = 60_000;
// The server passes on one typing signal per 2 s; one per 3 s keeps a typist shown (for 5 s each).
const TYPING_EVERY_MS = 3_000;

const $ = (id) => document.getElementById(id);
const form = $('composer');
const input = $('content');
const sendButton = $('send');
const counter = $('counter');
const status = $('status');
const banner = $('banner');
const dialog = $('nickname-dialog');
const nicknameInput = $('nickname');
const nicknameError = $('nickname-error');
const scroller = $('scroller');
const sidebar = $('sidebar');
const roomsToggle = $('rooms-toggle');
const roomInput = $('room-name');
const roomError = $('room-error');

const viewport = createViewport({ scroller, hint: $('new-messages') });
const roomList = createRoomList({ list: $('room-list'), onLeave: leave });
const members = createMembers({ count: $('member-count'), list: $('member-list') });
const typing = createTyping($('typing'));
/**
 * The joined rooms by name: {name, view, edge, timeline, unread, place, messages}. Whether
 * there are messages older than the oldest shown is `earlier`: 'unknown' until the first
 * page is read, then 'more', 'loading' or 'none' (the beginning is shown).
 */
const rooms = new Map();
/** Sends not yet acknowledged by their own broadcast, by clientId: {room, content, item, failed, autoRetries}. */
const outgoing = new Map();
let openRoom = GENERAL;
let nickname = localStorage.getItem(NICKNAME_KEY) ?? '';
let live = false;
let refocus = false;
let countdown;
// The STOMP session from the moment it connects until it is lost; null in between.
let session = null;
// The open room's presence and typing subscriptions, and the session they belong to.
let watching = { session: null, subscriptions: [] };
let lastTyped = 0;

const connection = createConnection({
  transport: new URLSearchParams(location.search).get('transport') ?? '',
  onState: showState,
  onOpen: catchUp,
});

/** Subscribes, handing each handler only bodies of its shape; anything else is dropped here. */
function subscribe(stomp, destination, is, handle) {
  return stomp.subscribe(destination, (frame) => {
    const body = read(frame.body, is);
    if (body) handle(body);
  });
}

/** The one reply to a subscription to an /app destination, or undefined if it has no such shape. */
function ask(stomp, destination, is) {
  return withTimeout(new Promise((resolve) => {
    const subscription = stomp.subscribe(destination, (frame) => {
      subscription.unsubscribe();
      resolve(read(frame.body, is));
    });
  }));
}

/**
 * Subscribes first, then reads what each room stored since the page was last caught up
 * there, so every message arrives live, from the backlog, or both; showing by id drops
 * duplicates.
 */
async function catchUp(stomp) {
  session = stomp;
  subscribe(stomp, '/user/queue/chat', isMessage, (message) => received(message));
  subscribe(stomp, '/user/queue/errors', isError, refused);
  subscribe(stomp, '/topic/presence', isPresence, (notice) => setOnline(notice.online));
  const joined = [...rooms.values()];
  joined.forEach((room) => follow(stomp, room));
  await subscriptionsInPlace(stomp);
  watchOpenRoom();
  // The open room first: it is the one being read.
  joined.sort((a, b) => (b.name === openRoom) - (a.name === openRoom));
  for (const room of joined) {
    try {
      await readBacklog(room);
    } catch {
      // The next connection reads it; the other rooms and the sends waiting go on.
      if (session === stomp) room.edge.textContent = 'Messages could not be loaded yet.';
    }
  }
  for (const [clientId, send] of outgoing) {
    if (!send.failed) transmit(clientId, send);
  }
}

/**
 * Frames of a session are handled in order, so once the snapshot answers, the
 * subscriptions sent before are in place and a backlog read next cannot leave a gap.
 * Unanswered (refused as too soon, say), they are in place by the time it gives up.
 */
async function subscriptionsInPlace(stomp) {
  try {
    const snapshot = await ask(stomp, '/app/presence', isSnapshot);
    if (snapshot) setOnline(snapshot.online);
  } catch {
    // Waited long enough either way.
  }
}

/** Subscribes to a room's messages; being subscribed is also what puts the reader in the room. */
function follow(stomp, room) {
  room.timeline.subscribed();
  room.messages = subscribe(stomp, destinations(room.name).messages, isMessage, (message) => {
    if (message.room === room.name) received(message, { live: true });
  });
}

/** Reads the room's newest page on a first visit, every page since it was last caught up otherwise. */
async function readBacklog(room) {
  const first = room.earlier === 'unknown';
  let cursor = room.timeline.caughtUpTo();
  for (let more = true; more;) {
    const messages = await page(room, first ? '' : `since=${cursor}&`);
    // What came while the page was away is as unread as what comes live.
    messages.forEach((message) => received(message, { unread: !first }));
    cursor = messages.at(-1)?.id ?? cursor;
    more = !first && messages.length === PAGE_SIZE;
    if (first) setEarlier(room, messages.length < PAGE_SIZE ? 'none' : 'more');
  }
  room.timeline.markCaughtUp(cursor);
  fillWithEarlier(room);
}

/** Reads the page before the oldest message shown, when the reader nears the top. */
async function showEarlier(room) {
  if (room.earlier !== 'more') return;
  setEarlier(room, 'loading');
  try {
    const messages = await page(room, `before=${room.timeline.oldestId()}&`);
    room.timeline.showEarlier(messages, (message) => message.username === nickname);
    setEarlier(room, messages.length < PAGE_SIZE ? 'none' : 'more');
  } catch {
    setEarlier(room, 'more');
    room.edge.textContent = 'Earlier messages could not be loaded. Scroll up to try again.';
    return;
  }
  fillWithEarlier(room);
}

/** A list too short to scroll could never be scrolled back: read on until it is not. */
function fillWithEarlier(room) {
  if (room.name === openRoom && rooms.get(room.name) === room && scroller.scrollTop < EARLIER_PX) showEarlier(room);
}

function setEarlier(room, state) {
  room.earlier = state;
  room.edge.textContent = { loading: 'Loading earlier messages…', none: 'This is the beginning of the conversation.' }[state] ?? '';
}

scroller.addEventListener('scroll', () => fillWithEarlier(rooms.get(openRoom)), { passive: true });

/** The well-formed messages of one backlog page of the room; a server that says 429 is waited for. */
async function page(room, query) {
  for (;;) {
    const response = await fetch(`${destinations(room.name).backlog}?${query}limit=${PAGE_SIZE}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    if (response.status === 429) {
      // Retry-After is in seconds; at least one, so a server saying 0 is not asked in a loop.
      const seconds = Number.parseInt(response.headers.get('Retry-After'), 10);
      await delay((Number.isSafeInteger(seconds) ? Math.max(seconds, 1) : 1) * 1000);
      continue;
    }
    if (!response.ok) throw new Error(`backlog answered ${response.status}`);
    const messages = await response.json();
    if (!Array.isArray(messages)) throw new Error('backlog is not a list');
    return messages.filter((message) => isMessage(message) && message.room === room.name);
  }
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, Math.min(ms, LONGEST_WAIT_MS)));
}

function withTimeout(promise) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), REQUEST_TIMEOUT_MS))]);
}

/**
 * Shows a stored message in its room.
 * @param live whether it came as a broadcast (rather than from a backlog or as a retry's copy)
 * @param unread whether it counts as unread in a room that is not open
 */
function received(message, { live = false, unread = live } = {}) {
  const send = outgoing.get(message.clientId);
  if (send) {
    outgoing.delete(message.clientId);
    send.item.remove();
  }
  const room = rooms.get(message.room);
  if (!room) return;
  const own = Boolean(send) || message.username === nickname;
  const open = room.name === openRoom;
  const isNew = room.timeline.show(message, { own, live, announce: live && !send && open, follow: Boolean(send) });
  if (open && live) typing.stopped(message.username);
  if (isNew && unread && !own && !open) {
    room.unread += 1;
    showRooms();
  }
}

function refused(error) {
  // A snapshot asked for too soon is asked for again once the server takes it.
  if (error.code === 'RATE_LIMITED' && error.destination?.endsWith('/presence')) {
    delay(error.retryAfterMs ?? 1000).then(() => {
      if (error.destination === destinations(openRoom).snapshot) watchOpenRoom();
    });
    return;
  }
  const send = outgoing.get(error.clientId);
  if (!send) {
    rooms.get(openRoom).timeline.notice(`${error.code === 'FORBIDDEN' ? 'Refused' : 'Not sent'}: ${error.message}`);
    return;
  }
  // Sent too fast: nothing was stored, and the server says when to send it again.
  if (error.code === 'RATE_LIMITED' && send.autoRetries < AUTO_RETRIES) {
    send.autoRetries += 1;
    delay(error.retryAfterMs ?? 1000).then(() => {
      if (outgoing.get(error.clientId) === send && !send.failed) transmit(error.clientId, send);
    });
    return;
  }
  send.failed = true;
  rooms.get(send.room)?.timeline.failed(send.item, error.message, {
    Retry: () => {
      send.failed = false;
      send.autoRetries = 0;
      rooms.get(send.room)?.timeline.retrying(send.item);
      transmit(error.clientId, send);
    },
    Edit: () => {
      outgoing.delete(error.clientId);
      send.item.remove();
      input.value = send.content;
      composerChanged();
      input.focus();
    },
  });
}

/** A room's view and state; it is followed at once if a session is open, else on connecting. */
function addRoom(name) {
  const view = $('room-view').content.firstElementChild.cloneNode(true);
  view.dataset.room = name;
  scroller.append(view);
  const room = {
    name, view, edge: view.querySelector('.history-edge'), timeline: createTimeline({ viewport, view, announcer: $('announcer') }),
    earlier: 'unknown', unread: 0, place: null, messages: null,
  };
  rooms.set(name, room);
  rememberRooms([...rooms.keys()]);
  if (session) joinNow(session, room);
  return room;
}

/** Subscribes first, waits until the server has it, then reads the room's newest page. */
async function joinNow(stomp, room) {
  follow(stomp, room);
  await subscriptionsInPlace(stomp);
  try {
    await readBacklog(room);
  } catch {
    // The next connection reads it: a room joined is caught up on every connect.
    if (session === stomp) room.edge.textContent = 'Messages could not be loaded yet.';
  }
}

function leave(name) {
  const room = rooms.get(name);
  if (!room || name === GENERAL) return;
  if (session?.connected) room.messages?.unsubscribe();
  rooms.delete(name);
  room.view.remove();
  for (const [clientId, send] of outgoing) {
    if (send.room === name) outgoing.delete(clientId);
  }
  rememberRooms([...rooms.keys()]);
  if (name === openRoom) {
    open(GENERAL);
    location.hash = hashOf(GENERAL);
  } else {
    showRooms();
  }
}

/** Opens the room a link names, joining it first if need be. */
function route() {
  const name = roomOfHash(location.hash);
  const problem = rooms.has(name) ? '' : roomNameProblem(name) || (rooms.size >= MOST_ROOMS ? TOO_MANY_ROOMS : '');
  if (problem) {
    roomError.textContent = problem;
    history.replaceState(null, '', hashOf(openRoom));
    open(openRoom);
    return;
  }
  if (!rooms.has(name)) addRoom(name);
  open(name);
}

function open(name) {
  const previous = rooms.get(openRoom);
  const room = rooms.get(name);
  closeSidebar();
  if (room === previous && !room.view.hidden) return;
  if (previous && previous !== room) {
    // Where the reader was, unless at the newest: a room opened again shows its newest.
    previous.place = viewport.nearBottom() ? null : scroller.scrollTop;
    previous.view.hidden = true;
  }
  openRoom = name;
  room.view.hidden = false;
  room.unread = 0;
  if (room.place === null) viewport.scrollToBottom();
  else scroller.scrollTop = room.place;
  $('new-messages').hidden = true;
  $('room-title').textContent = name;
  document.title = name === GENERAL ? 'socket-chat' : `${name} · socket-chat`;
  lastTyped = 0;
  showRooms();
  placeholder();
  watchOpenRoom();
  fillWithEarlier(room);
}

/** Folds the room panel of a narrow screen away, if it is shown. */
function closeSidebar() {
  if (!sidebar.classList.contains('open')) return;
  sidebar.classList.remove('open');
  roomsToggle.setAttribute('aria-expanded', 'false');
  // The focus would be lost with the panel; the composer is where a reader goes next.
  if (sidebar.contains(document.activeElement)) (input.disabled ? roomsToggle : input).focus();
}

/**
 * Follows who is in the open room and who types there: the changes first, then the
 * snapshot, so no change falls between the two. Changes before the snapshot are in it.
 */
function watchOpenRoom() {
  members.clear();
  typing.clear();
  if (watching.session === session && session?.connected) watching.subscriptions.forEach((subscription) => subscription.unsubscribe());
  const watch = { session, subscriptions: [] };
  watching = watch;
  if (!session) return;
  const stomp = session;
  const room = rooms.get(openRoom);
  const where = destinations(room.name);
  let known = false;
  watch.subscriptions = [
    subscribe(stomp, where.presence, isPresence, (notice) => {
      room.timeline.notice(`${notice.username} ${notice.type === 'JOINED' ? 'joined' : 'left'}`);
      if (!known) return;
      if (notice.type === 'JOINED') members.joined(notice.username);
      else members.left(notice.username);
    }),
    subscribe(stomp, where.typing, isTyping, ({ username }) => {
      if (username !== nickname) typing.signal(username);
    }),
  ];
  ask(stomp, where.snapshot, isSnapshot).then((snapshot) => {
    if (!snapshot || watching !== watch) return;
    known = true;
    members.snapshot(snapshot.usernames, nickname);
  }, () => {
    // No answer: the list stays empty until the room is opened again or the page reconnects.
  });
}

function showRooms() {
  const joined = inOrder([...rooms.keys()]).map((name) => rooms.get(name));
  roomList.show(joined, openRoom);
  const unread = joined.reduce((sum, room) => sum + room.unread, 0);
  showUnread($('rooms-unread'), unread);
  roomsToggle.setAttribute('aria-label', unread ? `Rooms, ${unread} unread` : 'Rooms');
}

function placeholder() {
  input.placeholder = live ? `Message ${openRoom} as ${nickname}` : 'Waiting for the connection…';
}

/** Offers the rooms there are, the liveliest first, to join by name. */
async function suggestRooms() {
  try {
    const response = await fetch('/api/rooms', { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const listed = response.ok ? await response.json() : [];
    if (!Array.isArray(listed)) return;
    $('known-rooms').replaceChildren(...listed.filter((room) => isRoomSummary(room) && !rooms.has(room.name))
      .map((room) => new Option(room.name)));
  } catch {
    // Only suggestions: a name typed joins a room without them.
  }
}

function setOnline(count) {
  $('online-count').textContent = count;
}

function transmit(clientId, { room, content }) {
  connection.send(destinations(room).send, { content, clientId });
}

function submit() {
  const content = input.value;
  if (!live || !content.trim()) return;
  const clientId = newClientId();
  const room = rooms.get(openRoom);
  const send = { room: room.name, content, item: room.timeline.pending(nickname, content, clientId), failed: false, autoRetries: 0 };
  outgoing.set(clientId, send);
  transmit(clientId, send);
  input.value = '';
  lastTyped = 0;
  composerChanged();
}

/** Tells the open room someone is typing, at most every few seconds, while there is text. */
function typed() {
  if (!live || !input.value.trim() || Date.now() - lastTyped < TYPING_EVERY_MS) return;
  lastTyped = Date.now();
  connection.send(destinations(openRoom).typed);
}

// crypto.randomUUID needs a secure context; a page opened by LAN address is not one.
function newClientId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function composerChanged() {
  input.style.height = 'auto';
  input.style.height = `${input.scrollHeight + input.offsetHeight - input.clientHeight}px`;
  const length = [...input.value.trim()].length;
  counter.hidden = length < COUNTER_FROM;
  counter.textContent = `${length.toLocaleString()} / ${CONTENT_LIMIT.toLocaleString()}`;
  counter.classList.toggle('over', length > CONTENT_LIMIT);
  sendButton.disabled = !live || !input.value.trim();
}

function showState(state) {
  clearInterval(countdown);
  live = state.name === 'live';
  if (!live) session = null;
  status.dataset.state = state.name;
  status.title = live ? `Connected over ${state.transport}` : '';
  // Disabling the composer takes the focus away; someone typing gets it back when live.
  refocus ||= document.activeElement === input;
  input.disabled = !live;
  composerChanged();
  if (live && refocus) {
    refocus = false;
    input.focus();
  }
  const label = { idle: 'Not connected', connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', refused: 'Not connected' }[state.name];
  $('status-text').textContent = label;
  placeholder();
  banner.hidden = state.name !== 'reconnecting';
  if (state.name === 'reconnecting') {
    const tick = () => {
      const seconds = Math.ceil((state.retryAt - Date.now()) / 1000);
      const why = navigator.onLine ? 'Connection lost.' : 'You are offline.';
      $('banner-text').textContent = seconds > 0 ? `${why} Reconnecting in ${seconds} s…` : `${why} Reconnecting…`;
    };
    tick();
    countdown = setInterval(tick, 1000);
  }
  if (state.name === 'refused') askNickname(state.reason);
}

function askNickname(problem = '') {
  nicknameInput.value = nickname;
  nicknameError.textContent = problem;
  dialog.querySelector('.cancel').hidden = !nickname || Boolean(problem);
  if (!dialog.open) dialog.showModal();
}

/** Only what is plain without the server; its ERROR frame says what else is wrong with a name. */
function nicknameProblem(name) {
  if (!name) return 'Please choose a nickname.';
  if ([...name].length > NICKNAME_LIMIT) return `A nickname has at most ${NICKNAME_LIMIT} characters.`;
  return '';
}

function useNickname(name) {
  nickname = name;
  refocus = true;
  localStorage.setItem(NICKNAME_KEY, name);
  $('nickname-button-text').textContent = name;
  connection.start(name);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  submit();
});
input.addEventListener('input', () => {
  composerChanged();
  typed();
});
input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    submit();
  }
});
$('nickname-button').addEventListener('click', () => askNickname());
$('retry-now').addEventListener('click', () => connection.retryNow());
dialog.querySelector('.cancel').addEventListener('click', () => dialog.close());
dialog.addEventListener('cancel', (event) => {
  if (!nickname) event.preventDefault();
});
$('nickname-form').addEventListener('submit', (event) => {
  const name = nicknameInput.value.trim();
  const problem = nicknameProblem(name);
  if (problem) {
    event.preventDefault();
    nicknameError.textContent = problem;
    return;
  }
  if (name !== nickname || !live) useNickname(name);
});

$('join-room').addEventListener('submit', (event) => {
  event.preventDefault();
  const name = roomInput.value.trim().toLowerCase();
  const problem = roomNameProblem(name) || (!rooms.has(name) && rooms.size >= MOST_ROOMS ? TOO_MANY_ROOMS : '');
  roomError.textContent = problem;
  if (problem) {
    roomInput.focus();
    return;
  }
  roomInput.value = '';
  location.hash = hashOf(name);
  // Opened now, not on hashchange: the same hash again fires none.
  route();
  if (!input.disabled) input.focus();
});
roomInput.addEventListener('input', () => { roomError.textContent = ''; });
roomInput.addEventListener('focus', suggestRooms);
roomsToggle.addEventListener('click', () => {
  const opened = sidebar.classList.toggle('open');
  roomsToggle.setAttribute('aria-expanded', String(opened));
  if (opened) sidebar.querySelector('[aria-current]')?.focus();
});
sidebar.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && sidebar.classList.contains('open')) {
    closeSidebar();
    roomsToggle.focus();
  }
});
window.addEventListener('hashchange', route);

rememberedRooms().forEach(addRoom);
route();
if (nickname) {
  useNickname(nickname);
} else {
  showState({ name: 'idle' });
  askNickname();
}
