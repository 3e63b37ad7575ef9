export { renderApp } from './App.tsx';
export type { Platform } from './platform.ts';
