import { randomUUID } from 'node:crypto';
import type avro from 'avsc';

/** A throw-away record schema with a unique namespace, so each test owns its registry subject. */
export const buildSchema = (
  namespace: string,
  extraFields: avro.schema.RecordType['fields'] = [],
) =>
  ({
    type: 'record',
    name: 'ThingHappened',
    namespace,
    doc: 'test event',
    fields: [
      { name: 'id', type: 'string', doc: 'id' },
      { name: 'quantity', type: 'double', doc: 'how many' },
      { name: 'note', type: ['null', 'string'], default: null, doc: 'optional' },
      ...extraFields,
    ],
  }) satisfies avro.schema.RecordType;

export const uniqueNamespace = () => `test.ns${randomUUID().replaceAll('-', '').slice(0, 12)}`;
