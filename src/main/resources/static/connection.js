// One STOMP session over SockJS at a time, reconnecting with backoff until it is live again.
// SockJS and Stomp are the classic globals of the two webjar scripts.

const HEARTBEAT_MS = 10_000;
const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;

/**
 * @param transport a SockJS transport name to force (e.g. 'xhr-polling'), or '' for SockJS's choice
 * @param onState called with {name: 'connecting' | 'live' | 'reconnecting' | 'refused', ...}
 * @param onOpen async (stomp) => void: subscribes and catches up; the session is live once it resolves
 */
export function createConnection({ transport, onState, onOpen }) {
  let stomp = null;
  let username = '';
  let wanted = false;
  let failures = 0;
  let retryTimer;

  function open() {
    clearTimeout(retryTimer);
    close();
    const socket = new SockJS('/sockjs', null, transport ? { transports: [transport] } : {});
    const session = Stomp.over(socket);
    session.debug = null;
    session.heartbeat = { outgoing: HEARTBEAT_MS, incoming: HEARTBEAT_MS };
    stomp = session;
    onState({ name: failures ? 'reconnecting' : 'connecting' });
    session.connect({ username }, async () => {
      try {
        await onOpen(session);
      } catch {
        if (stomp === session) lost();
        return;
      }
      if (stomp !== session) return;
      failures = 0;
      onState({ name: 'live', transport: socket.transport });
    }, (error) => {
      // stomp.js reports an ERROR frame and then the close that follows it: act on the first.
      if (stomp !== session) return;
      if (error?.command === 'ERROR') {
        close();
        wanted = false;
        onState({ name: 'refused', reason: error.headers.message });
      } else {
        lost();
      }
    });
  }

  function lost() {
    close();
    // Full jitter, so a restarted server is not hit by every page at the same instant.
    const delay = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** failures) * (0.5 + Math.random() / 2);
    failures += 1;
    retryTimer = setTimeout(open, delay);
    onState({ name: 'reconnecting', retryAt: Date.now() + delay });
  }

  function close() {
    const session = stomp;
    stomp = null;
    if (!session) return;
    try {
      if (session.connected) {
        session.disconnect();
      } else {
        session.ws.onclose = null;
        session.ws.close();
      }
    } catch {
      // Closing a socket that never opened may throw; it is gone either way.
    }
  }

  // An open WebSocket can outlive the network (Chromium keeps it through DevTools' offline
  // mode); heart-beats notice a dead link only after 20 s. The browser's offline signal
  // lets the page say so, and stop offering to send, at once.
  window.addEventListener('offline', () => { if (stomp) lost(); });
  window.addEventListener('online', () => { if (wanted && !stomp?.connected) open(); });

  return {
    /** Connects now under this name, closing any session under the old one. */
    start(name) {
      username = name;
      wanted = true;
      failures = 0;
      open();
    },
    retryNow() {
      if (wanted && !stomp?.connected) open();
    },
    /**
     * Sends if a session is open; callers resend what is unacknowledged after a reconnect.
     * @param body an object to send as JSON, or undefined for a frame without a body
     */
    send(destination, body) {
      if (!stomp?.connected) return;
      if (body === undefined) stomp.send(destination, {}, '');
      else stomp.send(destination, { 'content-type': 'application/json' }, JSON.stringify(body));
    },
  };
}
