export * from './clients.ts';
export * from './custom-values.ts';
export * from './deals.ts';
export * from './fields.ts';
export * from './org.ts';
export * from './work.ts';
