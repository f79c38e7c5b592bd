import document from './generated/asyncapi.json';

/** The AsyncAPI 3.0 catalogue of every topic (`npm run schemas:asyncapi` writes it). */
export const asyncApiDocument: Readonly<Record<string, unknown>> = document;
