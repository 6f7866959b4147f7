import type { ApiClient } from './test-gateway';

/** Walks a merged list to its end; fails on any unreachable connection or repeated page token. */
export async function walkMerged(client: ApiClient, path: string, pageSize: number): Promise<{ ids: string[]; items: any[]; pages: number }> {
  const items: any[] = [];
  const tokens = new Set<string>();
  let token: string | null = null;
  let pages = 0;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const answer: { status: number; body: any } = await client.get(`${path}${separator}pageSize=${pageSize}${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`);
    if (answer.status !== 200) throw new Error(`${path} page ${pages + 1}: ${answer.status} ${JSON.stringify(answer.body)}`);
    if (answer.body.unreachable.length > 0) throw new Error(`${path} page ${pages + 1}: unreachable ${JSON.stringify(answer.body.unreachable)}`);
    if (answer.body.items.length > pageSize) throw new Error(`${path} page ${pages + 1} has ${answer.body.items.length} items`);
    items.push(...answer.body.items);
    token = answer.body.nextPageToken;
    if (token && tokens.has(token)) throw new Error(`${path}: page token repeated`);
    if (token) tokens.add(token);
    pages++;
  } while (token);
  return { ids: items.map((item) => item.id), items, pages };
}
