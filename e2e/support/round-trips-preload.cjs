// Preloaded into a service by `npm run bench -- --round-trips` (node --require): counts the
// process's Postgres queries (by statement and table) and Kafka requests (by API). On SIGUSR2 it
// writes what it counted so far to $O2C_ROUND_TRIPS_DIR/<pid>.json. A diagnostic only: it wraps
// pg's and kafkajs' send paths, so timings taken with it on are not the platform's.
'use strict';
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const pg = require('pg');
const Connection = require('kafkajs/src/network/connection');

const counts = { db: {}, kafka: {} };
const add = (kind, label) => (counts[kind][label] = (counts[kind][label] ?? 0) + 1);

/** "select orders", "insert outbox", "BEGIN": the statement's verb and first table. */
function labelOf(query) {
  const text = (typeof query === 'string' ? query : (query?.text ?? '')).trim();
  const verb = (text.match(/^\w+/)?.[0] ?? '?').toLowerCase();
  if (!/^(select|insert|update|delete|with)$/.test(verb)) return verb.replace(/\d+$/, '');
  const table = text.match(/\b(?:from|into|update)\s+"?([\w.]+)"?/i)?.[1];
  return table ? `${verb} ${table}` : verb;
}

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function counted(config, ...rest) {
  add('db', labelOf(config));
  return query.call(this, config, ...rest);
};
const send = Connection.prototype.send;
Connection.prototype.send = function counted(args) {
  add('kafka', args.request.apiName);
  return send.call(this, args);
};

process.on('SIGUSR2', () => {
  const file = join(process.env.O2C_ROUND_TRIPS_DIR ?? '.', `${process.pid}.json`);
  writeFileSync(file, JSON.stringify({ at: Date.now(), ...counts }));
});
