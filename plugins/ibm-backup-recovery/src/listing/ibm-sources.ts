import { NotFoundError } from '@backbridge/core';
import type { IbmClient, IbmRunsQuery } from '../client/ibm-client';
import type { IbmRun } from '../dto/ibm.dto';
import { TimePagedSource, TimeWindowSource, type TimedItem, type TimeRangeFetch } from './newest-first';
import type { SourcePlan } from './time-ordered-page';

/** The first window asked of an unpaged list with a time range (it grows when it brings too little). */
const FIRST_WINDOW_USECS = 7 * 86_400_000_000;

/**
 * A protection group's runs, newest first, through IBM's own paging (`numRuns`, `endTimeUsecs`):
 * a page of about what the list page wants, or of the connection's page size when read whole.
 */
export function groupRunsSource<R>(
  client: IbmClient,
  groupId: string,
  plan: SourcePlan,
  query: Omit<IbmRunsQuery, 'startTimeUsecs' | 'endTimeUsecs' | 'numRuns' | 'runId'>,
  toItems: (run: IbmRun) => TimedItem<R>[],
): TimePagedSource<IbmRun, R> {
  return new TimePagedSource(`g:${groupId}`, {
    fetch: async (until, size) => {
      try {
        return await client.runsPage(groupId, { ...query, startTimeUsecs: plan.range.lower, endTimeUsecs: until, numRuns: size });
      } catch (error) {
        // A group that went away between listing the groups and reading its runs has none.
        if (error instanceof NotFoundError) return [];
        throw error;
      }
    },
    timeOf: (run) => run.localBackupInfo?.startTimeUsecs ?? 0,
    idOf: (run) => run.id,
    toItems,
    size: plan.whole ? client.runsPageLimit : Math.min(client.runsPageLimit, plan.want),
    until: plan.range.upper,
  });
}

/** An unpaged IBM list that takes a time range, read in windows (whole at once when read whole). */
export function timeWindowSource<V, R>(key: string, plan: SourcePlan, nowUsecs: number, fetch: TimeRangeFetch<V>, toItems: (item: V) => TimedItem<R>[]): TimeWindowSource<V, R> {
  return new TimeWindowSource(key, {
    fetch,
    toItems,
    want: plan.want,
    until: plan.range.upper,
    lower: plan.range.lower,
    nowUsecs,
    window: plan.whole ? Infinity : (plan.windows[key] ?? FIRST_WINDOW_USECS),
  });
}
