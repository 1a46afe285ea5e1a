package org.socketchat.presence;

/** Broadcast on {@code /topic/rooms.{room}.typing}: never stored, the page forgets it after a few seconds. */
record TypingNotice(String username) {
}
