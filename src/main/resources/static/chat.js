// First working page: connect, catch up from the last id seen, send, show as text.
const list = document.getElementById('messages');
const form = document.getElementById('composer');
const input = document.getElementById('content');
const button = form.querySelector('button');
const statusText = document.getElementById('status');
const onlineText = document.getElementById('online');

const shown = new Set();
let lastId = 0;
let client;

function show(message) {
  if (shown.has(message.id)) return;
  shown.add(message.id);
  lastId = Math.max(lastId, message.id);
  const item = document.createElement('li');
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = message.username;
  item.append(name, document.createTextNode(message.content));
  list.append(item);
  item.scrollIntoView({ block: 'end' });
}

function notice(text) {
  const item = document.createElement('li');
  item.className = 'notice';
  item.textContent = text;
  list.append(item);
}

async function catchUp() {
  for (;;) {
    const query = lastId > 0 ? `since=${lastId}&limit=500` : 'limit=100';
    const page = await (await fetch(`/api/messages?${query}`)).json();
    page.forEach(show);
    if (lastId === 0 || page.length < 500) return;
  }
}

function setLive(live) {
  statusText.textContent = live ? 'live' : 'reconnecting…';
  input.disabled = button.disabled = !live;
}

function connect() {
  client = Stomp.over(new SockJS('/sockjs'));
  client.debug = null;
  client.connect({ username: localStorage.getItem('username') || '' }, async () => {
    client.subscribe('/topic/chat', (frame) => show(JSON.parse(frame.body)));
    client.subscribe('/user/queue/chat', (frame) => show(JSON.parse(frame.body)));
    client.subscribe('/user/queue/errors', (frame) => notice(`Not sent: ${JSON.parse(frame.body).message}`));
    client.subscribe('/topic/presence', (frame) => {
      const event = JSON.parse(frame.body);
      notice(`${event.username} ${event.type === 'JOINED' ? 'joined' : 'left'}`);
      onlineText.textContent = `${event.online} online`;
    });
    client.subscribe('/app/presence', (frame) => {
      onlineText.textContent = `${JSON.parse(frame.body).online} online`;
    });
    await catchUp();
    setLive(true);
  }, () => {
    setLive(false);
    setTimeout(connect, 2000);
  });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!input.value.trim()) return;
  client.send('/app/chat', {}, JSON.stringify({ content: input.value, clientId: crypto.randomUUID() }));
  input.value = '';
});

connect();
