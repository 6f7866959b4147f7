import type { RunningEmulator, SandboxEmulator } from '@backbridge/emulator-kit';
import type { ApiClient } from './test-gateway';

export interface Resource {
  id: string;
  provider: string;
  connection: string;
  name: string;
  policies: string[];
}

/** Starts `copies` of each emulator and connects the gateway to every one (names start with `tag`). */
export async function connectEmulators(admin: ApiClient, emulators: SandboxEmulator[], options: { copies: number; tag: string; timeScale: number }): Promise<{ running: RunningEmulator[]; connections: Set<string> }> {
  const running: RunningEmulator[] = [];
  const connections = new Set<string>();
  for (const emulator of emulators) {
    for (let i = 0; i < options.copies; i++) {
      const started = await emulator.start({ timeScale: options.timeScale });
      running.push(started);
      const created = await admin.post('/v1/connections', {
        provider: started.pluginId,
        name: `${options.tag}-${started.pluginId}-${i}`,
        endpoint: started.endpoint,
        ...(started.region ? { region: started.region } : {}),
        config: started.config,
        credentials: started.credentials,
      });
      if (created.status !== 201) throw new Error(`connect ${started.pluginId}: ${created.status} ${JSON.stringify(created.body)}`);
      connections.add(created.body.id);
    }
  }
  return { running, connections };
}

/** Vendors that back up a whole policy when asked for one resource (CPM runs a policy, IBM a protection group). */
const BACKS_UP_WHOLE_POLICY = new Set(['cpm', 'ibm-backup-recovery']);

/** Protected resources of these connections that can each be backed up on their own, at the same time. */
export async function backupableResources(client: ApiClient, connections: Set<string>): Promise<Resource[]> {
  const all: Resource[] = [];
  // Only these connections: other suites' connections share the test database.
  const scope = [...connections].map((id) => `&connection=${id}`).join('');
  let token: string | null = null;
  do {
    const page: any = (await client.get(`/v1/resources?pageSize=200${scope}${token ? `&pageToken=${token}` : ''}`)).body;
    if (page.unreachable?.length) throw new Error(`unreachable connections: ${JSON.stringify(page.unreachable)}`);
    all.push(...page.items);
    token = page.nextPageToken;
  } while (token);
  const policiesTaken = new Set<string>();
  return all.filter((r) => {
    if (!connections.has(r.connection) || r.policies.length === 0) return false;
    if (!BACKS_UP_WHOLE_POLICY.has(r.provider)) return true;
    // One resource per policy, and a resource in several policies would run several.
    if (r.policies.length > 1 || r.policies.some((p) => policiesTaken.has(p))) return false;
    policiesTaken.add(r.policies[0]);
    return true;
  });
}

/** Runs `run` over `items`, `size` at a time. */
export async function inBatches<T, R>(items: T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return results;
}
