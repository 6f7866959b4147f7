/** What `GET /v1/events` streams. `data` is the object's API form at the time of the event. */
export const EVENT_TYPES = ['operation.created', 'operation.status_changed', 'operation.finished', 'connection.status_changed'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface GatewayEvent {
  /** Database sequence number as a decimal string: the SSE `id`, what `Last-Event-ID` resumes from. */
  id: string;
  type: EventType;
  subject: string;
  data: Record<string, unknown>;
  createdAt: string;
}
