export * from './parse';
export { describeAt } from './hover';
export type { ConfigHover } from './hover';
export { experimentConfigSchema } from './schema';
export type { ConfigSchemaNode } from './schemaNode';
export * from './types';
