import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ValidationFailedError } from '@backbridge/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequireRole } from '../auth/auth.decorators';
import { ApiProblems, AUTHENTICATED_PROBLEMS } from '../common/api-problems.decorator';
import { EVENT_TYPES, type EventType, type GatewayEvent } from './event-types';
import { EventsService } from './events.service';

/** A comment line every so often keeps proxies from closing an idle stream. */
const KEEPALIVE_MS = 15_000;

export function formatSse(event: GatewayEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify({ ...event.data, eventCreatedAt: event.createdAt })}\n\n`;
}

@ApiTags('events')
@ApiBearerAuth()
@Controller('v1/events')
@ApiProblems(...AUTHENTICATED_PROBLEMS)
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @RequireRole('viewer')
  @ApiOperation({
    summary: 'Stream operation and connection events (Server-Sent Events)',
    description:
      'A `text/event-stream` of `operation.created`, `operation.status_changed`, `operation.finished` and `connection.status_changed`. ' +
      'Each event has an `id`; send it back as `Last-Event-ID` (browsers do so on reconnect) to receive what was missed, from any gateway instance. ' +
      '`data` is the operation or connection as the API shows it.',
  })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'types', required: false, description: `Comma list of event types to receive: ${EVENT_TYPES.join(', ')}` })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event id.' })
  @ApiResponse({ status: 200, description: 'The event stream; it stays open.' })
  @ApiProblems(400)
  async stream(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('types') typesParam?: string,
    @Headers('last-event-id') lastEventIdHeader?: string,
    @Query('lastEventId') lastEventIdQuery?: string,
  ): Promise<void> {
    const types = parseTypes(typesParam);
    const lastEventId = lastEventIdHeader ?? lastEventIdQuery;
    if (lastEventId !== undefined && !/^\d{1,19}$/.test(lastEventId)) {
      throw ValidationFailedError.field('Last-Event-ID', 'must be an event id (a whole number)');
    }
    reply.hijack();
    const raw = reply.raw;
    // Subscribed before the answer starts: a client that sees the 200 misses nothing after it.
    let open = false;
    const early: string[] = [];
    const send = (text: string) => (open ? raw.write(text) : early.push(text));
    let keepalive: NodeJS.Timeout | undefined;
    const unsubscribe = await this.events.subscribe(
      {
        deliver(event) {
          if (!types || types.has(event.type)) send(formatSse(event));
        },
        close() {
          clearInterval(keepalive);
          raw.end();
        },
      },
      lastEventId,
    );
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': String(request.id),
    });
    raw.write('retry: 3000\n\n');
    open = true;
    for (const text of early) raw.write(text);
    keepalive = setInterval(() => raw.write(': keepalive\n\n'), KEEPALIVE_MS);
    request.raw.on('close', () => {
      clearInterval(keepalive);
      unsubscribe();
    });
  }
}

function parseTypes(param: string | undefined): Set<EventType> | undefined {
  if (param === undefined || param.trim() === '') return undefined;
  const types = param.split(',').map((t) => t.trim());
  const unknown = types.filter((t) => !(EVENT_TYPES as readonly string[]).includes(t));
  if (unknown.length) {
    throw ValidationFailedError.field('types', `unknown event type(s) ${unknown.join(', ')}; known: ${EVENT_TYPES.join(', ')}`);
  }
  return new Set(types as EventType[]);
}
