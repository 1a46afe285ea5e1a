package org.socketchat.messaging;

import java.security.Principal;

/**
 * The identity of one STOMP session. Sessions have no login and several may share a
 * display name, so the principal name is a per-session id: user destinations such as
 * {@code /user/queue/errors} then reach exactly the session that caused them.
 *
 * @param id unique per session; what {@link #getName()} returns
 * @param username the display name chosen in the CONNECT frame
 */
public record ChatPrincipal(String id, String username) implements Principal {

	@Override
	public String getName() {
		return this.id;
	}

}
