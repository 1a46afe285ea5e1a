package org.socketchat.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page in one browser window, as a person uses it: join, type, read. Reads go
 * through the DOM the person sees; waits are bounded.
 */
final class ChatPage {

	private static final Pattern SINCE = Pattern.compile("since=(\\d+)");

	private static final Duration WAIT = Duration.ofSeconds(10);

	/** The open room's view; every room has one, the others hidden. */
	private static final String OPEN_ROOM = ".room-view:not([hidden])";

	private static final String TIMELINE = OPEN_ROOM + " > .timeline";

	private static final String READ_MESSAGES = """
			return Array.from(document.querySelectorAll(arguments[0]), (item) => [
			  item.dataset.id ?? '', item.querySelector('.author').textContent, item.querySelector('.text').textContent,
			  item.classList.contains('own'), item.dataset.clientId ?? '', item.querySelector('.problem')?.firstChild.textContent ?? ''
			]);""";

	// Installed before the page's own scripts: what went wrong in the page, which the
	// page itself would only log. CDP-injected scripts run whatever the page's policy.
	private static final String WATCH_PROBLEMS = """
			window.socketChatTestProblems = [];
			const problem = (text) => window.socketChatTestProblems.push(text);
			window.addEventListener('error', (event) => problem(`error: ${event.message}`));
			window.addEventListener('unhandledrejection', (event) => problem(`unhandled rejection: ${event.reason}`));
			document.addEventListener('securitypolicyviolation',
			  (event) => problem(`blocked by ${event.effectiveDirective}: ${event.blockedURI}`));""";

	// Drops the next SENDs of chat messages (to /app/chat or a room's) on their way out, as a
	// network that loses them.
	private static final String LOSE_SENDS = """
			if (!window.socketChatTestToLose) {
			  const send = WebSocket.prototype.send;
			  WebSocket.prototype.send = function (data) {
			    if (window.socketChatTestToLose.count > 0 && /destination:\\/app\\/(rooms\\/[a-z0-9-]+\\/)?chat/.test(String(data))) {
			      window.socketChatTestToLose.count -= 1;
			      return;
			    }
			    send.call(this, data);
			  };
			}
			window.socketChatTestToLose = { count: arguments[0] };""";

	/** A message as the page shows it; {@code id} is 0 and clientId set while it is being sent. */
	record Shown(long id, String author, String text, boolean own, String clientId, String problem) {
	}

	private final ChromeDriver driver;

	private ChatPage(ChromeDriver driver) {
		this.driver = driver;
	}

	static ChatPage open(ChromeDriver driver, String url) {
		driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH_PROBLEMS));
		driver.get(url);
		return new ChatPage(driver);
	}

	ChromeDriver driver() {
		return this.driver;
	}

	// Nickname

	/** Whether the page, once loaded, prompts for a nickname rather than connecting. */
	boolean asksForNickname() {
		await((d) -> dialog().isDisplayed() || "live".equals(state()));
		return dialog().isDisplayed();
	}

	/** Picks a nickname in the prompt and waits until the page is live under it. */
	ChatPage join(String nickname) {
		await((d) -> dialog().isDisplayed());
		WebElement field = this.driver.findElement(By.id("nickname"));
		field.clear();
		field.sendKeys(nickname, Keys.ENTER);
		await((d) -> !dialog().isDisplayed() && "live".equals(state()) && nickname.equals(nickname()));
		return this;
	}

	/** Submits a nickname the page may refuse, or the server; returns what the dialog then says. */
	String tryNickname(String nickname) {
		await((d) -> dialog().isDisplayed());
		// Set, not typed: chromedriver does not type every character a name might hold.
		this.driver.executeScript("document.getElementById('nickname').value = arguments[0];", nickname);
		this.driver.findElement(By.id("nickname")).sendKeys(Keys.ENTER);
		return await((d) -> {
			String error = this.driver.findElement(By.id("nickname-error")).getText();
			return (dialog().isDisplayed() && !error.isEmpty()) ? error : null;
		});
	}

	void changeNickname(String nickname) {
		this.driver.findElement(By.id("nickname-button")).click();
		join(nickname);
	}

	String nickname() {
		return this.driver.findElement(By.id("nickname-button-text")).getText();
	}

	// Composer

	/** Types the lines (Shift+Enter between them) and presses Enter. */
	void send(String... lines) {
		type(String.join(Keys.chord(Keys.SHIFT, Keys.ENTER), lines) + Keys.ENTER);
	}

	void type(String text) {
		composer().sendKeys(text);
	}

	/** Adds text at the end as a paste does: one input event, not a key per character. */
	void paste(String text) {
		this.driver.executeScript("""
				const composer = document.getElementById('content');
				composer.focus();
				composer.setSelectionRange(composer.value.length, composer.value.length);
				document.execCommand('insertText', false, arguments[0]);""", text);
	}

	String composerText() {
		return composer().getDomProperty("value");
	}

	boolean canType() {
		return composer().isEnabled();
	}

	/** The character counter, or empty while it is hidden. */
	String counter() {
		WebElement counter = this.driver.findElement(By.id("counter"));
		return counter.isDisplayed() ? counter.getText() : "";
	}

	boolean counterSaysOverLimit() {
		return this.driver.findElement(By.id("counter")).getDomAttribute("class").contains("over");
	}

	// Messages

	/** The stored messages shown in the open room, top to bottom. */
	List<Shown> messages() {
		return read(TIMELINE + " > li.message");
	}

	/** Sends to the open room waiting for their own broadcast, or refused. */
	List<Shown> outbox() {
		return read(OPEN_ROOM + " > .outbox > li.message");
	}

	/** Waits until a stored message with exactly this text is shown, and returns it. */
	Shown awaitMessage(String text) {
		return awaitMessage(text, () -> {
		});
	}

	/** Waits as {@link #awaitMessage(String)}, checking at each look that {@code meanwhile} holds. */
	Shown awaitMessage(String text, Runnable meanwhile) {
		return await((d) -> {
			meanwhile.run();
			return messages().stream().filter((shown) -> shown.text().equals(text)).findFirst().orElse(null);
		});
	}

	/** Waits until the send with this text is refused, and returns it with the reason. */
	Shown awaitRefused(String text) {
		return await((d) -> outbox().stream()
			.filter((shown) -> shown.text().equals(text) && !shown.problem().isEmpty())
			.findFirst()
			.orElse(null));
	}

	/** Clicks a button (Retry, Edit) on the refused send with this text. */
	void onRefused(String text, String button) {
		awaitRefused(text);
		this.driver.findElements(By.cssSelector(OPEN_ROOM + " > .outbox > li.failed"))
			.stream()
			.filter((item) -> item.findElement(By.className("text")).getText().equals(text))
			.findFirst()
			.orElseThrow()
			.findElement(By.xpath(".//button[normalize-space()='" + button + "']"))
			.click();
	}

	List<String> notices() {
		return this.driver.findElements(By.cssSelector(TIMELINE + " > li.notice")).stream().map(WebElement::getText).toList();
	}

	void awaitNotice(String text) {
		await((d) -> notices().contains(text));
	}

	/** Whether the newest message is in view (the list is scrolled to its end). */
	boolean showsTheNewest() {
		return Boolean.TRUE.equals(this.driver.executeScript(
				"const s = document.getElementById('scroller'); return s.scrollHeight - s.scrollTop - s.clientHeight < 2;"));
	}

	void scrollToOldest() {
		this.driver.executeScript("document.getElementById('scroller').scrollTop = 0;");
	}

	/**
	 * Scrolls to the top and, in the same turn of the page's event loop (before any page
	 * of earlier messages can arrive), says where on the screen this message is.
	 */
	double scrollToOldestReturningTopOf(long id) {
		return ((Number) this.driver.executeScript("document.getElementById('scroller').scrollTop = 0;"
				+ "return document.querySelector(`" + TIMELINE + " > [data-id='${arguments[0]}']`).getBoundingClientRect().top;",
				id))
			.doubleValue();
	}

	/** Where on the screen (px from the top of the window) the message with this id is. */
	double topOf(long id) {
		return ((Number) this.driver.executeScript(
				"return document.querySelector(`" + TIMELINE + " > [data-id='${arguments[0]}']`).getBoundingClientRect().top;",
				id))
			.doubleValue();
	}

	void awaitMessagesShown(int count) {
		await((d) -> messages().size() >= count);
	}

	/** What the top of the open room's list says about earlier messages (loading, the beginning, or nothing). */
	String historyEdge() {
		return this.driver.findElement(By.cssSelector(OPEN_ROOM + " > .history-edge")).getText();
	}

	void awaitHistoryEdge(String text) {
		await((d) -> text.equals(historyEdge()));
	}

	boolean hintsAtNewMessages() {
		return this.driver.findElement(By.id("new-messages")).isDisplayed();
	}

	void followNewMessagesHint() {
		this.driver.findElement(By.id("new-messages")).click();
	}

	/** What the live region has passed to screen readers lately. */
	String announced() {
		return this.driver.findElement(By.id("announcer")).getDomProperty("textContent");
	}

	boolean typesIntoComposer() {
		return composer().equals(this.driver.switchTo().activeElement());
	}

	/** Whether text runs out of the message list sideways instead of wrapping. */
	boolean overflowsSideways() {
		return Boolean.TRUE.equals(this.driver.executeScript(
				"const s = document.getElementById('scroller'); return s.scrollWidth > s.clientWidth;"));
	}

	// Rooms, who is in them, who is typing

	/** Joins (or creates) a room by typing its name into the form, and waits until it is open. */
	ChatPage joinRoom(String name) {
		roomNameField().sendKeys(name, Keys.ENTER);
		awaitOpenRoom(name.toLowerCase(Locale.ROOT));
		return this;
	}

	/** Types a name the page refuses into the form; returns what the form then says. */
	String tryRoomName(String name) {
		roomNameField().sendKeys(name, Keys.ENTER);
		return awaitRoomError();
	}

	/** Waits until the room form says what is wrong, and returns it. */
	String awaitRoomError() {
		return await((d) -> {
			String error = this.driver.findElement(By.id("room-error")).getDomProperty("textContent");
			return error.isEmpty() ? null : error;
		});
	}

	/** The rooms the join form suggests once it has the focus. */
	List<String> awaitRoomSuggestions(Predicate<List<String>> condition) {
		this.driver.findElement(By.id("room-name")).click();
		return await((d) -> {
			@SuppressWarnings("unchecked")
			List<String> names = (List<String>) this.driver
				.executeScript("return Array.from(document.querySelectorAll('#known-rooms > option'), (o) => o.value);");
			return condition.test(names) ? names : null;
		});
	}

	/** Opens a joined room from the room list, as a click on its link. */
	void openRoom(String name) {
		roomLink(name).click();
		awaitOpenRoom(name);
	}

	void leaveRoom(String name) {
		this.driver.findElement(By.cssSelector("#room-list button[aria-label='Leave " + name + "']")).click();
		await((d) -> !rooms().contains(name));
	}

	/** The room whose messages the page shows. */
	String openRoom() {
		return this.driver.findElement(By.id("room-title")).getText().replaceFirst("^# ", "");
	}

	void awaitOpenRoom(String name) {
		await((d) -> name.equals(openRoom()) && name.equals(
				d.findElement(By.cssSelector("#room-list a[aria-current='page'] .room-name")).getDomProperty("textContent")));
	}

	/** Follows a link to this place on the page, e.g. {@code #/music}, without loading it again. */
	void goToHash(String hash) {
		this.driver.executeScript("location.hash = arguments[0];", hash);
	}

	String hash() {
		return (String) this.driver.executeScript("return location.hash;");
	}

	/** The joined rooms, as the room list names them. */
	List<String> rooms() {
		return texts("#room-list .room-name");
	}

	/** The room's unread count as its badge shows it; 0 while it shows none. */
	int unread(String room) {
		WebElement badge = roomLink(room).findElement(By.className("unread"));
		return badge.isDisplayed() ? Integer.parseInt(badge.getText()) : 0;
	}

	void awaitUnread(String room, int count) {
		await((d) -> unread(room) == count);
	}

	/** The name of the room's link as a screen reader says it, e.g. "music, 3 unread". */
	String roomLinkSays(String room) {
		return roomLink(room).getAccessibleName();
	}

	/** Who is in the open room, by name, as the member list shows them. */
	List<String> members() {
		return texts("#member-list > li").stream().map((member) -> member.replace(" (you)", "")).toList();
	}

	int memberCount() {
		return Integer.parseInt(this.driver.findElement(By.id("member-count")).getDomProperty("textContent"));
	}

	void awaitMembers(String... names) {
		await((d) -> members().equals(List.of(names)) && memberCount() == names.length);
	}

	/** What the typing indicator says: "ana is typing…", or empty. */
	String typing() {
		return this.driver.findElement(By.id("typing")).getDomProperty("textContent");
	}

	String awaitTyping(Predicate<String> condition) {
		return await((d) -> {
			String typing = typing();
			return condition.test(typing) ? typing : null;
		});
	}

	/** Shows or hides the room list on a narrow screen, as a tap on its toggle. */
	void toggleRoomList() {
		this.driver.findElement(By.id("rooms-toggle")).click();
	}

	boolean showsRoomList() {
		return this.driver.findElement(By.id("room-list")).isDisplayed();
	}

	private WebElement roomLink(String name) {
		return this.driver.findElements(By.cssSelector("#room-list a"))
			.stream()
			.filter((link) -> name.equals(link.findElement(By.className("room-name")).getDomProperty("textContent")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no room " + name + " in the list: " + rooms()));
	}

	private WebElement roomNameField() {
		WebElement field = this.driver.findElement(By.id("room-name"));
		field.clear();
		return field;
	}

	// Connection and presence

	/** connecting, live, reconnecting, refused or idle. */
	String state() {
		return this.driver.findElement(By.id("status")).getDomAttribute("data-state");
	}

	void awaitState(String state) {
		await((d) -> state.equals(state()));
	}

	/** The SockJS transport the live page uses, e.g. websocket or xhr-streaming. */
	String transport() {
		return this.driver.findElement(By.id("status")).getDomAttribute("title").replace("Connected over ", "");
	}

	/** Script errors, unhandled rejections and content security policy violations, as they came. */
	List<String> problems() {
		@SuppressWarnings("unchecked")
		List<String> problems = (List<String>) this.driver.executeScript("return window.socketChatTestProblems;");
		return problems;
	}

	/**
	 * Sends the line while the page loses its sends (over WebSocket) on their way to the
	 * server: this one and the next ones, {@code count} in all.
	 * @return the line's clientId
	 */
	String sendLosing(String text, int count) {
		this.driver.executeScript(LOSE_SENDS, count);
		send(text);
		return outbox().stream().filter((shown) -> shown.text().equals(text)).findFirst().orElseThrow().clientId();
	}

	/** Waits until the page has lost all but this many of the sends it was to lose. */
	void awaitSendsLeftToLose(int count) {
		await((d) -> Long.valueOf(count).equals(this.driver.executeScript("return window.socketChatTestToLose.count;")));
	}

	String banner() {
		WebElement banner = this.driver.findElement(By.id("banner"));
		return banner.isDisplayed() ? banner.getText() : "";
	}

	int online() {
		return Integer.parseInt(this.driver.findElement(By.id("online-count")).getText());
	}

	void awaitOnline(int count) {
		await((d) -> online() == count);
	}

	/** DevTools offline emulation: the browser reports itself offline and new requests fail. */
	void goOffline() {
		emulateNetwork(true);
	}

	void goOnline() {
		emulateNetwork(false);
	}

	void reload() {
		this.driver.navigate().refresh();
	}

	/** The URLs this document has requested (fetch, XHR, scripts) that contain the text. */
	List<String> requested(String text) {
		@SuppressWarnings("unchecked")
		List<String> urls = (List<String>) this.driver.executeScript(
				"return performance.getEntriesByType('resource').map((entry) => entry.name).filter((url) => url.includes(arguments[0]));",
				text);
		return urls;
	}

	/** The lowest {@code since} of the backlog reads this document made at the path; none: {@code Long.MAX_VALUE}. */
	long lowestSince(String path) {
		return requested(path + "?since=").stream()
			.map(SINCE::matcher)
			.filter(Matcher::find)
			.mapToLong((since) -> Long.parseLong(since.group(1)))
			.min()
			.orElse(Long.MAX_VALUE);
	}

	/** Leaves a mark on this document, which only survives as long as it is not reloaded. */
	void markDocument() {
		this.driver.executeScript("window.socketChatTestMark = true;");
	}

	boolean isMarkedDocument() {
		return Boolean.TRUE.equals(this.driver.executeScript("return window.socketChatTestMark === true;"));
	}

	String title() {
		return this.driver.getTitle();
	}

	/** How many elements the CSS selector finds inside the message list. */
	int countInMessages(String selector) {
		return this.driver.findElements(By.cssSelector("#scroller :is(" + selector + ")")).size();
	}

	// Looks

	void darkColorScheme() {
		this.driver.executeCdpCommand("Emulation.setEmulatedMedia",
				Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
	}

	void phoneSize() {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", 375, "height", 812, "deviceScaleFactor", 2, "mobile", true));
	}

	void screenshot(String name) {
		Chromium.save(this.driver, name);
	}

	private void emulateNetwork(boolean offline) {
		this.driver.executeCdpCommand("Network.enable", Map.of());
		this.driver.executeCdpCommand("Network.emulateNetworkConditions",
				Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
	}

	/** The text of each element the selector finds, read at one instant: lists are rebuilt as they change. */
	private List<String> texts(String selector) {
		@SuppressWarnings("unchecked")
		List<String> texts = (List<String>) this.driver.executeScript(
				"return Array.from(document.querySelectorAll(arguments[0]), (element) => element.textContent);", selector);
		return texts;
	}

	private List<Shown> read(String selector) {
		@SuppressWarnings("unchecked")
		List<List<Object>> rows = (List<List<Object>>) this.driver.executeScript(READ_MESSAGES, selector);
		return rows.stream()
			.map((row) -> new Shown(row.get(0).toString().isEmpty() ? 0 : Long.parseLong(row.get(0).toString()),
					(String) row.get(1), (String) row.get(2), (Boolean) row.get(3), (String) row.get(4),
					(String) row.get(5)))
			.toList();
	}

	private WebElement composer() {
		return this.driver.findElement(By.id("content"));
	}

	private WebElement dialog() {
		return this.driver.findElement(By.id("nickname-dialog"));
	}

	private <T> T await(Function<WebDriver, T> condition) {
		return new WebDriverWait(this.driver, WAIT, Duration.ofMillis(100)).until(condition);
	}

}
