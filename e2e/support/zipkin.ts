import { testInfra } from '@o2c/testing';

/** A span as Zipkin's v2 API returns it (the fields the tests read). */
export interface ZipkinSpan {
  traceId: string;
  id: string;
  parentId?: string;
  name?: string;
  kind?: 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';
  localEndpoint?: { serviceName?: string };
  tags?: Record<string, string>;
}

/** Every span Zipkin holds of one trace (none yet: an empty list). */
export async function zipkinTrace(traceId: string): Promise<ZipkinSpan[]> {
  const res = await fetch(`${testInfra.zipkinUrl}/api/v2/trace/${traceId}`);
  if (res.status === 404) return [];
  if (!res.ok) throw new Error(`Zipkin answered ${res.status} for trace ${traceId}`);
  return (await res.json()) as ZipkinSpan[];
}
