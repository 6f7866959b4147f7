import type { SandboxEmulator } from '@backbridge/emulator-kit';
import { parseEmulatorArgs } from './emulator-cli';

const fake: SandboxEmulator = { pluginId: 'fake', start: () => Promise.reject(new Error('not started in this test')) };

describe('parseEmulatorArgs', () => {
  it('reads the plugin, the port, the time scale and every fault flag', () => {
    const parsed = parseEmulatorArgs(
      ['fake', '--port', '8081', '--time-scale', '0.1', '--latency-ms', '100', '--error-rate', '0.25', '--error-status', '502', '--rate-limit-every', '5', '--retry-after', '2', '--slow-body-ms', '300', '--extra-recovery-points', '25000', '--json'],
      [fake],
    );
    expect(parsed.emulator).toBe(fake);
    expect(parsed.json).toBe(true);
    expect(parsed.options).toEqual({
      port: 8081,
      host: undefined,
      timeScale: 0.1,
      faults: { latencyMs: 100, errorRate: 0.25, errorStatus: 502, rateLimitEvery: 5, rateLimitRetryAfterSeconds: 2, slowBodyMs: 300 },
      extraRecoveryPoints: 25000,
    });
  });

  it('refuses an unknown plugin, a missing plugin and out-of-range numbers with a usable message', () => {
    expect(() => parseEmulatorArgs(['nope'], [fake])).toThrow(/Unknown plugin 'nope'[\s\S]*Plugins: fake/);
    expect(() => parseEmulatorArgs([], [fake])).toThrow(/Usage: npm run emulator/);
    expect(() => parseEmulatorArgs(['fake', '--error-rate', '2'], [fake])).toThrow('--error-rate must be a number from 0 to 1');
    expect(() => parseEmulatorArgs(['fake', '--port', 'x'], [fake])).toThrow('--port must be a number');
  });
});
