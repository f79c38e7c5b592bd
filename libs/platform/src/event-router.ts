import type { EventPayloads, EventType } from '@o2c/contracts';
import { PermanentError, type EventHandler, type HandlerContext } from '@o2c/inbox';

/** What a route's writes are caused by: the consumed event (and its trace, when it has one). */
export interface Cause {
  causationId: string;
  traceparent?: string;
}

export interface RouteContext extends HandlerContext {
  cause: Cause;
}

/** Applies one event type's payload in the inbox transaction; what it returns is logged (debug). */
export type Route<T extends EventType> = (
  data: EventPayloads[T],
  ctx: RouteContext,
) => Promise<unknown>;

export interface EventRouterOptions {
  /**
   * Event types without a route: `skip` acknowledges them (a topic carries types this consumer
   * does not need, or adds some later); `dead-letter` refuses them (a topic that must carry only
   * the routed types). Default `skip`.
   */
  otherTypes?: 'skip' | 'dead-letter';
  /** Turns a route's error into what the runtime acts on (a PermanentError dead-letters at once). */
  mapError?: (error: unknown) => unknown;
}

export interface EventRouter {
  /** Routes one event type (replacing its route, if any); routes may be added while consuming. */
  on<T extends EventType>(type: T, route: Route<T>): EventRouter;
  /** The event types routed so far. */
  types(): EventType[];
  /** The handler a consumer runtime calls: dispatches on the envelope's event type. */
  readonly handler: EventHandler;
}

/** A typed event-type → route table, as one consumer runtime handler. */
export function createEventRouter(options: EventRouterOptions = {}): EventRouter {
  const routes = new Map<string, Route<EventType>>();
  const mapError = options.mapError ?? ((error: unknown) => error);
  const handler: EventHandler = async (event, ctx) => {
    const type = ctx.metadata.eventType;
    const route = routes.get(type);
    if (!route) {
      if (options.otherTypes !== 'dead-letter') return;
      throw new PermanentError(
        'UNEXPECTED_EVENT_TYPE',
        `${event.topic} carries ${[...routes.keys()].join(', ')}, not ${type}`,
      );
    }
    const { eventId, traceparent } = ctx.metadata;
    const cause: Cause = { causationId: eventId, ...(traceparent ? { traceparent } : {}) };
    try {
      const result = await route(event.value as EventPayloads[EventType], { ...ctx, cause });
      ctx.logger.debug({ eventType: type, result }, 'event applied');
    } catch (error) {
      throw mapError(error);
    }
  };
  const router: EventRouter = {
    on(type, route) {
      routes.set(type, route as Route<EventType>);
      return router;
    },
    types: () => [...routes.keys()] as EventType[],
    handler,
  };
  return router;
}
