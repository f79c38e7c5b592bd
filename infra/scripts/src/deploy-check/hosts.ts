const loopback = /^(127\.\d+\.\d+\.\d+|localhost|::1|0\.0\.0\.0)$/i;

export const isLoopback = (host: string): boolean => loopback.test(host);

export interface Address {
  host: string;
  /** Explicit, or the scheme's default (http 80, https 443, postgres 5432). */
  port?: number;
}

const defaultPorts: Record<string, number> = {
  http: 80,
  https: 443,
  postgres: 5432,
  postgresql: 5432,
};

/**
 * Addresses named in an environment value: each comma-separated part that is a URL
 * (`scheme://[user@]host[:port]`) or a `host:port` pair (KAFKA_BROKERS). Other values give none.
 */
export function addressesIn(value: string): Address[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .flatMap((part): Address[] => {
      const url = /^([a-z][\w+.-]*):\/\/([^/?#]+)/i.exec(part);
      if (url?.[1] && url[2]) {
        const authority = url[2].slice(url[2].lastIndexOf('@') + 1);
        const bracket = authority.startsWith('[');
        const host = bracket
          ? authority.slice(1, authority.indexOf(']'))
          : authority.replace(/:\d+$/, '');
        const port = /:(\d+)$/.exec(
          bracket ? authority.slice(authority.indexOf(']')) : authority,
        )?.[1];
        return [{ host, port: port ? Number(port) : defaultPorts[url[1].toLowerCase()] }];
      }
      const pair = /^([\w.-]+):(\d+)$/.exec(part);
      return pair?.[1] ? [{ host: pair[1], port: Number(pair[2]) }] : [];
    });
}

export const hostsIn = (value: string): string[] => addressesIn(value).map((a) => a.host);
