export * from './catalog.ts';
export * from './principal.ts';
export * from './scope.ts';
export * from './shape-where.ts';
