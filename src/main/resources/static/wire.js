// The shapes of the bodies the server sends (docs/PROTOCOL.md), checked before the page
// uses one. A body that slips onto a topic from elsewhere is untrusted: one of the wrong
// shape, or not JSON at all, is ignored rather than shown or allowed to throw.

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value) => typeof value === 'string';
const isCount = (value) => Number.isSafeInteger(value) && value >= 0;
// An absent field is as good as null: a server may leave nulls out.
const isTextOrNull = (value) => value == null || isText(value);
const isCountOrNull = (value) => value == null || isCount(value);
const ROOM_NAME = /^[a-z0-9-]{1,32}$/;

export const isRoomName = (value) => isText(value) && ROOM_NAME.test(value);

export function isMessage(value) {
  return isObject(value) && Number.isSafeInteger(value.id) && value.id > 0 && isRoomName(value.room) && isText(value.username)
    && isText(value.content) && isTextOrNull(value.clientId)
    && isText(value.createdAt) && !Number.isNaN(Date.parse(value.createdAt));
}

export function isPresence(value) {
  return isObject(value) && (value.type === 'JOINED' || value.type === 'LEFT') && isText(value.username)
    && isCount(value.online);
}

export function isSnapshot(value) {
  return isObject(value) && isCount(value.online) && Array.isArray(value.usernames) && value.usernames.every(isText);
}

/** One room of GET /api/rooms. */
export function isRoomSummary(value) {
  return isObject(value) && isRoomName(value.name) && isCount(value.messageCount) && isCount(value.present)
    && (value.lastActivity === null || (isText(value.lastActivity) && !Number.isNaN(Date.parse(value.lastActivity))));
}

export function isTyping(value) {
  return isObject(value) && isText(value.username);
}

/** destination comes with FORBIDDEN, retryAfterMs with RATE_LIMITED. */
export function isError(value) {
  return isObject(value) && isText(value.code) && isText(value.message) && isTextOrNull(value.clientId)
    && isTextOrNull(value.destination) && isCountOrNull(value.retryAfterMs);
}

/** The body parsed, if it is JSON of the shape `is` accepts; else undefined. */
export function read(body, is) {
  let value;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  return is(value) ? value : undefined;
}
