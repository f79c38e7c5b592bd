import { openExceptionsOf } from './exception-gauges';

const scrape = `# HELP o2c_exceptions_open Open exceptions, by kind
# TYPE o2c_exceptions_open gauge
o2c_exceptions_open{kind="fulfillment_failed",service="fulfillment"} 2
o2c_exceptions_open{service="fulfillment",kind="delivery_overdue"} 0
# TYPE o2c_exception_oldest_open_age_seconds gauge
o2c_exception_oldest_open_age_seconds{kind="fulfillment_failed",service="fulfillment"} 3600.5
o2c_exception_oldest_open_age_seconds{service="fulfillment",kind="delivery_overdue"} 0
o2c_exceptions_opened_total{kind="fulfillment_failed"} 9
`;

describe('openExceptionsOf', () => {
  it('pairs count and oldest age by kind, leaving out kinds with none open', () => {
    expect(openExceptionsOf('fulfillment', scrape)).toEqual([
      { service: 'fulfillment', kind: 'fulfillment_failed', open: 2, oldestAgeSeconds: 3600.5 },
    ]);
  });

  it('finds nothing in a service without the gauges', () => {
    expect(openExceptionsOf('order-intake', 'process_cpu_seconds_total 1\n')).toEqual([]);
  });
});
