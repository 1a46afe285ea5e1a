// The chat page: a nickname, a gapless message list, a composer, presence and the
// connection state. The wire contract is docs/PROTOCOL.md.
import { createConnection } from './connection.js';
import { createTimeline } from './timeline.js';
import { isError, isMessage, isPresence, isSnapshot, read } from './wire.js';

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
const historyEdge = $('history-edge');

const timeline = createTimeline({
  scroller, list: $('messages'), outbox: $('outbox'), hint: $('new-messages'), announcer: $('announcer'),
});
/** Sends not yet acknowledged by their own broadcast, by clientId: {content, item, failed, autoRetries}. */
const outgoing = new Map();
let nickname = localStorage.getItem(NICKNAME_KEY) ?? '';
let live = false;
let refocus = false;
let countdown;
// Whether there are messages older than the oldest shown: 'unknown' until the first
// page is read, then 'more', 'loading' or 'none' (the beginning is shown).
let earlier = 'unknown';

const connection = createConnection({
  transport: new URLSearchParams(location.search).get('transport') ?? '',
  onState: showState,
  onOpen: catchUp,
});

/**
 * Subscribes first, then reads what was stored since the page was last caught up, so
 * every message arrives live, from the backlog, or both; showing by id drops duplicates.
 */
async function catchUp(stomp) {
  const since = timeline.caughtUpTo();
  // Each handler gets only bodies of its shape; anything else is dropped here.
  const on = (destination, is, handle) => stomp.subscribe(destination, (frame) => {
    const body = read(frame.body, is);
    if (body) handle(body);
  });
  on('/topic/chat', isMessage, (message) => received(message, true));
  on('/user/queue/chat', isMessage, (message) => received(message, false));
  on('/user/queue/errors', isError, refused);
  on('/topic/presence', isPresence, presence);
  // Frames of a session are handled in order, so once the snapshot answers, the
  // subscriptions above are in place and the backlog read next cannot leave a gap.
  const snapshot = await withTimeout(new Promise((resolve) => {
    const subscription = stomp.subscribe('/app/presence', (frame) => {
      subscription.unsubscribe();
      resolve(read(frame.body, isSnapshot));
    });
  }));
  if (snapshot) setOnline(snapshot.online);
  // A first visit reads the newest page; a return reads every page since.
  let cursor = since;
  for (let more = true; more;) {
    const messages = await page(cursor ? `since=${cursor}&` : '');
    messages.forEach((message) => received(message, false));
    cursor = messages.at(-1)?.id ?? cursor;
    more = since > 0 && messages.length === PAGE_SIZE;
    if (!since) setEarlier(messages.length < PAGE_SIZE ? 'none' : 'more');
  }
  timeline.markCaughtUp(cursor);
  fillWithEarlier();
  for (const [clientId, send] of outgoing) {
    if (!send.failed) transmit(clientId, send.content);
  }
}

/** Reads the page before the oldest message shown, when the reader nears the top. */
async function showEarlier() {
  if (earlier !== 'more') return;
  setEarlier('loading');
  try {
    const messages = await page(`before=${timeline.oldestId()}&`);
    timeline.showEarlier(messages, (message) => message.username === nickname);
    setEarlier(messages.length < PAGE_SIZE ? 'none' : 'more');
  } catch {
    setEarlier('more');
    historyEdge.textContent = 'Earlier messages could not be loaded. Scroll up to try again.';
    return;
  }
  fillWithEarlier();
}

/** A list too short to scroll could never be scrolled back: read on until it is not. */
function fillWithEarlier() {
  if (scroller.scrollTop < EARLIER_PX) showEarlier();
}

function setEarlier(state) {
  earlier = state;
  historyEdge.textContent = { loading: 'Loading earlier messages…', none: 'This is the beginning of the conversation.' }[state] ?? '';
}

scroller.addEventListener('scroll', fillWithEarlier, { passive: true });

/** The well-formed messages of one backlog page; a server that says 429 is waited for. */
async function page(query) {
  for (;;) {
    const response = await fetch(`/api/messages?${query}limit=${PAGE_SIZE}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    if (response.status === 429) {
      // Retry-After is in seconds; at least one, so a server saying 0 is not asked in a loop.
      const seconds = Number.parseInt(response.headers.get('Retry-After'), 10);
      await delay((Number.isSafeInteger(seconds) ? Math.max(seconds, 1) : 1) * 1000);
      continue;
    }
    if (!response.ok) throw new Error(`backlog answered ${response.status}`);
    const messages = await response.json();
    if (!Array.isArray(messages)) throw new Error('backlog is not a list');
    return messages.filter(isMessage);
  }
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, Math.min(ms, LONGEST_WAIT_MS)));
}

function withTimeout(promise) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), REQUEST_TIMEOUT_MS))]);
}

function received(message, isLive) {
  const send = outgoing.get(message.clientId);
  if (send) {
    outgoing.delete(message.clientId);
    send.item.remove();
  }
  timeline.show(message, {
    own: Boolean(send) || message.username === nickname,
    announce: isLive && !send,
    follow: Boolean(send),
  });
}

function refused(error) {
  const send = outgoing.get(error.clientId);
  if (!send) {
    timeline.notice(`${error.code === 'FORBIDDEN' ? 'Refused' : 'Not sent'}: ${error.message}`);
    return;
  }
  // Sent too fast: nothing was stored, and the server says when to send it again.
  if (error.code === 'RATE_LIMITED' && send.autoRetries < AUTO_RETRIES) {
    send.autoRetries += 1;
    delay(error.retryAfterMs ?? 1000).then(() => {
      if (outgoing.get(error.clientId) === send && !send.failed) transmit(error.clientId, send.content);
    });
    return;
  }
  send.failed = true;
  timeline.failed(send.item, error.message, {
    Retry: () => {
      send.failed = false;
      send.autoRetries = 0;
      timeline.retrying(send.item);
      transmit(error.clientId, send.content);
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

function presence(notice) {
  setOnline(notice.online);
  timeline.notice(`${notice.username} ${notice.type === 'JOINED' ? 'joined' : 'left'}`);
}

function setOnline(count) {
  $('online-count').textContent = count;
}

function transmit(clientId, content) {
  connection.send('/app/chat', { content, clientId });
}

function submit() {
  const content = input.value;
  if (!live || !content.trim()) return;
  const clientId = newClientId();
  outgoing.set(clientId, { content, item: timeline.pending(nickname, content, clientId), failed: false, autoRetries: 0 });
  transmit(clientId, content);
  input.value = '';
  composerChanged();
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
  input.placeholder = live ? `Message as ${nickname}` : 'Waiting for the connection…';
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
input.addEventListener('input', composerChanged);
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

if (nickname) {
  useNickname(nickname);
} else {
  showState({ name: 'idle' });
  askNickname();
}
