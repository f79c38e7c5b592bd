import type { RequestHandler } from 'express';
import { Histogram, type Registry } from 'prom-client';
import { isProbe, routeOf } from './route-of';

/**
 * `http_server_request_duration_seconds{method,route,status_code}` (OpenTelemetry's HTTP
 * metric, in Prometheus naming): its count is the request rate, 5xx codes the errors.
 */
export function requestMetrics(registry: Registry): RequestHandler {
  const duration = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Duration of HTTP requests answered, by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (req, res, next) => {
    if (isProbe(req)) return next();
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      duration.observe(
        { method: req.method, route: routeOf(req), status_code: String(res.statusCode) },
        seconds,
      );
    });
    next();
  };
}
