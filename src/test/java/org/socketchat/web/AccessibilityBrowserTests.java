package org.socketchat.web;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Keys;
import org.socketchat.ChatAppTest;
import org.socketchat.ChatClient;
import org.socketchat.TestChatServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core on every view of the page, in light and in dark colours: the nickname dialog,
 * the chat with messages, notices and a refused send, a room with its members, someone
 * typing, unread counts and a refused room name, the chat while reconnecting, and all of
 * it on a phone.
 */
@ChatAppTest
class AccessibilityBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@Autowired
	ApplicationContext context;

	@ParameterizedTest(name = "dark: {0}")
	@ValueSource(booleans = { false, true })
	void everyViewPassesAxe(boolean dark) {
		TestChatServer server = TestChatServer.of(this.context);
		ChatPage ana = ChatPage.open(chromium.open(), server.url("/"));
		assertThat(ana.asksForNickname()).isTrue();
		assertThat(Axe.violations(ana.driver(), dark)).as("the nickname dialog").isEmpty();

		ana.join("ana");
		try (ChatClient ben = server.connect("ben")) {
			ben.send("Hello ana, a message from someone else", null);
			ana.awaitMessage("Hello ana, a message from someone else");
		}
		ana.awaitNotice("ben left");
		ana.send("And one of my own");
		ana.awaitMessage("And one of my own");
		String tooLong = "Far too long. ".repeat(143);
		ana.paste(tooLong);
		ana.type(Keys.ENTER.toString());
		ana.awaitRefused(tooLong);
		assertThat(Axe.violations(ana.driver(), dark)).as("the chat").isEmpty();

		ana.joinRoom("music");
		try (ChatClient ben = server.connect("ben")) {
			ben.subscribe("/topic/rooms.music");
			ana.awaitMembers("ana", "ben");
			ben.sendTo("/app/rooms/music/typing", "");
			ben.send("Unread, back in general", null);
			ana.awaitUnread("general", 1);
			ana.awaitTyping("ben is typing…"::equals);
			ana.tryRoomName("Not a room!");
			assertThat(Axe.violations(ana.driver(), dark)).as("a room, its members, typing, unread, a refused name")
				.isEmpty();
		}

		ana.goOffline();
		ana.awaitState("reconnecting");
		assertThat(Axe.violations(ana.driver(), dark)).as("the chat while reconnecting").isEmpty();
		ana.goOnline();
		ana.awaitState("live");

		ana.phoneSize();
		assertThat(Axe.violations(ana.driver(), dark)).as("a room on a phone").isEmpty();
		ana.toggleRoomList();
		assertThat(Axe.violations(ana.driver(), dark)).as("the room list on a phone").isEmpty();
	}

}
