package org.socketchat.presence;

import java.util.List;

/**
 * Who is online, sent once to a client that subscribes to {@code /app/presence}: the
 * notices only tell about changes after it connected.
 *
 * @param usernames display names, sorted, one per session
 */
record PresenceSnapshot(int online, List<String> usernames) {
}
