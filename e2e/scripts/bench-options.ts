/** `npm run bench`'s options and help text. */
import { parseArgs } from 'node:util';

export const HELP = `Usage: npm run bench -- [options]

  --rate <orders/s>  offered load (default 500); with --find-max, where the search starts
  --duration <s>     seconds of load per measured rate (default 20)
  --warmup <s>       first offer 1 order/s for this long, not measured (default 10; 0 = none):
                     the first orders after start-up pay for JIT, schema and group joins
  --find-max         search the highest rate that keeps up with order → invoice p99 ≤ --p99-ms
  --p99-ms <ms>      the latency bound of --find-max (default 2000)
  --idle <s>         measure the CPU the platform burns without orders, for this long
  --traces           export every process's spans to the local Zipkin (and count its CPU)
  --round-trips      count each service's Postgres queries and Kafka requests per order (by
                     statement and API; wraps their clients, so take timings without it)
  --cpu-profile <dir>  each of our processes writes <dir>/<name>.cpuprofile when it stops (open
                     it in Chrome DevTools or speedscope; sampling costs CPU: take timings without)
  --from-source      run the services from their TypeScript through tsx, as \`npm start\` does;
                     by default they run from their bundles (built first), as the image does
  -h, --help         this text`;

export const { values } = parseArgs({
  options: {
    help: { type: 'boolean', short: 'h', default: false },
    rate: { type: 'string', default: '500' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '10' },
    'find-max': { type: 'boolean', default: false },
    'p99-ms': { type: 'string', default: '2000' },
    idle: { type: 'string' },
    traces: { type: 'boolean', default: false },
    'round-trips': { type: 'boolean', default: false },
    'cpu-profile': { type: 'string' },
    'from-source': { type: 'boolean', default: false },
  },
});
