import type { Express, Router } from 'express';
import { policyOf, type RoutePolicy } from './policy';

export interface RouteEntry {
  method: string;
  path: string;
  /** Undefined when the route forgot its policy: the route table test fails on it. */
  policy: RoutePolicy | undefined;
}

interface Layer {
  handle?: unknown;
  route?: { path: unknown; methods: Record<string, boolean>; stack: Layer[] };
}

/** Every route of an app or router (routers mounted at the root included), with its policy. */
export function listRoutes(app: Express | Router): RouteEntry[] {
  const root = 'router' in app && typeof app.router === 'function' ? app.router : app;
  const walk = (stack: Layer[]): RouteEntry[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const { path, methods, stack: handlers } = layer.route;
        const policy = handlers.map((h) => policyOf(h.handle)).find(Boolean);
        return Object.keys(methods)
          .filter((m) => m !== '_all')
          .map((m) => ({ method: m.toUpperCase(), path: String(path), policy }));
      }
      const nested = (layer.handle as { stack?: Layer[] } | undefined)?.stack;
      return Array.isArray(nested) ? walk(nested) : [];
    });
  return walk((root as unknown as { stack: Layer[] }).stack);
}
