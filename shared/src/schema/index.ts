export * from './access.ts';
export * from './columns.ts';
export * from './constants.ts';
export * from './crm.ts';
export * from './partners-economy.ts';
export * from './sync.ts';
