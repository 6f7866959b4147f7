export interface ReceivedEvent {
  id: string;
  type: string;
  data: any;
}

export interface EventStream {
  /** Resolves once the gateway answered: from then on, no event is missed. */
  ready: Promise<void>;
  close(): void;
}

/** Reads `GET /v1/events` into `events` until `close` is called. */
export function listenToEvents(url: string, token: string, events: ReceivedEvent[], headers: Record<string, string> = {}, query = ''): EventStream {
  const abort = new AbortController();
  let answered!: () => void;
  const ready = new Promise<void>((resolve) => (answered = resolve));
  void (async () => {
    const response = await fetch(`${url}/v1/events${query}`, { headers: { authorization: `Bearer ${token}`, ...headers }, signal: abort.signal });
    answered();
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1).trim();
        const id = field('id');
        if (id) events.push({ id, type: field('event')!, data: JSON.parse(field('data')!) });
      }
    }
  })().catch(() => answered());
  return { ready, close: () => abort.abort() };
}

