// Who is in the open room and who is typing there. Both follow one room at a time: the
// page subscribes to the open room's presence and typing only. Names reach the page
// through textContent only.

// How long a name shows as typing after its last signal (docs/PROTOCOL.md, "Typing").
const TYPING_SHOWN_MS = 5_000;

/** The member list: a count and the names, each once, whatever its number of sessions. */
export function createMembers({ count, list }) {
  // Sessions per name: one person in two tabs leaves when both are gone.
  const sessions = new Map();
  let ownName = '';

  function render() {
    const names = [...sessions.keys()].sort((a, b) => a.localeCompare(b));
    count.textContent = names.length;
    list.replaceChildren(...names.map((name) => {
      const item = document.createElement('li');
      item.textContent = name;
      if (name === ownName) {
        const you = document.createElement('span');
        you.className = 'you';
        you.textContent = ' (you)';
        item.append(you);
      }
      return item;
    }));
  }

  return {
    /** Everyone in the room now, as its snapshot says: sessions' names, repeated per session. */
    snapshot(usernames, own) {
      ownName = own;
      sessions.clear();
      usernames.forEach((name) => sessions.set(name, (sessions.get(name) ?? 0) + 1));
      render();
    },

    joined(name) {
      sessions.set(name, (sessions.get(name) ?? 0) + 1);
      render();
    },

    left(name) {
      const left = (sessions.get(name) ?? 0) - 1;
      if (left > 0) sessions.set(name, left);
      else sessions.delete(name);
      render();
    },

    clear() {
      sessions.clear();
      render();
    },
  };
}

/** "ana is typing…" in a polite live region, each name until it falls silent or speaks. */
export function createTyping(element) {
  const typing = new Map();

  function render() {
    const names = [...typing.keys()];
    const text = names.length === 0 ? ''
      : names.length === 1 ? `${names[0]} is typing…`
        : names.length === 2 ? `${names[0]} and ${names[1]} are typing…`
          : `${names.length} people are typing…`;
    // The same words again would be read out again at every signal.
    if (element.textContent !== text) element.textContent = text;
  }

  function stopped(name) {
    clearTimeout(typing.get(name));
    if (typing.delete(name)) render();
  }

  return {
    signal(name) {
      clearTimeout(typing.get(name));
      typing.set(name, setTimeout(() => stopped(name), TYPING_SHOWN_MS));
      render();
    },

    /** The name's message arrived: it is done typing. */
    stopped,

    clear() {
      typing.forEach((timer) => clearTimeout(timer));
      typing.clear();
      render();
    },
  };
}
