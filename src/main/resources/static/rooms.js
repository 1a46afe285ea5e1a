// Rooms by name: where each one's frames and backlog are, how a link names one, and which
// rooms this browser has joined (docs/PROTOCOL.md, "Rooms").
import { isRoomName } from './wire.js';

export const GENERAL = 'general';
// The server holds a session to 50 subscriptions (docs/PROTOCOL.md): one per joined room,
// plus the open room's presence and typing, /topic/presence and two user queues; the rest
// is room to spare.
export const MOST_ROOMS = 40;
const ROOMS_KEY = 'socket-chat.rooms';

/** General keeps the destinations it had before there were rooms. */
export function destinations(room) {
  const general = room === GENERAL;
  return {
    send: general ? '/app/chat' : `/app/rooms/${room}/chat`,
    messages: general ? '/topic/chat' : `/topic/rooms.${room}`,
    backlog: general ? '/api/messages' : `/api/rooms/${room}/messages`,
    presence: `/topic/rooms.${room}.presence`,
    snapshot: `/app/rooms/${room}/presence`,
    typing: `/topic/rooms.${room}.typing`,
    typed: `/app/rooms/${room}/typing`,
  };
}

/** The room a link opens: `#/music`; `#/`, `#` or nothing is general. Any case is taken. */
export function roomOfHash(hash) {
  let name = hash.replace(/^#\/?/, '');
  try {
    name = decodeURIComponent(name);
  } catch {
    // A stray % is part of a name that is no room's anyway; the check after says so.
  }
  return name.trim().toLowerCase() || GENERAL;
}

export function hashOf(room) {
  return room === GENERAL ? '#/' : `#/${room}`;
}

/** What is wrong with a name the reader typed, or '' if it names a room. */
export function roomNameProblem(name) {
  return isRoomName(name) ? '' : 'A room name has 1 to 32 characters: letters a to z, digits and hyphens.';
}

export const TOO_MANY_ROOMS = `You are in ${MOST_ROOMS} rooms, the most the page can follow. Leave one to join another.`;

/** The rooms joined in this browser, general first, then by name. */
export function rememberedRooms() {
  let names;
  try {
    names = JSON.parse(localStorage.getItem(ROOMS_KEY));
  } catch {
    names = null;
  }
  const valid = Array.isArray(names) ? names.filter((name) => isRoomName(name) && name !== GENERAL) : [];
  return inOrder([GENERAL, ...valid]).slice(0, MOST_ROOMS);
}

export function rememberRooms(names) {
  localStorage.setItem(ROOMS_KEY, JSON.stringify(names.filter((name) => name !== GENERAL)));
}

export function inOrder(names) {
  const others = [...new Set(names)].filter((name) => name !== GENERAL).sort();
  return [GENERAL, ...others];
}
